"""Candidates' mails: written in their language when the outcome is decided, sent once it is committed."""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from django.core import mail
from django.db import transaction
from django.test import TestCase
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from concours.applications.models import Application
from concours.core.errors import DomainError
from concours.core.models import AuditEvent, AuditEventType
from concours.notifications.models import MailTemplate, OutboxMail
from concours.notifications.outcomes import Outcome
from concours.notifications.rendering import template_checked, variables_for
from concours.notifications.services import mail_queue, mail_resend, mail_template_save
from concours.vacancies.models import OrgUnit
from factories import ApplicationFactory, OrgUnitFactory, ProfileFactory, VacancyFactory

pytestmark = pytest.mark.django_db

# What each outcome's caller adds (see rendering.EXTRA_VARIABLES).
EXTRAS: dict[str, dict[str, object]] = {
    Outcome.RECEIVED: {"submitted": dt.date(2026, 12, 1)},
    Outcome.SCREENED_OUT: {"reasons": ["The notice asks for a master's degree."]},
    Outcome.INVITED: {"stage": "written test", "date": dt.date(2027, 1, 12), "place": "Room 4"},
    Outcome.SHORTLISTED: {},
    Outcome.NOT_SELECTED: {},
    Outcome.RESERVE: {"expires": dt.date(2027, 12, 1)},
    Outcome.SELECTED: {"post_title": "Policy Officer (post 2)"},
    Outcome.RESERVE_OFFER: {
        "offer_title": "Analyst",
        "offer_reference": "270001",
        "respond_by": dt.date(2027, 2, 1),
    },
}


def _organisation() -> OrgUnit:
    return OrgUnit.objects.create(
        kind=OrgUnit.Kind.ORGANISATION,
        name="NATO International Staff",
        name_fr="Secrétariat international de l’OTAN",
    )


def _application(
    *,
    language: str = "en",
    name: str = "Ada Lovelace",
    organisation: OrgUnit | None = None,
    reference: str = "260875",
) -> Application:
    profile = ProfileFactory(user__language=language, user__name=name, name=name)
    unit = OrgUnitFactory(parent=organisation or _organisation())
    vacancy = VacancyFactory(
        unit=unit, reference=reference, title="Policy Officer", title_fr="Chargé de politique"
    )
    return ApplicationFactory(candidate=profile, vacancy=vacancy, status=Application.Status.SUBMITTED)


@pytest.mark.parametrize("outcome", list(Outcome))
def test_each_outcome_is_queued_in_french_for_a_french_candidate(outcome: Outcome) -> None:
    application = _application(language="fr")
    with TestCase.captureOnCommitCallbacks(execute=True):
        queued = mail_queue(application=application, outcome=outcome, context=EXTRAS[outcome])
    queued.refresh_from_db()
    assert (queued.state, queued.language, queued.attempts) == (OutboxMail.State.SENT, "fr", 1)
    [sent] = mail.outbox
    assert sent.to == [application.candidate.user.email]
    assert "260875" in sent.subject + sent.body
    assert "Bonjour Ada Lovelace," in sent.body
    assert "Dear" not in sent.body and "Chargé de politique" in sent.subject + sent.body
    assert "Secrétariat international de l’OTAN" in sent.body or outcome == Outcome.RESERVE_OFFER
    assert f"/applications/{application.pk}/" in sent.body


@pytest.mark.parametrize("outcome", list(Outcome))
def test_each_outcome_is_queued_in_english_by_default(outcome: Outcome) -> None:
    application = _application(language="")
    with TestCase.captureOnCommitCallbacks(execute=True):
        mail_queue(application=application, outcome=outcome, context=EXTRAS[outcome])
    [sent] = mail.outbox
    assert sent.body.startswith("Dear Ada Lovelace,")
    assert "Policy Officer" in sent.subject + sent.body and "260875" in sent.subject + sent.body


def test_dates_and_reasons_are_written_out_in_the_candidates_language() -> None:
    application = _application(language="fr")
    with TestCase.captureOnCommitCallbacks(execute=True):
        mail_queue(
            application=application, outcome=Outcome.RESERVE, context={"expires": dt.date(2027, 12, 1)}
        )
        mail_queue(
            application=application,
            outcome=Outcome.SCREENED_OUT,
            context={"reasons": ["Il faut un master.", "Il faut l’anglais au niveau IV."]},
        )
    reserve, screened = mail.outbox
    assert "valable jusqu’au 1er décembre 2027" in reserve.body  # as the site writes dates (1er)
    assert "- Il faut un master.\n- Il faut l’anglais au niveau IV.\n" in screened.body


def test_nothing_is_kept_or_sent_when_the_transaction_rolls_back() -> None:
    application = _application()
    with (
        TestCase.captureOnCommitCallbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        mail_queue(application=application, outcome=Outcome.SHORTLISTED)
        raise RuntimeError("the outcome was refused")
    assert callbacks == [] and OutboxMail.objects.count() == 0 and mail.outbox == []


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the block ends: nobody listens


def test_a_failed_send_keeps_its_error_and_can_be_sent_again(settings, django_user_model) -> None:  # type: ignore[no-untyped-def]
    application = _application()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 5
    with TestCase.captureOnCommitCallbacks(execute=True):
        queued = mail_queue(application=application, outcome=Outcome.SHORTLISTED)
    queued.refresh_from_db()
    assert queued.state == OutboxMail.State.FAILED and queued.attempts == 1
    assert "ConnectionRefused" in queued.error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    recruiter = django_user_model.objects.create(email="hr@example.org")
    with TestCase.captureOnCommitCallbacks(execute=True):
        mail_resend(mail=queued, actor=recruiter)
    queued.refresh_from_db()
    assert (queued.state, queued.attempts, queued.error) == (OutboxMail.State.SENT, 2, "")
    assert [m.subject for m in mail.outbox] == [queued.subject]
    assert AuditEvent.objects.filter(event_type=AuditEventType.MAIL_RESENT).count() == 1
    with pytest.raises(DomainError):  # sent: not twice
        mail_resend(mail=queued, actor=recruiter)
    assert AuditEvent.objects.filter(event_type=AuditEventType.MAIL_RESENT).count() == 1


def test_an_organisations_template_overrides_the_default(django_user_model) -> None:  # type: ignore[no-untyped-def]
    ours, theirs = _organisation(), OrgUnit.objects.create(kind=OrgUnit.Kind.ORGANISATION, name="OECD")
    recruiter = django_user_model.objects.create(email="hr@example.org")
    mail_template_save(
        organisation=ours,
        outcome=Outcome.SHORTLISTED,
        language="en",
        subject="Good news about {{ reference }}",
        body="{{ candidate_name }}, {{ organisation }} shortlisted you.",
        actor=recruiter,
    )
    mine = _application(organisation=ours)
    other = _application(organisation=theirs, name="Grace Hopper", reference="260876")
    with TestCase.captureOnCommitCallbacks(execute=True):
        mail_queue(application=mine, outcome=Outcome.SHORTLISTED)
        mail_queue(application=other, outcome=Outcome.SHORTLISTED)
    overridden, default = mail.outbox
    assert (overridden.subject, overridden.body) == (
        "Good news about 260875",
        "Ada Lovelace, NATO International Staff shortlisted you.\n",
    )
    assert default.subject.startswith("You are shortlisted") and "Dear Grace Hopper" in default.body
    assert AuditEvent.objects.filter(event_type=AuditEventType.MAIL_TEMPLATE_CHANGED).count() == 1


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("Dear {{ candidate_name }", "cannot be read"),
        ("{{ other_candidates }}", "Unknown variable “other_candidates”"),
        ("{% if application.candidate %}x{% endif %}", "Unknown variable “application”"),
        ("{{ reference|default:secret }}", "Unknown variable “secret”"),
        ("{% include 'base.html' %}", "may use only"),
        ("{% load i18n %}", "cannot be read"),
        ("{% now 'Y' %}", "may use only"),
        ("{% url 'home' %}", "may use only"),
    ],
)
def test_a_refused_template_keeps_nothing_and_says_why(body: str, why: str, django_user_model) -> None:  # type: ignore[no-untyped-def]
    recruiter = django_user_model.objects.create(email="hr@example.org")
    with pytest.raises(DomainError) as refused:
        mail_template_save(
            organisation=_organisation(),
            outcome=Outcome.RECEIVED,
            language="en",
            subject="Hello",
            body=body,
            actor=recruiter,
        )
    assert why in refused.value.message
    assert MailTemplate.objects.count() == 0
    assert not AuditEvent.objects.filter(event_type=AuditEventType.MAIL_TEMPLATE_CHANGED).exists()


def test_loop_variables_are_allowed(django_user_model) -> None:  # type: ignore[no-untyped-def]
    recruiter = django_user_model.objects.create(email="hr@example.org")
    template = mail_template_save(
        organisation=None,
        outcome=Outcome.SCREENED_OUT,
        language="en",
        subject="{{ reference }}",
        body="{% for reason in reasons %}{{ forloop.counter }}. {{ reason|upper }}\n{% endfor %}",
        actor=recruiter,
    )
    application = _application()
    with TestCase.captureOnCommitCallbacks(execute=True):
        mail_queue(application=application, outcome=Outcome.SCREENED_OUT, context={"reasons": ["a", "b"]})
    assert mail.outbox[0].body == "1. A\n2. B\n" and template.organisation is None


def test_a_mail_never_names_another_candidate() -> None:
    """Whatever the outcome, only the recipient's data is in their mail, even with others on the vacancy."""
    application = _application(name="Ada Lovelace")
    for rival in ("Grace Hopper", "Katherine Johnson"):
        ApplicationFactory(
            candidate=ProfileFactory(user__name=rival, name=rival),
            vacancy=application.vacancy,
            status=Application.Status.SHORTLISTED,
        )
    with TestCase.captureOnCommitCallbacks(execute=True):
        for outcome in Outcome:
            mail_queue(application=application, outcome=outcome, context=EXTRAS[outcome])
    assert len(mail.outbox) == len(Outcome)
    for sent in mail.outbox:
        text = sent.subject + sent.body
        assert "Ada Lovelace" in sent.body
        assert "Grace" not in text and "Hopper" not in text and "Katherine" not in text
        assert sent.to == [application.candidate.user.email]


def test_the_context_takes_plain_values_only() -> None:
    application = _application()
    rival = ApplicationFactory(vacancy=application.vacancy)
    with pytest.raises(TypeError):
        mail_queue(application=application, outcome=Outcome.SELECTED, context={"post_title": rival})
    with pytest.raises(TypeError):
        mail_queue(application=application, outcome=Outcome.SELECTED, context={"candidates": ["x"]})
    assert OutboxMail.objects.count() == 0


# Words the template language reads itself, and the loop's own name below, are not variables.
NOT_NAMES = {"not", "and", "or", "in", "is", "reversed", "x", "forloop"}


@given(name=st.from_regex(r"[a-z][a-z_]{0,20}", fullmatch=True).filter(lambda n: n not in NOT_NAMES))
@example(name="reasons")
@example(name="candidate_name")
@example(name="application")
@hypothesis_settings(max_examples=60, deadline=None)
def test_a_template_reads_exactly_the_variables_concours_gives(name: str) -> None:
    """Any name outside the outcome's list is refused, in a variable, a condition, a loop or a filter's
    argument; any name on it is accepted."""
    allowed = variables_for(Outcome.SCREENED_OUT)
    for text in (
        f"{{{{ {name} }}}}",
        f"{{% if {name} %}}x{{% endif %}}",
        f"{{% for x in {name} %}}{{{{ x }}}}{{% endfor %}}",
        f"{{{{ reference|default:{name} }}}}",
    ):
        if name in allowed:
            template_checked(text, allowed=allowed)
        else:
            with pytest.raises(DomainError, match="Unknown variable"):
                template_checked(text, allowed=allowed)


def test_text_in_the_context_is_read_in_the_candidates_language() -> None:
    """A recruiter working in English offers a French candidate a post: she reads its title in French."""
    application = _application(language="fr")
    offered = VacancyFactory(reference="270001", title="Analyst", title_fr="Analyste")
    with TestCase.captureOnCommitCallbacks(execute=True):
        mail_queue(
            application=application,
            outcome=Outcome.RESERVE_OFFER,
            context={"offer_title": offered.localized_title, "offer_reference": offered.reference},
        )
    [sent] = mail.outbox
    assert sent.subject == "Un poste vous est proposé\u00a0: Analyste (270001)"


def test_the_organisations_own_wording_comes_before_the_one_for_all(django_user_model) -> None:  # type: ignore[no-untyped-def]
    recruiter = django_user_model.objects.create(email="hr@example.org")
    ours, theirs = (
        _organisation(),
        OrgUnitFactory(name="Another organisation", kind=OrgUnit.Kind.ORGANISATION),
    )
    application = _application(organisation=ours)

    def subject_sent() -> str:
        mail.outbox.clear()
        with TestCase.captureOnCommitCallbacks(execute=True):
            mail_queue(application=application, outcome=Outcome.NOT_SELECTED)
        return str(mail.outbox[0].subject)

    default = subject_sent()
    for organisation, subject in ((theirs, "Theirs"), (None, "For all"), (ours, "Ours")):
        mail_template_save(
            organisation=organisation,
            outcome=Outcome.NOT_SELECTED,
            language="en",
            subject=subject,
            body="{{ reference }}",
            actor=recruiter,
        )
        # Another organisation's wording never applies; the one for all does until ours exists.
        assert subject_sent() == {"Theirs": default, "For all": "For all", "Ours": "Ours"}[subject]
