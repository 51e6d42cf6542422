"""Queueing candidates' mails, editing their templates, sending a failed one again."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from concours.applications.models import Application
from concours.candidates.models import CandidateProfile
from concours.core.audit import audit_record
from concours.core.errors import DomainError
from concours.core.models import AuditEventType
from concours.notifications.models import MailTemplate, OutboxMail
from concours.notifications.outcomes import Outcome
from concours.notifications.rendering import (
    LANGUAGE_CODES,
    language_of,
    organisation_of,
    render_wording,
    template_checked,
    variables_for,
    wording_for,
)
from concours.notifications.tasks import outbox_send
from concours.vacancies.models import OrgUnit


def _send_on_commit(mail: OutboxMail) -> None:
    # robust: the outcome is kept even when the task cannot be queued; the mail then stays queued.
    transaction.on_commit(lambda: outbox_send.enqueue(mail.pk), robust=True)


def _recipient_loaded(application: Application) -> bool:
    """Whether the application comes with what its mail reads (the candidate's user, the vacancy), as a
    submission leaves it (`hooks.mail_on_submission`): then it is not read again."""
    candidate = Application._meta.get_field("candidate")
    vacancy = Application._meta.get_field("vacancy")
    return (
        candidate.is_cached(application)  # type: ignore[union-attr]
        and CandidateProfile._meta.get_field("user").is_cached(application.candidate)  # type: ignore[union-attr]
        and vacancy.is_cached(application)  # type: ignore[union-attr]
    )


def mail_queue(
    *,
    application: Application,
    outcome: Outcome,
    context: Mapping[str, Any] | None = None,
    actor: Any = None,
) -> OutboxMail:
    """Write the candidate's mail for `outcome` now, in their language, and send it once the caller's
    transaction commits (rolled back: no mail, no row).

    `context` adds what the outcome's template may use (`rendering.EXTRA_VARIABLES`): plain values only
    (text, numbers, dates, lists of text), and only the recipient's own. Text that depends on the language
    goes as a lazy translation or a function of no argument (`vacancy.localized_title`): it is read in the
    candidate's language. `actor` is who decided the
    outcome; their change is what the audit trail records, not the mail.
    """
    if not _recipient_loaded(application):
        application = Application.objects.select_related("candidate__user", "vacancy__unit").get(
            pk=application.pk
        )
    language = language_of(application)
    wording = wording_for(organisation=organisation_of(application), outcome=outcome, language=language)
    rendered = render_wording(
        wording, application=application, outcome=outcome, language=language, extra=context
    )
    # Rendered before anything is written: on SQLite, a transaction holds the write lock from its start,
    # and rendering needs none. The mail is one INSERT: within the caller's transaction it is kept (and
    # sent) only if that commits, a failure failing the caller's change as it is; with none, the INSERT
    # commits on its own (no BEGIN and COMMIT around it) and the send is queued at once.
    mail = OutboxMail.objects.create(
        application=application,
        outcome=outcome,
        language=language,
        to=application.candidate.user.email,
        subject=rendered.subject,
        body=rendered.body,
    )
    _send_on_commit(mail)
    return mail


@transaction.atomic
def mail_template_save(
    *,
    organisation: OrgUnit | None,
    outcome: str,
    language: str,
    subject: str,
    body: str,
    actor: Any,
) -> MailTemplate:
    """Keep an organisation's wording of one outcome's mail (no organisation: for all that have none).

    A template that cannot be read, uses another tag than if/for/comment or a variable Concours does not
    give is refused with the reason, and nothing is kept.
    """
    if outcome not in Outcome.values or language not in LANGUAGE_CODES:
        raise DomainError(_("Unknown outcome or language."))
    if organisation is not None and organisation.kind != OrgUnit.Kind.ORGANISATION:
        raise DomainError(_("Mail templates belong to an organisation, not to one of its units."))
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise DomainError(_("A mail needs a subject and a body."))
    if len(subject) > 300:
        raise DomainError(_("The subject is too long (300 characters at most)."))
    allowed = variables_for(outcome)
    template_checked(subject, allowed=allowed)
    template_checked(body, allowed=allowed)
    template = (
        MailTemplate.objects.select_for_update()
        .filter(organisation=organisation, outcome=outcome, language=language)
        .first()
    )
    before = {"subject": template.subject, "body": template.body} if template else None
    if template is None:
        template = MailTemplate(organisation=organisation, outcome=outcome, language=language)
    template.subject, template.body, template.updated_by = subject, body, actor
    template.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.MAIL_TEMPLATE_CHANGED,
        subject=template,
        organisation=organisation.name if organisation else "",
        outcome=outcome,
        language=language,
        before=before,
        after={"subject": subject, "body": body},
    )
    return template


@transaction.atomic
def mail_template_reset(*, template: MailTemplate, actor: Any) -> None:
    """Drop an organisation's own wording: its mails go back to the default."""
    template = MailTemplate.objects.select_for_update().get(pk=template.pk)
    audit_record(
        actor=actor,
        event_type=AuditEventType.MAIL_TEMPLATE_CHANGED,
        subject=template,
        organisation=template.organisation.name if template.organisation else "",
        outcome=template.outcome,
        language=template.language,
        before={"subject": template.subject, "body": template.body},
        after=None,
    )
    template.delete()


@transaction.atomic
def mail_resend(*, mail: OutboxMail, actor: Any) -> OutboxMail:
    """Send a failed mail again, as it was written; only a failed one (a sent mail is not sent twice)."""
    mail = OutboxMail.objects.select_for_update().get(pk=mail.pk)
    if mail.state != OutboxMail.State.FAILED:
        raise DomainError(_("Only a mail that failed can be sent again."))
    mail.state = OutboxMail.State.QUEUED
    mail.save(update_fields=["state"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.MAIL_RESENT,
        subject=mail,
        application=mail.application_id,
        outcome=mail.outcome,
        attempts=mail.attempts,
        error=mail.error,
    )
    _send_on_commit(mail)
    return mail
