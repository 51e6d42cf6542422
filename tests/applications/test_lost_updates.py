"""A move carries the state its author saw: when the application has moved since, it is refused."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.urls import reverse

from concours.accounts.models import Role
from concours.applications.models import Application, Transition
from concours.applications.services import application_submit, application_transition
from concours.core.audit import audit_events_for
from concours.core.errors import Conflict
from factories import ProfileFactory, VacancyFactory, cv_upload, make_user

S = Application.Status


def submitted() -> Application:
    profile = ProfileFactory()
    return application_submit(
        candidate=profile, vacancy=VacancyFactory(), cv=cv_upload(), essay=None, actor=profile.user
    )


def history(application: Application) -> list[tuple[str, str]]:
    return list(Transition.objects.filter(application=application).values_list("from_status", "to_status"))


@pytest.mark.django_db
def test_a_stale_move_is_refused_and_changes_nothing() -> None:
    """Two recruiters saw "submitted"; the second move is refused, naming who moved it and to what."""
    application = submitted()
    first = make_user(Role.RECRUITER, name="Ana Ferreira")
    second = make_user(Role.RECRUITER)
    application_transition(
        application=application, to=S.SCREENED_IN, reason="Fits", actor=first, expected_status=S.SUBMITTED
    )
    before = (history(application), audit_events_for(application).count())
    with pytest.raises(Conflict) as refused:
        application_transition(
            application=application,
            to=S.SCREENED_OUT,
            reason="No degree",
            actor=second,
            expected_status=S.SUBMITTED,
        )
    assert "Ana Ferreira" in refused.value.message and "Screened in" in refused.value.message
    application.refresh_from_db()
    assert application.status == S.SCREENED_IN
    assert (history(application), audit_events_for(application).count()) == before


@pytest.mark.django_db
def test_the_page_refuses_a_stale_move_and_says_who_moved_it(client) -> None:  # type: ignore[no-untyped-def]
    """The form carries the state shown; a move from a page opened before another's is refused with
    409, the page shows the new state with its own form, and keeps the reason typed."""
    application = submitted()
    other = make_user(Role.RECRUITER, name="Bo Lindqvist")
    client.force_login(make_user(Role.RECRUITER))
    page = client.get(reverse("backoffice:application", args=[application.pk])).content.decode()
    assert 'name="seen_status" value="submitted"' in page
    application_transition(application=application, to=S.SCREENED_OUT, reason="No degree", actor=other)

    response = client.post(
        reverse("backoffice:move", args=[application.pk]),
        {"to": S.SCREENED_IN, "reason": "Degree seen on the CV", "seen_status": S.SUBMITTED},
    )

    assert response.status_code == 409
    text = response.content.decode()
    assert "Bo Lindqvist" in text and "Screened out" in text
    assert 'name="seen_status" value="screened_out"' in text and "Degree seen on the CV" in text
    application.refresh_from_db()
    assert application.status == S.SCREENED_OUT
    assert history(application)[-1] == (S.SUBMITTED, S.SCREENED_OUT)


def race(application_id: int, recruiters: list[object], targets: list[str]) -> list[str]:
    """Each recruiter moves the application in a thread of their own, released at the same instant."""
    start = threading.Barrier(len(recruiters))
    outcomes: list[str] = []

    def move(actor: object, to: str) -> None:
        try:
            start.wait()
            application_transition(
                application=Application(pk=application_id),
                to=to,
                reason="At once",
                actor=actor,
                expected_status=S.SUBMITTED,
            )
            outcomes.append(f"moved:{to}")
        except Conflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=move, args=pair) for pair in zip(recruiters, targets, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: run with scripts/with-postgres.sh")
@pytest.mark.django_db(transaction=True)  # each thread commits on its own connection, as two web workers do
def test_two_recruiters_moving_at_once_one_wins_on_postgresql() -> None:
    """Two connections move the same application at the same instant, both having seen "submitted"
    and either move being legal after the other: exactly one succeeds, the other is refused."""
    recruiters: list[object] = [make_user(Role.RECRUITER), make_user(Role.RECRUITER)]
    for _round in range(5):
        application = submitted()
        outcomes = race(application.pk, recruiters, [S.SCREENED_IN, S.SCREENED_OUT])
        assert sorted(o.split(":")[0] for o in outcomes) == ["moved", "refused"], outcomes
        winner = next(o.split(":")[1] for o in outcomes if o.startswith("moved"))
        application.refresh_from_db()
        assert application.status == winner
        assert history(application) == [(S.DRAFT, S.SUBMITTED), (S.SUBMITTED, winner)]
