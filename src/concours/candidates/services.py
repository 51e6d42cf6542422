"""Changing a candidate's profile (the whole profile is saved at once, in one transaction), and their job
alerts: saved searches whose new vacancies are mailed once a day."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from concours.accounts.models import Role, User
from concours.candidates.models import CandidateProfile, Education, JobAlert, LanguageSkill, WorkExperience
from concours.candidates.selectors import (
    JOB_ALERT_INTERVAL,
    job_alert_description,
    job_alert_new_vacancies,
    job_alert_search_params,
    job_alerts_due,
)
from concours.candidates.unsubscribe import unsubscribe_token, unsubscribe_token_is_valid
from concours.core.audit import audit_record
from concours.core.errors import DomainError, NotAllowed
from concours.core.models import AuditEventType
from concours.kernel.reference.language_scales import language_scale, language_scales
from concours.vacancies.models import Vacancy


def language_level_error(*, scale: str, level: str) -> str | None:
    """Why `level` is not a level of `scale`, or None when it is one, in any spelling ('vi', 'b2')."""
    if scale not in language_scales():
        return _("“%(scale)s” is not a language scale.") % {"scale": scale}
    found = language_scale(scale)
    if found.normalise(level) is not None:
        return None
    message = _("“%(level)s” is not a level of the %(scale)s scale, whose levels are %(levels)s.") % {
        "level": level,
        "scale": found.name("fr" if (get_language() or "en").startswith("fr") else "en"),
        "levels": ", ".join(lv.code for lv in found.levels),
    }
    if found.is_profile_scale:
        message += " " + _("A level may end with “+” (2+), or give four skills as a profile (3321).")
    return message


def _language_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with each level written as its scale writes it; ValidationError for a level off its scale."""
    checked = []
    for row in rows:
        scale = row.get("scale", LanguageSkill.Scale.NATO)
        error = language_level_error(scale=scale, level=str(row.get("level", "")))
        if error:
            raise ValidationError(error)
        checked.append({**row, "scale": scale, "level": language_scale(scale).normalise(str(row["level"]))})
    return checked


@transaction.atomic
def profile_save(
    *,
    user: Any,
    name: str,
    nationalities: list[str],
    serving_staff: bool = False,
    languages: list[dict[str, Any]],
    education: list[dict[str, Any]],
    experience: list[dict[str, Any]],
    actor: Any,
) -> CandidateProfile:
    """Replace the profile of `user` with the given parts; rows are plain dicts of model fields.

    A language level off its scale ("B2" on NATO's I-VI) is refused with `ValidationError`, whoever sends it.
    """
    languages = _language_rows(languages)
    profile, _ = CandidateProfile.objects.select_for_update().get_or_create(
        user=user, defaults={"name": name}
    )
    profile.name = name
    profile.nationalities = sorted({code.upper() for code in nationalities})
    profile.serving_staff = serving_staff
    profile.save()
    profile.languages.all().delete()
    profile.education.all().delete()
    profile.experience.all().delete()
    LanguageSkill.objects.bulk_create(LanguageSkill(profile=profile, **row) for row in languages)
    Education.objects.bulk_create(Education(profile=profile, **row) for row in education)
    for row in experience:
        # Floats from JSON imports (0.8) become exact two-place decimals.
        row = {**row, "fte": Decimal(str(row.get("fte", 1))).quantize(Decimal("0.01"))}
        post = WorkExperience(profile=profile, **row)
        post.full_clean(exclude=["profile"])
        post.save()
    if user.name != name:
        user.name = name
        user.save(update_fields=["name"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.PROFILE_SAVED,
        subject=profile,
        languages=len(languages),
        education=len(education),
        experience=len(experience),
    )
    return profile


# Job alerts ------------------------------------------------------------------------------------------

# The longest a value of the portal's search can be (the alert's fields; the search form's own limit).
_ALERT_FIELDS = {"query": 200, "organisation": 120, "grade": 40, "location": 120}
# A mail lists at most this many vacancies, then links to the search for the rest.
JOB_ALERT_MAIL_MAX = 25
# Vacancies published in the last minutes before a run wait for the next one: a publication still being
# committed when the run reads would otherwise fall behind the alert's cut-off and never be mailed.
JOB_ALERT_SETTLE = dt.timedelta(minutes=5)

logger = logging.getLogger(__name__)


def job_alert_search(filters: Mapping[str, object]) -> dict[str, Any]:
    """The portal's search parameters an alert keeps, checked; ValidationError for anything else."""
    unknown = set(filters) - {*_ALERT_FIELDS, "closing_soon"}
    if unknown:
        raise ValidationError(_("Unknown search filters: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    search: dict[str, Any] = {}
    for name, longest in _ALERT_FIELDS.items():
        value = filters.get(name, "")
        if not isinstance(value, str) or len(value.strip()) > longest:
            raise ValidationError(_("The search filter “%(name)s” is not valid.") % {"name": name})
        search[name] = value.strip()
    closing_soon = filters.get("closing_soon", False)
    if not isinstance(closing_soon, bool):
        raise ValidationError(_("The search filter “%(name)s” is not valid.") % {"name": "closing_soon"})
    search["closing_soon"] = closing_soon
    return search


@transaction.atomic
def job_alert_save(
    *, owner: Any, filters: Mapping[str, object], language: str, actor: Any, now: dt.datetime | None = None
) -> JobAlert:
    """Save the portal's current search as an alert of `owner`, a candidate: from now on, the vacancies
    published that match it are mailed once a day, in `language`. The same search twice, or more than
    `JobAlert.MAX_PER_CANDIDATE` alerts, are refused with `DomainError`."""
    if not owner.has_role(Role.CANDIDATE):
        raise NotAllowed(_("Only candidates can save job alerts."))
    try:
        search = job_alert_search(filters)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from None
    now = now or timezone.now()
    # One candidate's saves one after the other, so that two at once cannot pass the cap together.
    User.objects.select_for_update().filter(pk=owner.pk).exists()
    active = JobAlert.objects.filter(owner=owner, active=True)
    if active.filter(**search).exists():
        raise DomainError(_("You already have a job alert for this search."))
    if active.count() >= JobAlert.MAX_PER_CANDIDATE:
        raise DomainError(
            _("You have %(count)s job alerts, the most one can keep: cancel one to save another.")
            % {"count": JobAlert.MAX_PER_CANDIDATE}
        )
    alert = JobAlert.objects.create(
        owner=owner,
        **search,
        language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
        created_at=now,
        # Vacancies already there when the alert is saved were on the page the candidate was reading.
        last_sent_at=now,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.JOB_ALERT_SAVED,
        subject=alert,
        language=alert.language,
        **search,
    )
    return alert


@transaction.atomic
def _job_alert_cancel(*, alert_id: int, actor: Any, via: str, now: dt.datetime | None) -> JobAlert:
    alert = JobAlert.objects.select_for_update().get(pk=alert_id)
    if not alert.active:
        return alert  # cancelled already (twice the link, or the page and the link): nothing new to record
    alert.active = False
    alert.cancelled_at = now or timezone.now()
    alert.save(update_fields=["active", "cancelled_at"])
    audit_record(actor=actor, event_type=AuditEventType.JOB_ALERT_CANCELLED, subject=alert, via=via)
    return alert


def job_alert_cancel(*, alert: JobAlert, actor: Any, now: dt.datetime | None = None) -> JobAlert:
    """The candidate cancels one of their alerts from the portal."""
    if alert.owner_id != getattr(actor, "pk", None):
        raise NotAllowed(_("This job alert is not yours."))
    return _job_alert_cancel(alert_id=alert.pk, actor=actor, via="portal", now=now)


def job_alert_unsubscribe(
    *, alert_id: int, token: str, actor: Any, now: dt.datetime | None = None
) -> JobAlert:
    """Cancel an alert from the link of its mail, signed in or not: the link's signature is the authority.
    `NotAllowed` when the signature does not hold."""
    if not unsubscribe_token_is_valid(alert_id, token):
        raise NotAllowed(_("This unsubscribe link is not valid."))
    return _job_alert_cancel(alert_id=alert_id, actor=actor, via="mail link", now=now)


@dataclass
class JobAlertRun:
    """What a daily run did: mails sent, alerts with nothing new, alerts that failed (their ids)."""

    mailed: int = 0
    vacancies: int = 0
    quiet: int = 0
    failed: list[int] = field(default_factory=list)


def job_alerts_send(*, now: dt.datetime | None = None) -> JobAlertRun:
    """Mail each due alert the vacancies published since its last run, once a day. Each alert is sent and
    moved forward in its own transaction: one that fails is logged and counted, and the others go on; it
    is tried again at the next run, with the same vacancies."""
    now = now or timezone.now()
    run = JobAlertRun()
    with get_connection() as connection:  # one connection for the whole run
        for alert_id in job_alerts_due(now=now):
            try:
                count = _job_alert_send(alert_id=alert_id, now=now, connection=connection)
            except Exception:  # any failure of one alert: logged and counted, and the others go on
                logger.exception("Job alert %s: the daily mail failed", alert_id)
                run.failed.append(alert_id)
                continue
            if count:
                run.mailed += 1
                run.vacancies += count
            else:
                run.quiet += 1
    return run


@transaction.atomic
def _job_alert_send(*, alert_id: int, now: dt.datetime, connection: BaseEmailBackend) -> int:
    """Mail one alert's new vacancies and move its cut-off forward, both or neither; how many were listed."""
    alert = JobAlert.objects.select_for_update(of=("self",)).select_related("owner").get(pk=alert_id)
    if not alert.active or alert.last_sent_at > now - JOB_ALERT_INTERVAL:
        return 0  # cancelled, or mailed by another run since the list of due alerts was read
    try:
        job_alert_search(alert.filters())
    except ValidationError as error:
        raise ValueError(f"job alert {alert_id} keeps a search that is not valid: {error.messages}") from None
    if not alert.owner.email:
        raise ValueError(f"job alert {alert_id}: its candidate has no e-mail address")
    until = now - JOB_ALERT_SETTLE
    vacancies = list(job_alert_new_vacancies(alert, since=alert.last_sent_at, until=until, now=now))
    alert.last_sent_at = until
    alert.save(update_fields=["last_sent_at"])
    if vacancies:
        # Sent last: a refusal of the mail server undoes the cut-off, and the vacancies go in the next mail.
        connection.send_messages([_job_alert_mail(alert, vacancies)])
    return len(vacancies)


def _job_alert_mail(alert: JobAlert, vacancies: list[Vacancy]) -> EmailMessage:
    site = settings.CONCOURS_SITE_URL
    unsubscribe = site + reverse("alerts:unsubscribe", args=[alert.pk, unsubscribe_token(alert.pk)])
    search = job_alert_search_params(alert)
    with translation.override(alert.language):
        shown = vacancies[:JOB_ALERT_MAIL_MAX]
        context = {
            "name": alert.owner.name,
            "site_name": settings.CONCOURS_SITE_NAME,
            "search": job_alert_description(alert),
            "vacancies": [
                {
                    "title": vacancy.localized_title(),
                    "reference": vacancy.reference,
                    "grade": vacancy.grade,
                    "location": vacancy.localized_location(),
                    "zone": vacancy.zone,
                    "deadline": vacancy.deadline,
                    "link": site + reverse("vacancies:detail", args=[vacancy.pk]),
                }
                for vacancy in shown
            ],
            "count": len(vacancies),
            "more": len(vacancies) - len(shown),
            "search_link": site + reverse("vacancies:list") + (f"?{search}" if search else ""),
            "alerts_link": site + reverse("alerts:list"),
            "unsubscribe_link": unsubscribe,
        }
        subject = render_to_string("candidates/mail/job_alert_subject.txt", context)
        body = render_to_string("candidates/mail/job_alert_body.txt", context)
    return EmailMessage(
        # One line (a mail header); split() would also break the no-break spaces of French typography.
        subject=" ".join(line.strip() for line in subject.splitlines() if line.strip()),
        body=body,
        to=[alert.owner.email],
        headers={
            # RFC 2369 and RFC 8058: mail programs offer "Unsubscribe", and POST to the link in one click.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # RFC 3834: no out-of-office replies to a daily digest.
            "Auto-Submitted": "auto-generated",
        },
    )
