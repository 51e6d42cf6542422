"""Moves a recruiter cannot make by accident: no default target, a confirmation for moves that cannot be
undone, never more selected candidates than posts, and a bulk move that reports each refusal."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.urls import reverse

from concours.accounts.models import Role
from concours.applications.decisions import Decision
from concours.applications.forms import TransitionForm
from concours.applications.models import Application
from concours.applications.services import application_transition, applications_move
from concours.core.audit import audit_events_for
from concours.core.errors import DomainError
from factories import ApplicationFactory, VacancyFactory, make_user

pytestmark = pytest.mark.django_db
S = Application.Status
# What the selection's approval passes (the only way into a decision state); the moves below test the
# rules every such move still meets.
APPROVED = Decision("test: as the appointing authority approved")


def test_move_to_starts_empty_and_must_be_chosen() -> None:
    """The bug: "Move to" defaulted to its first choice, Withdrawn, so a reason and a click withdrew."""
    form = TransitionForm(targets=[S.SCREENED_IN, S.WITHDRAWN])
    assert form["to"].value() is None and 'value="" selected' in str(form["to"])
    posted = TransitionForm({"reason": "Eligible", "seen_status": S.SUBMITTED}, targets=[S.WITHDRAWN])
    assert not posted.is_valid() and "to" in posted.errors


def test_a_move_posted_without_a_target_moves_nothing(client) -> None:  # type: ignore[no-untyped-def]
    application = ApplicationFactory(status=S.SUBMITTED)
    client.force_login(make_user(Role.RECRUITER))
    response = client.post(
        reverse("backoffice:move", args=[application.pk]), {"reason": "x", "seen_status": S.SUBMITTED}
    )
    assert response.status_code == 400
    assert Application.objects.get(pk=application.pk).status == S.SUBMITTED


@pytest.mark.parametrize("target", [S.WITHDRAWN])
def test_a_move_that_cannot_be_undone_asks_for_a_confirmation(client, target: str) -> None:  # type: ignore[no-untyped-def]
    """Without the box ticked: refused, the reason kept in the form; with it: made."""
    application = ApplicationFactory(status=S.SCREENED_IN)
    client.force_login(make_user(Role.RECRUITER))
    url = reverse("backoffice:move", args=[application.pk])
    data = {"to": target, "reason": "Declined the interview", "seen_status": S.SCREENED_IN}
    refused = client.post(url, data)
    assert refused.status_code == 400 and "cannot be undone" in refused.content.decode()
    assert "Declined the interview" in refused.content.decode()
    assert Application.objects.get(pk=application.pk).status == S.SCREENED_IN
    assert client.post(url, {**data, "confirm": "on"}).status_code == 302
    assert Application.objects.get(pk=application.pk).status == target


def test_a_move_that_can_be_undone_needs_no_confirmation(client) -> None:  # type: ignore[no-untyped-def]
    application = ApplicationFactory(status=S.SUBMITTED)
    client.force_login(make_user(Role.RECRUITER))
    data = {"to": S.SCREENED_OUT, "reason": "No degree", "seen_status": S.SUBMITTED}
    assert client.post(reverse("backoffice:move", args=[application.pk]), data).status_code == 302


def test_never_more_selected_candidates_than_posts() -> None:
    """The bug: three candidates could be selected for two posts. The third is refused, saying why."""
    recruiter = make_user(Role.RECRUITER)
    vacancy = VacancyFactory(posts=2)
    shortlisted = [ApplicationFactory(vacancy=vacancy, status=S.SHORTLISTED) for _ in range(3)]
    for application in shortlisted[:2]:
        application_transition(
            application=application, to=S.SELECTED, reason="Best", actor=recruiter, decision=APPROVED
        )
    with pytest.raises(DomainError, match=r"Every post of this vacancy is filled \(2 post\(s\), 2"):
        application_transition(
            application=shortlisted[2], to=S.SELECTED, reason="Best", actor=recruiter, decision=APPROVED
        )
    assert Application.objects.filter(vacancy=vacancy, status=S.SELECTED).count() == 2
    assert Application.objects.get(pk=shortlisted[2].pk).status == S.SHORTLISTED
    # A selected candidate who declines frees the post.
    application_transition(application=shortlisted[0], to=S.WITHDRAWN, reason="Declined", actor=recruiter)
    application_transition(
        application=shortlisted[2], to=S.SELECTED, reason="Next", actor=recruiter, decision=APPROVED
    )


def test_a_bulk_move_makes_each_move_and_reports_each_refusal() -> None:
    """One reason for all; the one that moved since its author saw it is refused by name, the others moved."""
    recruiter = make_user(Role.RECRUITER)
    vacancy = VacancyFactory()
    first, second, moved_since = (ApplicationFactory(vacancy=vacancy, status=S.SCREENED_IN) for _ in range(3))
    application_transition(
        application=moved_since, to=S.NOT_SELECTED, reason="Out", actor=recruiter, decision=APPROVED
    )
    outcome = applications_move(
        moves=[(first, S.SCREENED_IN), (second, S.SCREENED_IN), (moved_since, S.SCREENED_IN)],
        to=S.LONGLISTED,
        reason="Strongest profiles",
        actor=recruiter,
    )
    assert [a.pk for a in outcome.moved] == [first.pk, second.pk]
    assert [r.application.pk for r in outcome.refused] == [moved_since.pk]
    assert "Not selected" in outcome.refused[0].message
    for application in (first, second):
        last = application.transitions.last()
        assert (last.to_status, last.reason, last.actor) == (S.LONGLISTED, "Strongest profiles", recruiter)
    assert Application.objects.get(pk=moved_since.pk).status == S.NOT_SELECTED


def test_the_bulk_move_page_moves_the_ticked_applications(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    ticked = [ApplicationFactory(vacancy=vacancy, status=S.SUBMITTED) for _ in range(2)]
    other = ApplicationFactory(vacancy=vacancy, status=S.SUBMITTED)
    client.force_login(make_user(Role.RECRUITER))
    url = reverse("backoffice:bulk_move", args=[vacancy.pk])
    data = {"selected": [f"{a.pk}:{a.status}" for a in ticked], "to": S.SCREENED_IN, "reason": "Eligible"}
    response = client.post(url + "?status=submitted", data, follow=True)
    assert response.redirect_chain[-1][0].endswith("?status=submitted")
    assert "2 applications moved to “Screened in”." in response.content.decode()
    assert [Application.objects.get(pk=a.pk).status for a in ticked] == [S.SCREENED_IN, S.SCREENED_IN]
    assert Application.objects.get(pk=other.pk).status == S.SUBMITTED


def test_a_bulk_move_that_cannot_be_undone_asks_for_the_confirmation_too(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    application = ApplicationFactory(vacancy=vacancy, status=S.SCREENED_IN)
    client.force_login(make_user(Role.RECRUITER))
    data = {"selected": [f"{application.pk}:{S.SCREENED_IN}"], "to": S.WITHDRAWN, "reason": "Asked to"}
    response = client.post(reverse("backoffice:bulk_move", args=[vacancy.pk]), data, follow=True)
    assert "cannot be undone" in response.content.decode()
    assert Application.objects.get(pk=application.pk).status == S.SCREENED_IN


def test_a_bulk_move_leaves_other_vacancies_applications_alone(client) -> None:  # type: ignore[no-untyped-def]
    """An id of another vacancy's application slipped into the form is not moved."""
    vacancy, elsewhere = VacancyFactory(), ApplicationFactory(status=S.SUBMITTED)
    client.force_login(make_user(Role.RECRUITER))
    data = {"selected": [f"{elsewhere.pk}:{S.SUBMITTED}"], "to": S.SCREENED_IN, "reason": "x"}
    client.post(reverse("backoffice:bulk_move", args=[vacancy.pk]), data)
    assert Application.objects.get(pk=elsewhere.pk).status == S.SUBMITTED


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: run with scripts/with-postgres.sh")
@pytest.mark.django_db(transaction=True)  # each thread commits on its own connection, as two web workers do
def test_two_recruiters_selecting_for_the_last_post_at_once_one_wins_on_postgresql() -> None:
    """Two connections select two different candidates for a one-post vacancy at the same instant: the
    vacancy's lock counts them one after the other, so exactly one is selected."""
    recruiters = [make_user(Role.RECRUITER), make_user(Role.RECRUITER)]
    for _round in range(5):
        vacancy = VacancyFactory(posts=1)
        pair = [ApplicationFactory(vacancy=vacancy, status=S.SHORTLISTED) for _ in range(2)]
        start = threading.Barrier(2)
        outcomes: list[str] = []

        def select(
            actor: object,
            application_id: int,
            start: threading.Barrier = start,
            outcomes: list[str] = outcomes,
        ) -> None:
            try:
                start.wait()
                application_transition(
                    application=Application.objects.get(pk=application_id),
                    to=S.SELECTED,
                    reason="At once",
                    actor=actor,
                    expected_status=S.SHORTLISTED,
                    decision=APPROVED,
                )
                outcomes.append("selected")
            except DomainError:
                outcomes.append("refused")
            finally:
                connection.close()

        threads = [
            threading.Thread(target=select, args=(actor, application.pk))
            for actor, application in zip(recruiters, pair, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["refused", "selected"], outcomes
        assert Application.objects.filter(vacancy=vacancy, status=S.SELECTED).count() == 1


@pytest.mark.parametrize(
    ("start", "target"),
    [(S.SHORTLISTED, S.SELECTED), (S.SHORTLISTED, S.RESERVE), (S.SCREENED_IN, S.NOT_SELECTED)],
)
@pytest.mark.parametrize("role", [Role.RECRUITER, Role.ADMINISTRATOR])
def test_nobody_decides_by_a_move_of_their_own(start: str, target: str, role: Role) -> None:
    """The bug: a recruiter's move selected before the appointing authority approved. Every move into a
    decision state without the approval's Decision is refused, saying who decides, and changes nothing."""
    application = ApplicationFactory(status=start, vacancy=VacancyFactory(posts=1))
    actor = make_user(role)
    with pytest.raises(DomainError, match="appointing authority's approval of the recommendation"):
        application_transition(application=application, to=target, reason="Best", actor=actor)
    assert Application.objects.get(pk=application.pk).status == start
    assert not application.transitions.exists()
    assert not audit_events_for(application).exists()


def test_the_move_forms_offer_no_decision(client) -> None:  # type: ignore[no-untyped-def]
    """Neither the application's form nor the bulk move offers selected, reserve list or not selected;
    one posted anyway is refused and nothing moves."""
    vacancy = VacancyFactory(posts=1)
    application = ApplicationFactory(vacancy=vacancy, status=S.SHORTLISTED)
    client.force_login(make_user(Role.RECRUITER))
    page = client.get(reverse("backoffice:application", args=[application.pk])).content.decode()
    assert 'value="withdrawn"' in page
    assert all(f'value="{state}"' not in page for state in (S.SELECTED, S.RESERVE, S.NOT_SELECTED))
    data = {"to": S.SELECTED, "reason": "Best", "seen_status": S.SHORTLISTED, "confirm": "on"}
    assert client.post(reverse("backoffice:move", args=[application.pk]), data).status_code == 400
    bulk = {
        "selected": [f"{application.pk}:{S.SHORTLISTED}"],
        "to": S.SELECTED,
        "reason": "Best",
        "confirm": "on",
    }
    client.post(reverse("backoffice:bulk_move", args=[vacancy.pk]), bulk)
    assert Application.objects.get(pk=application.pk).status == S.SHORTLISTED
    assert not application.transitions.exists()
