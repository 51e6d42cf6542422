"""The candidate's apply flow (issue 12): closed vacancies, the essay only where asked, drafts kept between
sittings, withdrawal confirmed with a reason the recruiter reads, and applying again after withdrawing."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.applications.services import application_submit, application_withdraw
from concours.core.audit import audit_events_for
from concours.vacancies.models import Vacancy
from factories import ESSAY_RULES, ProfileFactory, VacancyFactory, cv_upload, make_user

pytestmark = pytest.mark.django_db
S = Application.Status
STAFF = [Role.RECRUITER, Role.PANEL_MEMBER, Role.HIRING_MANAGER, Role.ADMINISTRATOR]


def page(response) -> lxml.html.HtmlElement:  # type: ignore[no-untyped-def]
    return lxml.html.fromstring(response.content)


def ids(response) -> set[str]:  # type: ignore[no-untyped-def]
    return {element.get("id") for element in page(response).iter() if element.get("id")}


def submitted(profile=None, vacancy=None):  # type: ignore[no-untyped-def]
    profile = profile or ProfileFactory()
    return application_submit(
        candidate=profile, vacancy=vacancy or VacancyFactory(), cv=cv_upload(), essay=None, actor=profile.user
    )


# --- closed vacancies and staff --------------------------------------------------------------------


@pytest.mark.parametrize("closed", ["deadline passed", "closed by a recruiter"])
def test_a_closed_vacancy_shows_no_form(client, closed: str) -> None:  # type: ignore[no-untyped-def]
    """The apply page of a closed vacancy says so and has no form to fill in."""
    vacancy = (
        VacancyFactory(deadline=timezone.now() - dt.timedelta(hours=1))
        if closed == "deadline passed"
        else VacancyFactory(status=Vacancy.Status.CLOSED)
    )
    profile = ProfileFactory()
    client.force_login(profile.user)
    response = client.get(reverse("applications:apply", args=[vacancy.pk]))
    assert response.status_code == 200
    assert "closed" in ids(response) and "apply-form" not in ids(response)
    assert not page(response).xpath("//input[@type='file']")


def test_a_post_to_a_closed_vacancy_keeps_nothing(client, media_files) -> None:  # type: ignore[no-untyped-def]
    """Whatever is posted after the deadline is refused with the reason, and nothing is kept."""
    vacancy = VacancyFactory(deadline=timezone.now() - dt.timedelta(hours=1))
    client.force_login(ProfileFactory().user)
    for button in ("submit", "save_draft"):
        response = client.post(
            reverse("applications:apply", args=[vacancy.pk]),
            {"cv": cv_upload(), "confirm": "on", button: "1"},
        )
        assert (
            response.status_code == 200 and "has passed; applications are closed" in response.content.decode()
        )
    assert not Application.objects.exists() and media_files() == []


@pytest.mark.parametrize("role", STAFF)
def test_staff_see_no_apply_button(client, role: Role) -> None:  # type: ignore[no-untyped-def]
    """A staff member reading an open notice is told that candidates apply; no "Apply" is offered."""
    vacancy = VacancyFactory()
    client.force_login(make_user(role))
    response = client.get(reverse("vacancies:detail", args=[vacancy.pk]))
    assert "apply" not in ids(response) and "staff-no-apply" in ids(response)


@pytest.mark.parametrize("role", STAFF)
def test_staff_sent_to_apply_get_a_page_saying_applications_are_for_candidates(client, role: Role) -> None:  # type: ignore[no-untyped-def]
    """The apply address refuses staff (403) with a page that says why, not a bare 403, and keeps nothing."""
    vacancy = VacancyFactory()
    client.force_login(make_user(role))
    for response in (
        client.get(reverse("applications:apply", args=[vacancy.pk])),
        client.post(reverse("applications:apply", args=[vacancy.pk]), {"cv": cv_upload(), "confirm": "on"}),
    ):
        assert response.status_code == 403
        assert "candidates-only" in ids(response)
        assert "Applications are made by candidates" in response.content.decode()
    assert not Application.objects.exists()


def test_visitors_and_candidates_see_apply(client) -> None:  # type: ignore[no-untyped-def]
    """Anonymous visitors (sent to log in) and candidates are offered "Apply"."""
    vacancy = VacancyFactory()
    assert "apply" in ids(client.get(reverse("vacancies:detail", args=[vacancy.pk])))
    client.force_login(ProfileFactory().user)
    assert "apply" in ids(client.get(reverse("vacancies:detail", args=[vacancy.pk])))


# --- the essay -------------------------------------------------------------------------------------


def test_the_essay_field_appears_only_where_the_notice_asks_for_one(client) -> None:  # type: ignore[no-untyped-def]
    """No essay field for a notice without essay rules; a required one where the notice has them."""
    without = VacancyFactory(notice={"title": "Clerk", "essay": None})
    with_essay = VacancyFactory(notice={"title": "Head of Section", "essay": ESSAY_RULES})
    client.force_login(ProfileFactory().user)
    assert "id_essay" not in ids(client.get(reverse("applications:apply", args=[without.pk])))
    essay = page(client.get(reverse("applications:apply", args=[with_essay.pk]))).get_element_by_id(
        "id_essay"
    )
    assert essay.get("required") is not None


def test_submitting_without_the_essay_asked_for_says_so(client) -> None:  # type: ignore[no-untyped-def]
    """A notice that asks for an essay refuses an application without one, before any file is read."""
    vacancy = VacancyFactory(notice={"title": "Head of Section", "essay": ESSAY_RULES})
    client.force_login(ProfileFactory().user)
    response = client.post(
        reverse("applications:apply", args=[vacancy.pk]), {"cv": cv_upload(), "confirm": "on"}
    )
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not Application.objects.exists()


# --- drafts ----------------------------------------------------------------------------------------


def test_a_draft_keeps_the_files_between_sittings(
    client, media_files, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    """Saving a draft keeps the CV (checked by the gate); the candidate comes back later, sees it, and
    submits without sending it again; the draft's copy is then removed."""
    profile, vacancy = ProfileFactory(), VacancyFactory()
    client.force_login(profile.user)
    url = reverse("applications:apply", args=[vacancy.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"cv": cv_upload("my cv.pdf"), "save_draft": "1"})
    assert response.status_code == 302 and response.url == url
    draft = Application.objects.get(candidate=profile)
    assert draft.status == S.DRAFT and list(draft.attachments.values_list("original_name", flat=True)) == [
        "my cv.pdf"
    ]
    assert audit_events_for(draft).filter(event_type="APPLICATION_DRAFT_SAVED").count() == 1
    assert len(media_files()) == 1

    # Another sitting: a new session, the draft is shown with its file.
    client.logout()
    client.force_login(profile.user)
    later = client.get(url)
    assert "draft" in ids(later) and "my cv.pdf" in later.content.decode()
    assert page(later).get_element_by_id("id_cv").get("required") is None
    assert "continue" in ids(client.get(reverse("applications:detail", args=[draft.pk])))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirm": "on"})
    draft.refresh_from_db()
    assert response.status_code == 302 and draft.status == S.SUBMITTED
    assert list(draft.attachments.values_list("original_name", flat=True)) == ["my cv.pdf"]
    assert len(media_files()) == 1  # the submission's copy only


def test_a_draft_needs_no_declaration_but_a_submission_does(client) -> None:  # type: ignore[no-untyped-def]
    """The declaration is made at submission: a draft is saved without it, a submission is refused."""
    profile, vacancy = ProfileFactory(), VacancyFactory()
    client.force_login(profile.user)
    url = reverse("applications:apply", args=[vacancy.pk])
    assert client.post(url, {"cv": cv_upload(), "save_draft": "1"}).status_code == 302
    response = client.post(url, {})
    assert response.status_code == 200
    assert Application.objects.get(candidate=profile).status == S.DRAFT


def test_a_refused_file_in_a_draft_keeps_nothing(client, media_files) -> None:  # type: ignore[no-untyped-def]
    """A draft's file passes the same gate: a refused one leaves no draft and no file."""
    profile, vacancy = ProfileFactory(), VacancyFactory()
    client.force_login(profile.user)
    response = client.post(
        reverse("applications:apply", args=[vacancy.pk]),
        {"cv": SimpleUploadedFile("cv.pdf", b"nope"), "save_draft": "1"},
    )
    assert response.status_code == 200 and "was refused" in response.content.decode()
    assert not Application.objects.exists() and media_files() == []


def test_a_draft_stays_private_to_its_candidate(client) -> None:  # type: ignore[no-untyped-def]
    """Another candidate gets 404 for the draft and its file; the recruiter's pages do not show it."""
    profile, vacancy = ProfileFactory(), VacancyFactory()
    client.force_login(profile.user)
    client.post(reverse("applications:apply", args=[vacancy.pk]), {"cv": cv_upload(), "save_draft": "1"})
    draft = Application.objects.get(candidate=profile)
    client.force_login(ProfileFactory().user)
    assert client.get(reverse("applications:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("applications:attachment", args=[draft.pk, "cv"])).status_code == 404
    client.force_login(make_user(Role.RECRUITER))
    assert client.get(reverse("backoffice:application", args=[draft.pk])).status_code == 404


# --- withdrawal ------------------------------------------------------------------------------------


def test_withdrawing_asks_for_confirmation(client) -> None:  # type: ignore[no-untyped-def]
    """The application page only links to a confirmation page; opening it withdraws nothing; its form
    withdraws, with the reason."""
    application = submitted()
    client.force_login(application.candidate.user)
    detail = page(client.get(reverse("applications:detail", args=[application.pk])))
    withdraw_url = reverse("applications:withdraw", args=[application.pk])
    assert not detail.xpath(f"//form[@action='{withdraw_url}']")
    assert detail.get_element_by_id("withdraw").get("href") == withdraw_url

    confirmation = client.get(withdraw_url)
    application.refresh_from_db()
    assert confirmation.status_code == 200 and application.status == S.SUBMITTED
    assert {"withdraw-form", "id_reason", "confirm-withdraw", "keep"} <= ids(confirmation)
    assert "you can still apply again" in confirmation.content.decode()

    response = client.post(withdraw_url, {"reason": "I accepted another offer."})
    application.refresh_from_db()
    assert response.status_code == 302 and application.status == S.WITHDRAWN
    assert application.transitions.last().reason == "I accepted another offer."
    # Once withdrawn, the confirmation page sends the candidate back.
    assert client.get(withdraw_url).status_code == 302


def test_the_recruiter_reads_the_candidates_withdrawal_reason(client) -> None:  # type: ignore[no-untyped-def]
    """The back office's application page says who withdrew it, when, and why."""
    application = submitted()
    client.force_login(application.candidate.user)
    client.post(reverse("applications:withdraw", args=[application.pk]), {"reason": "Moving abroad."})
    client.force_login(make_user(Role.RECRUITER))
    response = client.get(reverse("backoffice:application", args=[application.pk]))
    withdrawal = page(response).get_element_by_id("withdrawal").text_content()
    assert "Withdrawn by the candidate" in withdrawal and "“Moving abroad.”" in withdrawal


def test_the_candidate_sees_their_own_reason_only(client) -> None:  # type: ignore[no-untyped-def]
    """The candidate's history shows the reason they gave, not the recruiters' notes."""
    from concours.applications.services import application_transition

    application = submitted()
    application_transition(
        application=application, to=S.SCREENED_IN, reason="Internal note", actor=make_user(Role.RECRUITER)
    )
    application_withdraw(application=application, actor=application.candidate.user, reason="Family reasons")
    client.force_login(application.candidate.user)
    html = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "Family reasons" in html and "Internal note" not in html


@pytest.mark.parametrize("role", list(Role))
def test_the_withdrawal_page_refuses_everyone_but_its_candidate(client, role: Role) -> None:  # type: ignore[no-untyped-def]
    """Staff get 403, another candidate 404, for the page and its form; nothing is withdrawn."""
    application = submitted()
    client.force_login(make_user(role))
    url = reverse("applications:withdraw", args=[application.pk])
    expected = {404} if role == Role.CANDIDATE else {403}
    assert client.get(url).status_code in expected
    assert client.post(url, {"reason": "x"}).status_code in expected
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_anonymous_visitors_are_sent_to_log_in_to_withdraw(client) -> None:  # type: ignore[no-untyped-def]
    application = submitted()
    response = client.get(reverse("applications:withdraw", args=[application.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


# --- applying again --------------------------------------------------------------------------------


def test_a_candidate_applies_again_after_withdrawing(client) -> None:  # type: ignore[no-untyped-def]
    """Before the deadline, a candidate who withdrew applies again: a new application, the withdrawn one
    kept as it was, with its history."""
    first = submitted()
    profile, vacancy = first.candidate, first.vacancy
    application_withdraw(application=first, actor=profile.user, reason="Changed my mind")
    client.force_login(profile.user)
    notice = client.get(reverse("vacancies:detail", args=[vacancy.pk]))
    assert {"apply", "withdrawn-before"} <= ids(notice)
    detail = client.get(reverse("applications:detail", args=[first.pk]))
    assert "apply-again" in ids(detail)
    form = client.get(reverse("applications:apply", args=[vacancy.pk]))
    assert {"apply-form", "withdrawn-before"} <= ids(form)

    response = client.post(
        reverse("applications:apply", args=[vacancy.pk]), {"cv": cv_upload(), "confirm": "on"}
    )
    second = Application.objects.exclude(pk=first.pk).get(candidate=profile, vacancy=vacancy)
    assert response.status_code == 302 and response.url == reverse("applications:detail", args=[second.pk])
    first.refresh_from_db()
    assert (first.status, second.status) == (S.WITHDRAWN, S.SUBMITTED)
    assert [t.to_status for t in first.transitions.all()] == [S.SUBMITTED, S.WITHDRAWN]
    # The notice now leads to the new application, and a third one is refused.
    assert "apply" not in ids(client.get(reverse("vacancies:detail", args=[vacancy.pk])))
    again = client.post(
        reverse("applications:apply", args=[vacancy.pk]), {"cv": cv_upload(), "confirm": "on"}
    )
    assert again.status_code == 302 and again.url == reverse("applications:detail", args=[second.pk])
    assert Application.objects.filter(candidate=profile, vacancy=vacancy).count() == 2


def test_no_applying_again_after_the_deadline(client) -> None:  # type: ignore[no-untyped-def]
    """After the deadline the withdrawn application offers no way back, and a post is refused."""
    first = submitted()
    application_withdraw(application=first, actor=first.candidate.user)
    with time_machine.travel(first.vacancy.deadline + dt.timedelta(minutes=1)):
        client.force_login(first.candidate.user)
        assert "apply-again" not in ids(client.get(reverse("applications:detail", args=[first.pk])))
        form = client.get(reverse("applications:apply", args=[first.vacancy_id]))
        assert "apply-form" not in ids(form) and "closed" in ids(form)
        client.post(
            reverse("applications:apply", args=[first.vacancy_id]), {"cv": cv_upload(), "confirm": "on"}
        )
    assert Application.objects.get(candidate=first.candidate).status == S.WITHDRAWN
