"""Reading mail templates and the outbox (HR), and the mails a candidate was sent (their timeline).

HR's reads take the reader: a recruiter sees the templates and the mails of the organisations they work
for (`organisations_for_staff`: the organisations above the units they are tied to), 404 for any other;
administrators see every organisation's, and the wording for all organisations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from concours.applications.models import Application
from concours.notifications.models import MailTemplate, OutboxMail
from concours.notifications.outcomes import Outcome
from concours.notifications.rendering import (
    LANGUAGE_CODES,
    Rendered,
    Wording,
    default_wording,
    render_wording,
    variables_for,
)
from concours.vacancies.models import OrgUnit, Vacancy
from concours.vacancies.selectors import organisations_for_staff

OUTBOX_PAGE = 200  # the newest first; filters narrow it down


def organisations(*, user: Any) -> list[OrgUnit]:
    """The organisations whose templates and mails `user` may see: every one for administrators, else
    those they work for (none for a recruiter tied to no unit)."""
    mine = organisations_for_staff(user)
    if mine is None:
        return list(OrgUnit.objects.filter(kind=OrgUnit.Kind.ORGANISATION).order_by("name"))
    return mine


def sees_every_organisation(user: Any) -> bool:
    """Administrators: every organisation's templates and mails, and the wording for all organisations."""
    return organisations_for_staff(user) is None


def organisation_get(organisation_id: str | int | None, *, user: Any) -> OrgUnit | None:
    """The organisation named by a page's parameter, if `user` may see it; 404 otherwise.

    Empty: for administrators None (the wording for all organisations), for a recruiter the first
    organisation they work for (404 when they work for none: the wording for all is the administrators').
    """
    mine = organisations(user=user)
    if organisation_id in (None, ""):
        if sees_every_organisation(user):
            return None
        if not mine:
            raise Http404
        return mine[0]
    try:
        wanted = int(organisation_id)  # type: ignore[arg-type]
    except (ValueError, TypeError) as error:
        raise Http404 from error
    for organisation in mine:
        if organisation.pk == wanted:
            return organisation
    raise Http404


@dataclass(frozen=True)
class TemplateRow:
    outcome: Outcome
    language: str
    # Where the wording in use comes from: "own" (this organisation's), "all" (HR's for all), "default".
    source: str
    subject: str


def template_rows(organisation: OrgUnit | None) -> list[TemplateRow]:
    """Every outcome in every language, with the wording that applies to `organisation` and its source."""
    rows = MailTemplate.objects.filter(Q(organisation=organisation) | Q(organisation__isnull=True))
    by_key: dict[tuple[int | None, str, str], MailTemplate] = {
        (row.organisation_id, row.outcome, row.language): row for row in rows
    }
    found = []
    for outcome in Outcome:
        for language in sorted(LANGUAGE_CODES):
            own = by_key.get((organisation.pk, outcome, language)) if organisation else None
            shared = by_key.get((None, outcome, language))
            if own is not None:
                found.append(TemplateRow(outcome, language, "own", own.subject))
            elif shared is not None:
                found.append(TemplateRow(outcome, language, "all", shared.subject))
            else:
                found.append(
                    TemplateRow(outcome, language, "default", default_wording(outcome, language).subject)
                )
    return found


def wording_to_edit(*, organisation: OrgUnit | None, outcome: str, language: str) -> Wording:
    """What the edit page starts from: the organisation's own wording, else the one that applies to it."""
    rows = MailTemplate.objects.filter(outcome=outcome, language=language)
    own = rows.filter(organisation=organisation).first()
    if own is not None:
        return Wording(subject=own.subject, body=own.body, template=own)
    shared = rows.filter(organisation__isnull=True).first() if organisation else None
    if shared is not None:
        return Wording(subject=shared.subject, body=shared.body)
    return default_wording(outcome, language)


def preview_applications(organisation: OrgUnit | None, *, limit: int = 100) -> QuerySet[Application]:
    """Real applications a template can be tried on: submitted ones, to the organisation's vacancies."""
    applications = (
        Application.objects.exclude(status=Application.Status.DRAFT)
        .select_related("candidate__user", "vacancy__unit")
        .order_by("-created_at", "-id")
    )
    if organisation is not None:
        units = _units_under([organisation])
        applications = applications.filter(vacancy__unit__in=units)
    return applications[:limit]


def _units_under(organisations: list[OrgUnit]) -> list[int]:
    found = frontier = [organisation.pk for organisation in organisations]
    while frontier:  # the tree is a few levels deep: one query per level
        frontier = list(OrgUnit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        found = found + frontier
    return found


def _mails_for(user: Any) -> QuerySet[OutboxMail]:
    """Every mail for administrators; a recruiter's organisations' only (a mail belongs to the
    organisation above its vacancy's unit: one of a vacancy without a unit is the administrators')."""
    mails = OutboxMail.objects.select_related("application__vacancy", "application__candidate")
    mine = organisations_for_staff(user)
    if mine is None:
        return mails
    return mails.filter(application__vacancy__unit__in=_units_under(mine))


def preview_examples(outcome: str) -> dict[str, Any]:
    """Stand-ins for what the outcome's caller adds (reasons, stage, dates), marked as examples."""
    today = timezone.localdate()
    examples: Mapping[str, Any] = {
        "submitted": today,
        "reasons": [_("(example) The notice asks for at least five years of experience.")],
        "stage": _("(example) written test"),
        "date": today + dt.timedelta(days=14),
        "place": _("(example) NATO Headquarters, Brussels"),
        "booking_link": "",
        "measures": "",
        "expires": today + dt.timedelta(days=365),
        "post_title": _("(example) Policy Officer"),
        "offer_reference": "000000",
        "offer_title": _("(example) Policy Officer"),
        "respond_by": today + dt.timedelta(days=14),
        "offer_link": "",
    }
    return {name: examples[name] for name in variables_for(outcome) if name in examples}


def preview(*, wording: Wording, application: Application, outcome: str, language: str) -> Rendered:
    return render_wording(
        wording, application=application, outcome=outcome, language=language, extra=preview_examples(outcome)
    )


def outbox(*, user: Any, state: str = "", vacancy_id: int | None = None) -> QuerySet[OutboxMail]:
    mails = _mails_for(user)
    if state in OutboxMail.State.values:
        mails = mails.filter(state=state)
    if vacancy_id:
        mails = mails.filter(application__vacancy_id=vacancy_id)
    return mails.order_by("-created_at", "-id")[:OUTBOX_PAGE]


def outbox_vacancies(*, user: Any) -> QuerySet[Vacancy]:
    """The vacancies with mails in the outbox `user` sees: the outbox's filter."""
    return Vacancy.objects.filter(pk__in=_mails_for(user).values("application__vacancy_id")).order_by(
        "reference", "pk"
    )


def mail_get_for_staff(*, mail_id: int, user: Any) -> OutboxMail:
    """One mail of the outbox `user` sees; 404 for any other, as if it did not exist."""
    try:
        return _mails_for(user).get(pk=mail_id)
    except OutboxMail.DoesNotExist as error:
        raise Http404 from error


def mails_for_candidate(*, application: Application) -> QuerySet[OutboxMail]:
    """The mails written to the application's candidate, oldest first (the caller checked it is theirs)."""
    return OutboxMail.objects.filter(application=application).order_by("created_at", "id")
