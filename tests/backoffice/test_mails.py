"""HR's pages for candidates' mails: the templates per organisation and language, edited with a preview on a
real application, and the outbox where a failed mail is sent again. Everyone else is refused."""

from __future__ import annotations

import socket

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.core.models import AuditEvent, AuditEventType
from concours.notifications.models import MailTemplate, OutboxMail
from concours.notifications.outcomes import Outcome
from concours.notifications.services import mail_queue
from concours.vacancies.models import OrgUnit, StaffUnit
from factories import ApplicationFactory, OrgUnitFactory, ProfileFactory, VacancyFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation() -> OrgUnit:
    return OrgUnit.objects.create(kind=OrgUnit.Kind.ORGANISATION, name="NATO International Staff")


def _recruiter_of(organisation: OrgUnit) -> object:
    """A recruiter who works for a division of `organisation`: its mails and templates are theirs."""
    recruiter = make_user(Role.RECRUITER)
    StaffUnit.objects.create(unit=OrgUnitFactory(parent=organisation), user=recruiter)
    return recruiter


def _application(
    organisation: OrgUnit, *, name: str = "Ada Lovelace", reference: str = "260875"
) -> Application:
    vacancy = VacancyFactory(unit=OrgUnitFactory(parent=organisation), reference=reference)
    return ApplicationFactory(
        vacancy=vacancy,
        candidate=ProfileFactory(user__name=name, name=name),
        status=Application.Status.SUBMITTED,
    )


def _edit_url(organisation: OrgUnit, outcome: str = "shortlisted", language: str = "en") -> str:
    return (
        reverse("backoffice:mail_template_edit", args=[outcome, language])
        + f"?organisation={organisation.pk}"
    )


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    "role", [Role.PANEL_MEMBER, Role.HIRING_MANAGER, Role.APPOINTING_AUTHORITY, Role.CANDIDATE]
)
def test_only_recruiters_and_administrators_open_the_mail_pages(client, organisation, role) -> None:  # type: ignore[no-untyped-def]
    application = _application(organisation)
    with TestCase.captureOnCommitCallbacks(execute=True):
        queued = mail_queue(application=application, outcome=Outcome.RECEIVED)
    urls = [
        reverse("backoffice:mail_templates"),
        _edit_url(organisation),
        reverse("backoffice:outbox"),
        reverse("backoffice:outbox_mail", args=[queued.pk]),
    ]
    client.force_login(make_user(role))
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("backoffice:mail_resend", args=[queued.pk])).status_code == 403
    assert client.post(_edit_url(organisation), {"subject": "x", "body": "y", "save": "1"}).status_code == 403
    assert not MailTemplate.objects.exists()
    for allowed in (Role.RECRUITER, Role.ADMINISTRATOR):
        client.force_login(_recruiter_of(organisation) if allowed == Role.RECRUITER else make_user(allowed))
        for url in urls:
            assert client.get(url).status_code == 200, (allowed, url)


def test_the_template_list_says_where_each_wording_comes_from(client, organisation) -> None:  # type: ignore[no-untyped-def]
    MailTemplate.objects.create(
        organisation=organisation,
        outcome=Outcome.SHORTLISTED,
        language="fr",
        subject="Présélection",
        body="x",
    )
    client.force_login(_recruiter_of(organisation))
    page = client.get(
        reverse("backoffice:mail_templates") + f"?organisation={organisation.pk}"
    ).content.decode()
    assert page.count("<tr>") == 1 + len(Outcome) * 2
    assert "Présélection" in page and "This organisation’s" in page
    assert "Application received: {{ vacancy_title }}" in page  # a default's subject


def test_preview_on_a_real_application_saves_nothing(client, organisation) -> None:  # type: ignore[no-untyped-def]
    application = _application(organisation)
    client.force_login(_recruiter_of(organisation))
    response = client.post(
        _edit_url(organisation),
        {
            "subject": "Shortlisted for {{ reference }}",
            "body": "Dear {{ candidate_name }}, see {{ link }}",
            "application": application.pk,
            "preview": "1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="preview-subject">Shortlisted for 260875<' in page
    assert "Dear Ada Lovelace, see http://" in page and f"/applications/{application.pk}/" in page
    assert not MailTemplate.objects.exists() and not OutboxMail.objects.exists() and mail.outbox == []


def test_saving_is_audited_and_used_by_the_next_mails(client, organisation) -> None:  # type: ignore[no-untyped-def]
    application = _application(organisation)
    client.force_login(_recruiter_of(organisation))
    response = client.post(
        _edit_url(organisation),
        {"subject": "Shortlisted: {{ reference }}", "body": "{{ candidate_name }}, well done.", "save": "1"},
    )
    assert response.status_code == 302
    template = MailTemplate.objects.get()
    assert (template.organisation, template.outcome, template.language) == (organisation, "shortlisted", "en")
    event = AuditEvent.objects.get(event_type=AuditEventType.MAIL_TEMPLATE_CHANGED)
    assert event.extra["after"]["subject"] == "Shortlisted: {{ reference }}" and event.extra["before"] is None
    with TestCase.captureOnCommitCallbacks(execute=True):
        mail_queue(application=application, outcome=Outcome.SHORTLISTED)
    assert (mail.outbox[0].subject, mail.outbox[0].body) == (
        "Shortlisted: 260875",
        "Ada Lovelace, well done.\n",
    )

    # Back to the default: the organisation's own wording goes, audited too.
    client.post(_edit_url(organisation), {"reset": "1"})
    assert not MailTemplate.objects.exists()
    assert AuditEvent.objects.filter(event_type=AuditEventType.MAIL_TEMPLATE_CHANGED).count() == 2


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("Dear {{ candidate_name }", "a tag is not closed"),
        ("{{ vacancy.applications }}", "Unknown variable “vacancy”"),
        ("{% include 'base.html' %}", "may use only"),
    ],
)
def test_a_refused_template_saves_nothing_and_says_why(client, organisation, body, why) -> None:  # type: ignore[no-untyped-def]
    client.force_login(_recruiter_of(organisation))
    response = client.post(_edit_url(organisation), {"subject": "Hello", "body": body, "save": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="template-errors"' in page and why in page
    assert body.replace("'", "&#x27;") in page  # the text typed stays in the form, to be corrected
    assert not MailTemplate.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.MAIL_TEMPLATE_CHANGED).exists()


def test_the_outbox_shows_a_failed_mail_with_its_error_and_sends_it_again(
    client, settings, organisation
) -> None:  # type: ignore[no-untyped-def]
    failing, fine = _application(organisation), _application(organisation, reference="260876")
    with TestCase.captureOnCommitCallbacks(execute=True):
        mail_queue(application=fine, outcome=Outcome.RECEIVED)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 5
    with TestCase.captureOnCommitCallbacks(execute=True):
        failed = mail_queue(application=failing, outcome=Outcome.SHORTLISTED)
    failed.refresh_from_db()
    assert failed.state == OutboxMail.State.FAILED

    client.force_login(_recruiter_of(organisation))
    page = client.get(reverse("backoffice:outbox") + "?state=failed").content.decode()
    assert "ConnectionRefusedError" in page and "Send again" in page
    assert page.count('class="mail-failed"') == 1 and 'class="mail-sent"' not in page
    page = client.get(reverse("backoffice:outbox") + f"?vacancy={fine.vacancy_id}").content.decode()
    assert page.count('class="mail-sent"') == 1 and "mail-failed" not in page

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("backoffice:mail_resend", args=[failed.pk]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.state, failed.attempts) == (OutboxMail.State.SENT, 2)
    assert [m.to for m in mail.outbox][-1] == [failing.candidate.user.email]
    assert AuditEvent.objects.filter(event_type=AuditEventType.MAIL_RESENT).count() == 1
    # Sent: not again.
    client.post(reverse("backoffice:mail_resend", args=[failed.pk]))
    assert AuditEvent.objects.filter(event_type=AuditEventType.MAIL_RESENT).count() == 1


def test_the_mail_pages_are_in_french(client, organisation) -> None:  # type: ignore[no-untyped-def]
    application = _application(organisation)
    with TestCase.captureOnCommitCallbacks(execute=True):
        queued = mail_queue(application=application, outcome=Outcome.RECEIVED)
    recruiter = _recruiter_of(organisation)
    client.force_login(recruiter)
    client.cookies["django_language"] = "fr"
    for url, expected in (
        (reverse("backoffice:mail_templates"), "Courriels aux candidats"),
        (_edit_url(organisation), "Aperçu"),
        (reverse("backoffice:outbox"), "Boîte d’envoi"),
        (reverse("backoffice:outbox_mail", args=[queued.pk]), "Boîte d’envoi"),
    ):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        assert expected in page, url


def test_a_recruiter_sees_only_their_organisations_templates_and_mails(client, organisation) -> None:  # type: ignore[no-untyped-def]
    """Issue #11: templates and outbox per organisation. A recruiter of A gets 404 for B's templates and
    mails, and B's are in none of their lists; an administrator sees both, and the wording for all."""
    other = OrgUnit.objects.create(kind=OrgUnit.Kind.ORGANISATION, name="NATO Communications Agency")
    ours, theirs = _application(organisation), _application(other, name="Grace Hopper", reference="260999")
    with TestCase.captureOnCommitCallbacks(execute=True):
        our_mail = mail_queue(application=ours, outcome=Outcome.RECEIVED)
        their_mail = mail_queue(application=theirs, outcome=Outcome.RECEIVED)
    MailTemplate.objects.create(
        organisation=other, outcome=Outcome.SHORTLISTED, language="en", subject="Agency wording", body="x"
    )
    client.force_login(_recruiter_of(organisation))

    listing = client.get(reverse("backoffice:mail_templates")).content.decode()
    assert f'value="{organisation.pk}" selected' in listing  # their organisation, without asking
    assert "NATO Communications Agency" not in listing and "All organisations" not in listing
    assert "Agency wording" not in listing
    for url in (
        reverse("backoffice:mail_templates") + f"?organisation={other.pk}",
        _edit_url(other),
        reverse("backoffice:outbox_mail", args=[their_mail.pk]),
    ):
        assert client.get(url).status_code == 404, url
    saved = client.post(_edit_url(other), {"subject": "Mine now", "body": "y", "save": "1"})
    assert saved.status_code == 404
    assert client.post(_edit_url(other), {"reset": "1"}).status_code == 404
    assert client.post(reverse("backoffice:mail_resend", args=[their_mail.pk])).status_code == 404
    assert MailTemplate.objects.get(organisation=other).subject == "Agency wording"
    outbox = client.get(reverse("backoffice:outbox")).content.decode()
    assert "260875" in outbox and "260999" not in outbox and "Grace Hopper" not in outbox
    filtered = client.get(reverse("backoffice:outbox") + f"?vacancy={theirs.vacancy_id}").content.decode()
    assert "Grace Hopper" not in filtered and "260999" not in filtered
    assert client.get(reverse("backoffice:outbox_mail", args=[our_mail.pk])).status_code == 200

    client.force_login(make_user(Role.ADMINISTRATOR))
    listing = client.get(reverse("backoffice:mail_templates")).content.decode()
    assert "All organisations" in listing and "NATO Communications Agency" in listing
    assert (
        "Agency wording"
        in client.get(reverse("backoffice:mail_templates") + f"?organisation={other.pk}").content.decode()
    )
    outbox = client.get(reverse("backoffice:outbox")).content.decode()
    assert "260875" in outbox and "260999" in outbox
    assert client.get(reverse("backoffice:outbox_mail", args=[their_mail.pk])).status_code == 200


def test_a_recruiter_tied_to_no_unit_sees_no_organisations_mails(client, organisation) -> None:  # type: ignore[no-untyped-def]
    """Not the wording for all organisations either: that is the administrators'."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        queued = mail_queue(application=_application(organisation), outcome=Outcome.RECEIVED)
    client.force_login(make_user(Role.RECRUITER))
    page = client.get(reverse("backoffice:mail_templates")).content.decode()
    assert 'id="unassigned"' in page and 'id="mail-templates"' not in page
    assert client.get(reverse("backoffice:mail_template_edit", args=["shortlisted", "en"])).status_code == 404
    assert client.get(_edit_url(organisation)).status_code == 404
    assert "260875" not in client.get(reverse("backoffice:outbox")).content.decode()
    assert client.get(reverse("backoffice:outbox_mail", args=[queued.pk])).status_code == 404


def test_english_subjects_on_a_french_page_keep_english_spacing(client, organisation) -> None:  # type: ignore[no-untyped-def]
    """A mail's subject is marked with its own language, so the French page's spacing (a no-break space
    before a colon) does not turn "Application received: …" into "Application received : …"."""
    application = _application(organisation)
    with TestCase.captureOnCommitCallbacks(execute=True):
        queued = mail_queue(application=application, outcome=Outcome.RECEIVED)
    assert queued.language == "en" and ":" in queued.subject
    client.force_login(_recruiter_of(organisation))
    for url in (
        reverse("backoffice:mail_templates") + f"?organisation={organisation.pk}",
        reverse("backoffice:outbox"),
        reverse("backoffice:outbox_mail", args=[queued.pk]),
    ):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        assert "Application received:" in page, url
        assert "Application received\u00a0:" not in page, url
        assert 'lang="en"' in page, url


def test_the_outbox_filter_names_vacancies_in_french(client, organisation) -> None:  # type: ignore[no-untyped-def]
    application = _application(organisation)
    with TestCase.captureOnCommitCallbacks(execute=True):
        mail_queue(application=application, outcome=Outcome.RECEIVED)
    client.force_login(_recruiter_of(organisation))
    page = client.get(reverse("backoffice:outbox"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    vacancy = application.vacancy
    assert f">{vacancy.reference} {vacancy.title_fr}</option>" in page
    assert f">{vacancy.reference} {vacancy.title}</option>" not in page
