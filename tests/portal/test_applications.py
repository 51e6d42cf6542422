from __future__ import annotations

import pytest
from django.urls import reverse

from concours.accounts.models import Role
from concours.applications.models import Application, Transition
from concours.applications.services import application_submit, application_transition
from factories import (
    ApplicationFactory,
    AssignmentFactory,
    ProfileFactory,
    VacancyFactory,
    cv_upload,
    essay_upload,
    make_user,
)

pytestmark = pytest.mark.django_db
S = Application.Status


def submitted(profile=None, vacancy=None):  # type: ignore[no-untyped-def]
    profile = profile or ProfileFactory()
    return application_submit(
        candidate=profile,
        vacancy=vacancy or VacancyFactory(),
        cv=cv_upload(),
        essay=essay_upload(),
        actor=profile.user,
    )


def test_a_candidate_applies_through_the_page(client) -> None:  # type: ignore[no-untyped-def]
    """Posting the form with both files submits the application and shows it."""
    profile, vacancy = ProfileFactory(), VacancyFactory()
    client.force_login(profile.user)
    response = client.post(
        reverse("applications:apply", args=[vacancy.pk]),
        {"cv": cv_upload(), "essay": essay_upload(), "confirm": "on"},
    )
    application = Application.objects.get(candidate=profile)
    assert response.status_code == 302 and response.url == reverse(
        "applications:detail", args=[application.pk]
    )
    assert application.status == S.SUBMITTED
    page = client.get(response.url)
    assert "Submitted" in page.content.decode()


def test_a_refused_upload_shows_the_reason_and_keeps_nothing(client, media_files) -> None:  # type: ignore[no-untyped-def]
    """The page names the problem; no application is created."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    profile, vacancy = ProfileFactory(), VacancyFactory()
    client.force_login(profile.user)
    response = client.post(
        reverse("applications:apply", args=[vacancy.pk]),
        {"cv": SimpleUploadedFile("cv.pdf", b"nope"), "essay": essay_upload(), "confirm": "on"},
    )
    assert response.status_code == 200
    assert "The CV “cv.pdf” was refused. The file is plain text; accepted: PDF." in response.content.decode()
    assert not Application.objects.exists() and media_files() == []


def test_a_candidate_cannot_open_another_candidates_application(client) -> None:  # type: ignore[no-untyped-def]
    """Changing the id in the URL gives 404, for the page, the files and withdrawal."""
    mine, theirs = submitted(), submitted()
    client.force_login(mine.candidate.user)
    assert client.get(reverse("applications:detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("applications:detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("applications:attachment", args=[theirs.pk, "cv"])).status_code == 404
    assert client.post(reverse("applications:withdraw", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == S.SUBMITTED


def test_a_candidate_downloads_their_own_cv(client) -> None:  # type: ignore[no-untyped-def]
    """The owner gets the file back as uploaded."""
    application = submitted()
    client.force_login(application.candidate.user)
    response = client.get(reverse("applications:attachment", args=[application.pk, "cv"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_candidate_withdraws_through_the_page(client) -> None:  # type: ignore[no-untyped-def]
    """Withdrawal is a POST that records the move."""
    application = submitted()
    client.force_login(application.candidate.user)
    client.post(reverse("applications:withdraw", args=[application.pk]), {"reason": "Took another job"})
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    assert application.transitions.last().reason == "Took another job"


def test_a_recruiter_moves_an_application_with_a_reason(client) -> None:  # type: ignore[no-untyped-def]
    """The back-office form moves the application and records the reason."""
    application = submitted()
    recruiter = make_user(Role.RECRUITER)
    client.force_login(recruiter)
    response = client.post(
        reverse("backoffice:move", args=[application.pk]),
        {"to": S.SCREENED_IN, "reason": "Meets every requirement", "seen_status": S.SUBMITTED},
    )
    assert response.status_code == 302
    record = Transition.objects.filter(application=application).last()
    assert (record.to_status, record.actor, record.reason) == (
        S.SCREENED_IN,
        recruiter,
        "Meets every requirement",
    )


def test_the_recruiter_filters_applications_by_state(client) -> None:  # type: ignore[no-untyped-def]
    """The vacancy page lists only the state asked for, with counts per state."""
    vacancy = VacancyFactory()
    one, two = submitted(vacancy=vacancy), submitted(vacancy=vacancy)
    one.status = S.SCREENED_OUT
    one.save()
    client.force_login(make_user(Role.RECRUITER))
    page = client.get(
        reverse("backoffice:vacancy", args=[vacancy.pk]), {"status": S.SCREENED_OUT}
    ).content.decode()
    assert one.candidate.name in page and two.candidate.name not in page
    assert "Screened out (1)" in page and "Submitted (1)" in page


def test_drafts_stay_private_to_the_candidate(client) -> None:  # type: ignore[no-untyped-def]
    """A recruiter does not see an application the candidate has not submitted."""
    draft = ApplicationFactory()
    client.force_login(make_user(Role.RECRUITER))
    assert client.get(reverse("backoffice:application", args=[draft.pk])).status_code == 404


# --- who may open what -----------------------------------------------------------------------------


def _pages(application: Application) -> dict[str, str]:
    return {
        "my_applications": reverse("applications:list"),
        "apply": reverse("applications:apply", args=[application.vacancy_id]),
        "profile": reverse("candidates:profile"),
        "backoffice": reverse("backoffice:vacancies"),
        "backoffice_vacancy": reverse("backoffice:vacancy", args=[application.vacancy_id]),
        "backoffice_application": reverse("backoffice:application", args=[application.pk]),
        "essay_check": reverse("essays:check", args=[application.vacancy_id]),
        "import_notices": reverse("backoffice:import"),
        "review_notice": reverse("backoffice:review", args=[application.vacancy_id]),
        "backoffice_file": reverse("backoffice:attachment", args=[application.pk, "cv"]),
        "backoffice_export": reverse("backoffice:export", args=[application.vacancy_id]),
    }


# page -> the roles that may open it; every other role gets 403 (or 404 for objects out of reach)
ALLOWED = {
    "my_applications": {Role.CANDIDATE},
    "apply": {Role.CANDIDATE},
    "profile": {Role.CANDIDATE},
    "backoffice": {
        Role.RECRUITER,
        Role.PANEL_MEMBER,
        Role.HIRING_MANAGER,
        Role.ADMINISTRATOR,
        Role.APPOINTING_AUTHORITY,
    },
    "backoffice_vacancy": {Role.RECRUITER, Role.ADMINISTRATOR},
    "backoffice_application": {Role.RECRUITER, Role.ADMINISTRATOR},
    "essay_check": {Role.CANDIDATE},
    "import_notices": {Role.RECRUITER, Role.ADMINISTRATOR},
    "review_notice": {Role.RECRUITER, Role.ADMINISTRATOR},
    "backoffice_file": {Role.RECRUITER, Role.ADMINISTRATOR},
    "backoffice_export": {Role.RECRUITER, Role.ADMINISTRATOR},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("page", list(ALLOWED))
def test_each_page_refuses_the_wrong_role(client, role: Role, page: str) -> None:  # type: ignore[no-untyped-def]
    """Each role opens only the pages it may; the others are refused."""
    application = submitted()
    client.force_login(make_user(role))
    status = client.get(_pages(application)[page]).status_code
    if role in ALLOWED[page]:
        assert status in {200, 302}, status
    else:
        assert status in {403, 404}, status


@pytest.mark.parametrize("page", list(ALLOWED))
def test_anonymous_visitors_are_sent_to_log_in(client, page: str) -> None:  # type: ignore[no-untyped-def]
    """Every private page redirects an anonymous visitor to the login page."""
    response = client.get(_pages(submitted())[page])
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_panel_member_sees_only_assigned_vacancies(client) -> None:  # type: ignore[no-untyped-def]
    """A panel member opens the applications of their vacancy, not of another one."""
    mine, other = submitted(), submitted()
    assignment = AssignmentFactory(vacancy=mine.vacancy)
    client.force_login(assignment.user)
    listing = client.get(reverse("backoffice:vacancies")).content.decode()
    assert mine.vacancy.title in listing and other.vacancy.title not in listing
    assert client.get(reverse("backoffice:vacancy", args=[mine.vacancy_id])).status_code == 200
    assert client.get(reverse("backoffice:vacancy", args=[other.vacancy_id])).status_code == 404
    assert client.get(reverse("backoffice:application", args=[other.pk])).status_code == 404


def test_a_panel_member_may_not_move_or_download(client) -> None:  # type: ignore[no-untyped-def]
    """Moving applications and opening original files are for recruiters."""
    application = submitted()
    assignment = AssignmentFactory(vacancy=application.vacancy)
    client.force_login(assignment.user)
    assert (
        client.post(
            reverse("backoffice:move", args=[application.pk]), {"to": S.SCREENED_IN, "reason": "x"}
        ).status_code
        == 403
    )
    assert client.get(reverse("applications:attachment", args=[application.pk, "cv"])).status_code == 403
    assert client.get(reverse("backoffice:attachment", args=[application.pk, "cv"])).status_code == 403


def test_the_admin_needs_a_staff_login(client) -> None:  # type: ignore[no-untyped-def]
    """Candidates cannot enter Django's admin; recruiters can."""
    client.force_login(make_user(Role.CANDIDATE))
    assert client.get("/admin/").status_code == 302
    client.force_login(make_user(Role.RECRUITER))
    assert client.get("/admin/").status_code == 200


def test_panel_members_see_candidate_codes_not_names(client) -> None:  # type: ignore[no-untyped-def]
    """Blind review: the vacancy list and the application page show a code to a panel member."""
    application = submitted()
    application_transition(
        application=application, to=S.SCREENED_IN, reason="eligible", actor=make_user(Role.RECRUITER)
    )
    assignment = AssignmentFactory(vacancy=application.vacancy)
    client.force_login(assignment.user)
    listing = client.get(reverse("backoffice:vacancy", args=[application.vacancy_id])).content.decode()
    detail = client.get(reverse("backoffice:application", args=[application.pk])).content.decode()
    for page in (listing, detail):
        assert application.candidate_code in page and application.candidate.name not in page
    assert application.candidate_code.startswith("C-") and len(application.candidate_code) == 10


def test_a_history_line_without_a_reason_shows_a_dash_not_an_empty_cell(client) -> None:  # type: ignore[no-untyped-def]
    """The candidate's and the recruiter's history tables say "—" where no reason was given."""
    application = submitted()
    assert application.transitions.get().reason == ""
    client.force_login(application.candidate.user)
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "<td>—</td></tr>" in page
    client.force_login(make_user(Role.RECRUITER))
    page = client.get(reverse("backoffice:application", args=[application.pk])).content.decode()
    assert "<td>—</td></tr>" in page and "<td></td></tr>" not in page
