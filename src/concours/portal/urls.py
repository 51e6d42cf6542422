"""The portal's pages: the public vacancies and everything a candidate does.

Each area keeps its own URL namespace (`vacancies:`, `candidates:`, `applications:`, `essays:`,
`privacy:`, `alerts:`), so the addresses and names candidates and mails already use stay as they were.
"""

from __future__ import annotations

from django.urls import include, path

from concours.portal.views import (
    accommodation,
    alerts,
    applications,
    essays,
    genai,
    privacy,
    profile,
    reserve_offers,
    slots,
    vacancies,
)

vacancy_patterns = [
    path("", vacancies.vacancy_list, name="list"),
    path("<int:vacancy_id>/", vacancies.vacancy_detail, name="detail"),
]
profile_patterns = [path("", profile.profile_edit, name="profile")]
application_patterns = [
    path("", applications.application_list, name="list"),
    path("<int:application_id>/", applications.application_detail, name="detail"),
    path("<int:application_id>/withdraw/", applications.application_withdraw, name="withdraw"),
    path("<int:application_id>/files/<str:kind>/", applications.attachment_download, name="attachment"),
    path("apply/<int:vacancy_id>/", applications.application_apply, name="apply"),
    path("<int:application_id>/slots/", slots.slot_list, name="slots"),
    path(
        "<int:application_id>/invitations/<int:invitation_id>.ics",
        slots.invitation_ics,
        name="invitation_ics",
    ),
    path("<int:application_id>/accommodation/", accommodation.accommodation_request, name="accommodation"),
    path(
        "<int:application_id>/accommodation/documents/<int:document_id>/",
        accommodation.accommodation_document,
        name="accommodation_document",
    ),
    path("<int:application_id>/questions/", genai.explanation_list, name="explanations"),
    path("offers/", reserve_offers.reserve_offer_list, name="reserve_offers"),
    path("offers/<int:offer_id>/", reserve_offers.reserve_offer, name="reserve_offer"),
]
essay_patterns = [
    path("check/<int:vacancy_id>/", essays.draft_check, name="check"),
    path("checks/<int:check_id>/", essays.draft_check_result, name="result"),
    path("replace/<int:application_id>/", essays.essay_replace, name="replace"),
]

privacy_patterns = [
    path("", privacy.privacy_home, name="home"),
    path("download/", privacy.personal_data_download, name="download"),
    path("erase/", privacy.erasure_request, name="erase"),
]

alert_patterns = [
    path("", alerts.job_alert_list, name="list"),
    path("save/", alerts.job_alert_save, name="save"),
    path("<int:alert_id>/cancel/", alerts.job_alert_cancel, name="cancel"),
    # The link of the alert's mails: no sign-in, the token signs the alert's id.
    path("<int:alert_id>/unsubscribe/<str:token>/", alerts.job_alert_unsubscribe, name="unsubscribe"),
]

urlpatterns = [
    path("vacancies/", include((vacancy_patterns, "vacancies"))),
    path("job-alerts/", include((alert_patterns, "alerts"))),
    path("profile/", include((profile_patterns, "candidates"))),
    path("applications/", include((application_patterns, "applications"))),
    path("essays/", include((essay_patterns, "essays"))),
    path("my-data/", include((privacy_patterns, "privacy"))),
]
