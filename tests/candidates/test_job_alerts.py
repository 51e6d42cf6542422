"""Job alerts: saving and cancelling them (audited, refused without a trace), and the daily mail of the
vacancies published since the last one that match the saved search and are still open."""

from __future__ import annotations

import datetime as dt
import logging
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import QuerySet
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from concours.accounts.models import Role
from concours.candidates.management.commands.send_job_alerts import Command
from concours.candidates.models import JobAlert
from concours.candidates.services import (
    JOB_ALERT_MAIL_MAX,
    JOB_ALERT_SETTLE,
    job_alert_cancel,
    job_alert_save,
    job_alert_unsubscribe,
    job_alerts_send,
)
from concours.candidates.unsubscribe import unsubscribe_token
from concours.core.audit import audit_events_for
from concours.core.errors import DomainError, NotAllowed
from concours.core.models import AuditEvent, AuditEventType
from concours.vacancies.models import Vacancy
from factories import JobAlertFactory, VacancyFactory, make_user

pytestmark = pytest.mark.django_db

# A fixed day, so that the deadlines written out in the mails can be read in the tests.
NOW = dt.datetime(2026, 6, 1, 6, 0, tzinfo=dt.UTC)
YESTERDAY = NOW - dt.timedelta(days=1)
# 12:00 in Brussels (summer time) on 30 June 2026.
DEADLINE = dt.datetime(2026, 6, 30, 10, 0, tzinfo=dt.UTC)


def published(hours_ago: float, **fields: object) -> Vacancy:
    fields.setdefault("deadline", DEADLINE)
    return VacancyFactory(published_at=NOW - dt.timedelta(hours=hours_ago), **fields)  # type: ignore[no-any-return]


def alert(**fields: object) -> JobAlert:
    fields.setdefault("created_at", YESTERDAY)
    fields.setdefault("last_sent_at", fields["created_at"])
    return JobAlertFactory(**fields)  # type: ignore[no-any-return]


def alert_events() -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        event_type__in=[AuditEventType.JOB_ALERT_SAVED, AuditEventType.JOB_ALERT_CANCELLED]
    )


def filters(**values: object) -> dict[str, object]:
    return {"query": "", "organisation": "", "grade": "", "location": "", "closing_soon": False, **values}


# The daily mail ---------------------------------------------------------------------------------------


def test_a_new_matching_vacancy_is_mailed_with_its_details_and_an_unsubscribe_link() -> None:
    saved = alert(grade="G17", owner=make_user(Role.CANDIDATE, name="Ana Lima", email="ana@example.org"))
    vacancy = published(3, title="Cyber Defence Officer", reference="260123", location="Mons, Belgium")
    run = job_alerts_send(now=NOW)
    assert (run.mailed, run.vacancies, run.quiet, run.failed) == (1, 1, 0, [])
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert message.subject == "A new vacancy for your job alert: G17"
    assert "Dear Ana Lima," in message.body
    assert "Cyber Defence Officer" in message.body
    assert "Reference: 260123" in message.body and "Grade: G17" in message.body
    assert "Location: Mons, Belgium" in message.body
    # The deadline written out, at the duty station.
    assert "Deadline: 30 June 2026, 12:00 (Brussels time)" in message.body
    assert f"{settings.CONCOURS_SITE_URL}/vacancies/{vacancy.pk}/\n" in message.body
    link = f"/job-alerts/{saved.pk}/unsubscribe/{unsubscribe_token(saved.pk)}/"
    assert link in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert message.extra_headers["List-Unsubscribe"].endswith(link + ">")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    saved.refresh_from_db()
    assert saved.last_sent_at == NOW - JOB_ALERT_SETTLE


def test_a_vacancy_published_before_the_alert_or_already_mailed_is_not_sent_again() -> None:
    saved = alert()
    published(30, title="Before the alert")  # the alert was saved 24 hours ago
    published(2, title="First day")
    job_alerts_send(now=NOW)
    assert [m.body.count("First day") for m in mail.outbox] == [1]
    assert "Before the alert" not in mail.outbox[0].body
    # The next day: only what was published since.
    VacancyFactory(title="Second day", published_at=NOW + dt.timedelta(hours=5), deadline=DEADLINE)
    job_alerts_send(now=NOW + dt.timedelta(days=1))
    assert len(mail.outbox) == 2
    second = mail.outbox[1].body
    assert "Second day" in second and "First day" not in second and "Before the alert" not in second
    saved.refresh_from_db()
    assert saved.last_sent_at == NOW + dt.timedelta(days=1) - JOB_ALERT_SETTLE


def test_closed_draft_and_unmatched_vacancies_are_left_out_and_no_mail_is_sent_without_news() -> None:
    saved = alert(query="cyber", grade="G17")
    published(2, title="Cyber closed", status=Vacancy.Status.CLOSED)
    published(2, title="Cyber past its deadline", deadline=NOW - dt.timedelta(hours=1))  # not yet closed
    published(2, title="Cyber draft", status=Vacancy.Status.DRAFT)
    published(2, title="Cyber at another grade", grade="G15")
    published(2, title="Legal adviser", grade="G17")
    run = job_alerts_send(now=NOW)
    assert (run.mailed, run.quiet, run.failed) == (0, 1, [])
    assert mail.outbox == []
    # Nothing was missed: the cut-off moves on, so that these are not looked at again.
    saved.refresh_from_db()
    assert saved.last_sent_at == NOW - JOB_ALERT_SETTLE


def test_a_vacancy_published_in_the_last_minutes_waits_for_the_next_mail() -> None:
    """A publication may still be committing when the run reads: it is mailed the day after, not lost."""
    alert()
    published(JOB_ALERT_SETTLE.total_seconds() / 3600 / 2, title="Just published")
    job_alerts_send(now=NOW)
    assert mail.outbox == []
    job_alerts_send(now=NOW + dt.timedelta(days=1))
    assert "Just published" in mail.outbox[0].body


def test_a_french_alert_is_mailed_in_french() -> None:
    """The alert's language, whatever the language of the account or of the run."""
    owner = make_user(Role.CANDIDATE, name="Jeanne Martin", language="en")
    alert(owner=owner, language="fr", grade="G17")
    published(3, title="Policy Officer", title_fr="Responsable de la politique", reference="260777")
    job_alerts_send(now=NOW)
    [message] = mail.outbox
    assert message.subject == "Un nouveau poste à pourvoir pour votre alerte\u00a0: G17"
    assert message.body.startswith("Bonjour Jeanne Martin,")
    assert "Responsable de la politique" in message.body and "Policy Officer" not in message.body
    assert "Référence\u00a0: 260777" in message.body
    assert "Date limite\u00a0: 30 juin 2026, 12\u00a0h\u00a000 (heure de Bruxelles)" in message.body
    assert "Deadline" not in message.body
    # The duty station in French too.
    assert "Bruxelles, Belgique" in message.body and "Belgium" not in message.body


def test_two_runs_the_same_day_send_one_mail() -> None:
    alert()
    published(3, title="Morning vacancy")
    job_alerts_send(now=NOW)
    # Published between the two runs: it goes in tomorrow's mail, not in a second one today.
    VacancyFactory(title="Noon vacancy", published_at=NOW + dt.timedelta(hours=5), deadline=DEADLINE)
    run = job_alerts_send(now=NOW + dt.timedelta(hours=7))
    assert (run.mailed, run.quiet, run.failed) == (0, 0, [])
    assert len(mail.outbox) == 1
    job_alerts_send(now=NOW + dt.timedelta(days=1))
    assert len(mail.outbox) == 2 and "Noon vacancy" in mail.outbox[1].body


def test_cancelled_alerts_and_erased_candidates_get_no_mail() -> None:
    alert(active=False)
    alert(owner=make_user(Role.CANDIDATE, is_active=False))
    published(3)
    run = job_alerts_send(now=NOW)
    assert (run.mailed, run.quiet, run.failed) == (0, 0, [])
    assert mail.outbox == []


def test_a_long_list_stops_at_its_limit_and_links_to_the_search() -> None:
    alert(grade="G17", location="Brussels, Belgium")
    for _ in range(JOB_ALERT_MAIL_MAX + 2):
        published(2)
    job_alerts_send(now=NOW)
    [message] = mail.outbox
    assert message.body.count("Reference: ") == JOB_ALERT_MAIL_MAX
    assert f"{JOB_ALERT_MAIL_MAX + 2} vacancies matching your job alert" in message.body
    assert "And 2 more vacancies" in message.body
    assert "/vacancies/?grade=G17&location=Brussels%2C+Belgium" in message.body


def test_an_alert_that_fails_is_counted_and_kept_for_the_next_run_and_the_others_are_mailed(caplog) -> None:  # type: ignore[no-untyped-def]
    no_address = make_user(Role.CANDIDATE)
    type(no_address).objects.filter(pk=no_address.pk).update(email="")
    failing = alert(owner=no_address)
    mailed = alert()
    published(3)
    with caplog.at_level(logging.ERROR):
        run = job_alerts_send(now=NOW)
    assert (run.mailed, run.failed) == (1, [failing.pk])
    assert mail.outbox[0].to == [mailed.owner.email]
    assert f"Job alert {failing.pk}" in caplog.text
    failing.refresh_from_db()
    assert failing.last_sent_at == YESTERDAY  # its vacancies will be in the next mail that can be sent


def test_the_command_prints_its_counts_and_exits_non_zero_when_an_alert_fails() -> None:
    alert(last_sent_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    VacancyFactory(published_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=2))
    out = StringIO()
    call_command("send_job_alerts", stdout=out)
    assert out.getvalue().strip() == "mailed 1 alerts (1 vacancies), 0 with nothing new, 0 failed"
    assert len(mail.outbox) == 1

    # An alert whose candidate has no address: the run goes on, says so and exits with 1 (for cron).
    no_address = make_user(Role.CANDIDATE)
    type(no_address).objects.filter(pk=no_address.pk).update(email="")
    failing = alert(owner=no_address, last_sent_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    alert(last_sent_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    out = StringIO()
    with pytest.raises(CommandError, match=f"job alerts not mailed .*{failing.pk}"):
        call_command("send_job_alerts", stdout=out)
    assert "1 failed" in out.getvalue()
    assert len(mail.outbox) == 2
    with pytest.raises(SystemExit) as exit_:
        Command(stdout=StringIO(), stderr=StringIO()).run_from_argv(["concours", "send_job_alerts"])
    assert exit_.value.code == 1


@given(
    vacancies=st.lists(
        st.tuples(
            st.integers(min_value=-60, max_value=60),  # published, minutes from the last mail's cut-off
            st.sampled_from(list(Vacancy.Status)),
            st.integers(min_value=-3, max_value=3),  # deadline, days from the run
            st.sampled_from(["G17", "G15"]),
        ),
        max_size=4,
    ),
    run_after=st.integers(min_value=20 * 60, max_value=30 * 60),  # the run, minutes after the cut-off
)
@examples(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_mail_lists_exactly_the_open_matching_vacancies_published_in_its_window(
    vacancies: list[tuple[int, str, int, str]], run_after: int
) -> None:
    with transaction.atomic():
        since = NOW - dt.timedelta(days=2)
        now = since + dt.timedelta(minutes=run_after)
        alert(grade="G17", created_at=since - dt.timedelta(days=1), last_sent_at=since)
        expected = set()
        for index, (published_minutes, status, deadline_days, grade) in enumerate(vacancies):
            published_at = since + dt.timedelta(minutes=published_minutes)
            deadline = now + dt.timedelta(days=deadline_days, minutes=1)
            VacancyFactory(
                reference=f"H{index}",
                published_at=published_at,
                status=status,
                deadline=deadline,
                grade=grade,
            )
            if (
                since < published_at <= now - JOB_ALERT_SETTLE
                and status == Vacancy.Status.PUBLISHED
                and deadline >= now
                and grade == "G17"
            ):
                expected.add(f"H{index}")
        mail.outbox.clear()
        job_alerts_send(now=now)
        sent = {
            ref
            for message in mail.outbox
            for ref in (f"H{i}" for i in range(4))
            if f": {ref}\n" in message.body
        }
        assert sent == expected
        assert len(mail.outbox) == (1 if expected else 0)
        transaction.set_rollback(True)


# Saving and cancelling --------------------------------------------------------------------------------


def test_a_candidate_saves_a_search_as_an_alert_audited() -> None:
    candidate = make_user(Role.CANDIDATE)
    saved = job_alert_save(
        owner=candidate,
        filters=filters(query="  cyber ", grade="G17"),
        language="fr",
        actor=candidate,
        now=NOW,
    )
    assert (saved.query, saved.grade, saved.language, saved.active) == ("cyber", "G17", "fr", True)
    # Vacancies already on the portal were on the page the candidate was reading: only newer ones are mailed.
    assert saved.last_sent_at == saved.created_at == NOW
    [event] = audit_events_for(saved)
    assert event.event_type == AuditEventType.JOB_ALERT_SAVED and event.actor == candidate
    assert event.extra["query"] == "cyber" and event.extra["language"] == "fr"


@pytest.mark.parametrize(
    "bad",
    [
        {"query": 5},
        {"query": "x" * 201},
        {"grade": "G" * 41},
        {"closing_soon": "yes"},
        {"salary": "high"},
    ],
)
def test_a_search_that_is_not_the_portal_s_is_refused_without_a_trace(bad: dict[str, object]) -> None:
    candidate = make_user(Role.CANDIDATE)
    with pytest.raises(DomainError):
        job_alert_save(owner=candidate, filters=filters(**bad), language="en", actor=candidate)
    assert not JobAlert.objects.exists() and not alert_events().exists()


def test_staff_cannot_save_alerts() -> None:
    recruiter = make_user(Role.RECRUITER)
    with pytest.raises(NotAllowed):
        job_alert_save(owner=recruiter, filters=filters(), language="en", actor=recruiter)
    assert not JobAlert.objects.exists()


def test_the_same_search_twice_and_more_than_the_cap_are_refused() -> None:
    candidate = make_user(Role.CANDIDATE)
    job_alert_save(owner=candidate, filters=filters(grade="G17"), language="en", actor=candidate)
    with pytest.raises(DomainError, match="already"):
        job_alert_save(owner=candidate, filters=filters(grade="G17"), language="en", actor=candidate)
    for index in range(JobAlert.MAX_PER_CANDIDATE - 1):
        job_alert_save(owner=candidate, filters=filters(query=f"word{index}"), language="en", actor=candidate)
    with pytest.raises(DomainError, match="cancel one"):
        job_alert_save(owner=candidate, filters=filters(query="one more"), language="en", actor=candidate)
    assert JobAlert.objects.filter(owner=candidate).count() == JobAlert.MAX_PER_CANDIDATE
    # A cancelled alert frees its place, and its search can be saved again.
    first = JobAlert.objects.get(owner=candidate, grade="G17")
    job_alert_cancel(alert=first, actor=candidate)
    job_alert_save(owner=candidate, filters=filters(grade="G17"), language="en", actor=candidate)


def test_cancelling_is_audited_once_and_only_the_owner_may_cancel() -> None:
    saved = alert()
    other = make_user(Role.CANDIDATE)
    with pytest.raises(NotAllowed):
        job_alert_cancel(alert=saved, actor=other)
    saved.refresh_from_db()
    assert saved.active and not audit_events_for(saved).exists()
    job_alert_cancel(alert=saved, actor=saved.owner, now=NOW)
    job_alert_cancel(alert=saved, actor=saved.owner, now=NOW)
    saved.refresh_from_db()
    assert (saved.active, saved.cancelled_at) == (False, NOW)
    [event] = audit_events_for(saved)
    assert event.event_type == AuditEventType.JOB_ALERT_CANCELLED and event.extra == {"via": "portal"}


def test_unsubscribing_takes_the_alert_s_own_signature() -> None:
    saved, other = alert(), alert()
    for token in (unsubscribe_token(other.pk), unsubscribe_token(saved.pk)[:-1] + "x", "", "junk"):
        with pytest.raises(NotAllowed):
            job_alert_unsubscribe(alert_id=saved.pk, token=token, actor=None)
    saved.refresh_from_db()
    assert saved.active and not alert_events().exists()
    job_alert_unsubscribe(alert_id=saved.pk, token=unsubscribe_token(saved.pk), actor=None)
    saved.refresh_from_db()
    assert not saved.active
    [event] = audit_events_for(saved)
    assert event.actor is None and event.extra == {"via": "mail link"}
