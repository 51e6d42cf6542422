"""Reading essay checks and renditions, each for whoever may see them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import F, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from concours.applications.models import Application, Attachment
from concours.essays.models import DraftCheck, EssayCheck, Rendition
from concours.kernel.essays.messages import render


@dataclass(frozen=True)
class RuleLine:
    rule: str
    result: str
    reason: str


def draft_check_get_for(*, check_id: int, user: Any) -> DraftCheck:
    """The candidate's own draft check; another's is answered as if it did not exist."""
    try:
        return DraftCheck.objects.select_related("vacancy").get(pk=check_id, candidate__user=user)
    except DraftCheck.DoesNotExist:
        raise Http404 from None


def rule_lines(checks: list[dict[str, Any]]) -> list[RuleLine]:
    """The checks of an essay as sentences in the reader's language."""
    lang = "fr" if (get_language() or "en").startswith("fr") else "en"
    return [RuleLine(c["rule"], c["result"], render(c["code"], c.get("params") or {}, lang)) for c in checks]


def rendition_for(*, application_id: int) -> Rendition | None:
    """The anonymised PDF of an application's essay, once made; callers check who may open it."""
    return Rendition.objects.filter(application_id=application_id).first()


def essay_exists(*, application_id: int) -> bool:
    """Whether the application came with an essay (callers check who may know)."""
    return Attachment.objects.filter(application_id=application_id, kind=Attachment.Kind.ESSAY).exists()


def essay_check_for(*, application_id: int) -> EssayCheck | None:
    """The page check of an application's essay, where its notice sets rules; callers check who may see it."""
    return EssayCheck.objects.filter(application_id=application_id).first()


def essay_check_reasons(check: EssayCheck) -> list[str]:
    """Why an essay fails, in the reader's language: each rule it breaks, or why it could not be laid out."""
    if check.status == EssayCheck.Status.ERROR:
        return [
            _(
                "The essay could not be laid out on the page within our limits (time and memory) to count"
                " its pages. Please attach a plain Word document holding the essay alone."
            )
        ]
    return [line.reason for line in rule_lines(check.checks) if line.result == "fail"]


def essay_check_mail_context(check: EssayCheck) -> dict[str, Any]:
    """What the mail to a candidate whose essay failed says, in the active language."""
    application = check.application
    vacancy = application.vacancy
    return {
        "name": application.candidate.name or application.candidate.user.name,
        "title": vacancy.localized_title(),
        "reference": vacancy.reference,
        "reasons": essay_check_reasons(check),
        "deadline": vacancy.local_deadline,
        "zone": vacancy.zone,
        "link": settings.CONCOURS_SITE_URL + reverse("applications:detail", args=[application.pk]),
    }


def with_essay_status(applications: QuerySet[Application]) -> QuerySet[Application]:
    """`applications` with `essay_status`: their essay's check ("pending", "failed", ...; None if none)."""
    return applications.annotate(essay_status=F("essay_check__status"))
