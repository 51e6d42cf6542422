"""The back office: every staff page under one namespace, `backoffice:`."""

from __future__ import annotations

from django.urls import path

from concours.backoffice.views import (
    accommodation,
    applications,
    assessment,
    assessment_results,
    genai,
    mails,
    privacy,
    screening,
    selection,
    selection_report,
    vacancies,
)
from concours.backoffice.views import claims as claim_views

app_name = "backoffice"
urlpatterns = [
    path("", applications.vacancy_list, name="vacancies"),
    path("vacancies/<int:vacancy_id>/", applications.vacancy_applications, name="vacancy"),
    path("vacancies/<int:vacancy_id>/move/", applications.applications_bulk_move, name="bulk_move"),
    path("vacancies/<int:vacancy_id>/applications.csv", applications.applications_export, name="export"),
    path("applications/<int:application_id>/", applications.application_detail, name="application"),
    path("applications/<int:application_id>/move/", applications.application_move, name="move"),
    path("applications/<int:application_id>/essay.pdf", applications.essay_pdf, name="essay"),
    path(
        "applications/<int:application_id>/files/<str:kind>/",
        applications.attachment_download,
        name="attachment",
    ),
    path("notices/import/", vacancies.notice_import, name="import"),
    path("vacancies/<int:vacancy_id>/review/french/", vacancies.vacancy_review_french, name="review_french"),
    path("vacancies/<int:vacancy_id>/review/", vacancies.vacancy_review, name="review"),
    path("vacancies/<int:vacancy_id>/extend/", vacancies.vacancy_extend, name="extend"),
    path("vacancies/<int:vacancy_id>/unpublish/", vacancies.vacancy_unpublish, name="unpublish"),
    path("vacancies/<int:vacancy_id>/screen/", screening.vacancy_screen, name="screen"),
    path("applications/<int:application_id>/eligibility/", screening.verdict_decide, name="decide"),
    # Experience claims and screening questions (issue 12): recruiters only.
    path("claims/<int:claim_id>/review/", claim_views.claim_review, name="claim_review"),
    path("vacancies/<int:vacancy_id>/questions/", claim_views.vacancy_questions, name="questions"),
    path("questions/<int:question_id>/remove/", claim_views.question_remove, name="question_remove"),
    # Reasonable accommodation: 404 to everyone but the recruiters in charge (see the selectors).
    path(
        "vacancies/<int:vacancy_id>/accommodation/",
        accommodation.accommodation_list,
        name="accommodation_list",
    ),
    path("accommodation/<int:request_id>/", accommodation.accommodation_detail, name="accommodation"),
    path(
        "accommodation/documents/<int:document_id>/",
        accommodation.accommodation_document,
        name="accommodation_document",
    ),
    path("erasures/", privacy.erasure_list, name="erasures"),
    path("erasures/<int:request_id>/confirm/", privacy.erasure_confirm, name="erasure_confirm"),
    # Candidates' mails: templates per organisation and language, the outbox (recruiters only).
    path("mails/", mails.mail_templates, name="mail_templates"),
    path("mails/<str:outcome>/<str:language>/", mails.mail_template_edit, name="mail_template_edit"),
    path("outbox/", mails.outbox, name="outbox"),
    path("outbox/<int:mail_id>/", mails.outbox_mail, name="outbox_mail"),
    path("outbox/<int:mail_id>/send-again/", mails.mail_resend, name="mail_resend"),
    # The assessment (assessment.py: plan, panel, declarations, scorecards; assessment_results.py: the
    # chair's figures, ranking, test results, slots).
    path("vacancies/<int:vacancy_id>/assessment/", assessment.assessment_home, name="assessment"),
    path(
        "vacancies/<int:vacancy_id>/assessment/plan/",
        assessment.assessment_plan_create,
        name="assessment_plan",
    ),
    path(
        "vacancies/<int:vacancy_id>/assessment/stages/",
        assessment.assessment_stage_add,
        name="assessment_stage_add",
    ),
    path(
        "vacancies/<int:vacancy_id>/assessment/panel/", assessment.assessment_panel, name="assessment_panel"
    ),
    path(
        "vacancies/<int:vacancy_id>/assessment/declarations/",
        assessment.assessment_declare,
        name="assessment_declare",
    ),
    path(
        "vacancies/<int:vacancy_id>/assessment/results/",
        assessment_results.assessment_results,
        name="assessment_results",
    ),
    path(
        "assessment/panel/<int:member_id>/remove/",
        assessment.assessment_panel_remove,
        name="assessment_panel_remove",
    ),
    path("assessment/stages/<int:stage_id>/", assessment.assessment_stage, name="assessment_stage"),
    path(
        "assessment/stages/<int:stage_id>/move/",
        assessment.assessment_stage_move,
        name="assessment_stage_move",
    ),
    path(
        "assessment/stages/<int:stage_id>/remove/",
        assessment.assessment_stage_remove,
        name="assessment_stage_remove",
    ),
    path(
        "assessment/stages/<int:stage_id>/criteria/",
        assessment.assessment_criterion_add,
        name="assessment_criterion_add",
    ),
    path(
        "assessment/criteria/<int:criterion_id>/remove/",
        assessment.assessment_criterion_remove,
        name="assessment_criterion_remove",
    ),
    path(
        "assessment/stages/<int:stage_id>/candidates/",
        assessment.assessment_candidates,
        name="assessment_candidates",
    ),
    path(
        "assessment/stages/<int:stage_id>/candidates/<int:application_id>/",
        assessment.assessment_scorecard,
        name="assessment_scorecard",
    ),
    path(
        "assessment/stages/<int:stage_id>/candidates/<int:application_id>/scores.json",
        assessment.assessment_scores_json,
        name="assessment_scores_json",
    ),
    path(
        "assessment/stages/<int:stage_id>/agreement/",
        assessment_results.assessment_agreement,
        name="assessment_agreement",
    ),
    path(
        "assessment/stages/<int:stage_id>/candidates/<int:application_id>/consensus/",
        assessment_results.assessment_consensus,
        name="assessment_consensus",
    ),
    path(
        "assessment/stages/<int:stage_id>/ranking/",
        assessment_results.assessment_ranking,
        name="assessment_ranking",
    ),
    path(
        "assessment/stages/<int:stage_id>/slots/",
        assessment_results.assessment_slots,
        name="assessment_slots",
    ),
    path(
        "assessment/my-schedule.ics", assessment_results.assessment_schedule_ics, name="assessment_schedule"
    ),
    # Selection decisions: the recruiters' recommendation, the appointing authority's decision, and
    # the reserve candidates a later vacancy may be offered to.
    path("vacancies/<int:vacancy_id>/selection/", selection.selection_recommendation, name="selection"),
    path("selection/inbox/", selection.selection_inbox, name="selection_inbox"),
    path(
        "selection/recommendations/<int:recommendation_id>/",
        selection.selection_decide,
        name="selection_decide",
    ),
    path("vacancies/<int:vacancy_id>/reserve/", selection.selection_reserve, name="selection_reserve"),
    # Selection reports: recruiters, administrators and the vacancy's appointing authority only.
    path("selection/reports/", selection_report.selection_report_index, name="selection_report_index"),
    path(
        "vacancies/<int:vacancy_id>/selection/reports/",
        selection_report.selection_reports,
        name="selection_reports",
    ),
    path(
        "selection/reports/<int:report_id>/download/",
        selection_report.selection_report_download,
        name="selection_report_download",
    ),
    # The advisory generative-AI signal: recruiters and administrators; only administrators switch it.
    path("genai/", genai.genai_organisations, name="genai_organisations"),
    path("genai/<int:organisation_id>/", genai.genai_organisation, name="genai_organisation"),
    path("genai/<int:organisation_id>/switch/", genai.genai_switch, name="genai_switch"),
    path("applications/<int:application_id>/genai/ask/", genai.genai_explanation_ask, name="genai_ask"),
]
