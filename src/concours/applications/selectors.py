"""Reading applications, each reader seeing only what their role allows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from concours.accounts.permissions import sees_identities
from concours.applications import hooks
from concours.applications.models import Application, Attachment
from concours.candidates.models import Education
from concours.kernel.reference.languages import language_name
from concours.vacancies.models import Vacancy
from concours.vacancies.selectors import vacancy_list_for_staff


def application_list_for_candidate(*, user: Any) -> QuerySet[Application]:
    return (
        Application.objects.filter(candidate__user=user)
        .select_related("vacancy")
        .order_by("-created_at", "-id")
    )


def application_get_for_candidate(*, application_id: int, user: Any) -> Application:
    """The candidate's own application; another's is answered as if it did not exist."""
    try:
        return (
            Application.objects.select_related("vacancy", "candidate")
            .prefetch_related("attachments", "transitions")
            .get(pk=application_id, candidate__user=user)
        )
    except Application.DoesNotExist:
        raise Http404 from None


def application_for_vacancy(*, candidate_user: Any, vacancy: Vacancy) -> Application | None:
    """The candidate's live application to the vacancy, or else the last one they withdrew."""
    # One query: the live one (at most one, by the model's constraint) sorts first, then the withdrawn
    # ones, the latest first.
    withdrawn = Case(When(status=Application.Status.WITHDRAWN, then=Value(1)), default=Value(0))
    return (
        Application.objects.filter(candidate__user=candidate_user, vacancy=vacancy)
        .order_by(withdrawn, "-created_at", "-id")
        .first()
    )


def may_apply_again(*, application: Application, now: dt.datetime) -> bool:
    """Whether the candidate may apply again after withdrawing `application`: with a new application,
    while the vacancy takes applications, unless a live one exists already."""
    return (
        application.status == Application.Status.WITHDRAWN
        and application.vacancy.is_open_at(now)
        and not Application.objects.filter(
            candidate_id=application.candidate_id, vacancy_id=application.vacancy_id
        )
        .exclude(status=Application.Status.WITHDRAWN)
        .exists()
    )


def status_counts(*, vacancy: Vacancy) -> dict[str, int]:
    rows = (
        Application.objects.filter(vacancy=vacancy)
        .exclude(status=Application.Status.DRAFT)
        .values("status")
        .annotate(n=Count("id"))
    )
    return {row["status"]: row["n"] for row in rows}


def application_get_for_staff(*, application_id: int, user: Any) -> Application:
    """An application with its candidate, for recruiters of the vacancy; drafts stay private.

    Panel members and hiring managers are answered as if it did not exist: they read `blind` views.
    """
    if not sees_identities(user):
        raise Http404
    applications = (
        Application.objects.select_related("vacancy", "candidate", "candidate__user")
        .prefetch_related("attachments", "transitions__actor")
        .exclude(status=Application.Status.DRAFT)
    )
    # A recruiter who sits on the panel and declared a conflict with the candidate (assessment) is
    # answered as a panel member would be.
    for narrow in hooks.blind_filters:
        applications = narrow(user=user, applications=applications, conflicts_only=True)
    try:
        return applications.get(pk=application_id, vacancy__in=vacancy_list_for_staff(user=user))
    except Application.DoesNotExist:
        raise Http404 from None


def _attachment(application: Application, kind: str) -> Attachment:
    try:
        return application.attachments.get(kind=kind)
    except Attachment.DoesNotExist:
        raise Http404 from None


def attachment_get_for_candidate(*, application_id: int, kind: str, user: Any) -> Attachment:
    """A file of the candidate's own application."""
    return _attachment(application_get_for_candidate(application_id=application_id, user=user), kind)


def attachment_get_for_staff(*, application_id: int, kind: str, user: Any) -> Attachment:
    """An original file, for recruiters of the vacancy (panels read the anonymised essay instead)."""
    return _attachment(application_get_for_staff(application_id=application_id, user=user), kind)


@dataclass(frozen=True)
class ProfileAsSubmitted:
    """The profile kept at submission (candidate.schema.json), ready to show: what recruiters read."""

    name: str
    nationalities: list[str]
    languages: list[dict[str, str]]
    education: list[dict[str, str]]
    experience: list[dict[str, str]]
    sha256: str
    kept_at: dt.datetime | None
    # False for applications submitted before profiles were kept: theirs was kept later, by a migration.
    at_submission: bool


# The scales a level is read on, named short beside it: "anglais V (OTAN)".
_SCALES = {"NATO": _("NATO"), "CEFR": _("CEFR"), "STANAG6001": "STANAG 6001", "UN": _("United Nations")}


def profile_as_submitted(application: Application) -> ProfileAsSubmitted | None:
    """The application's profile as submitted, never the live one (which may have changed since), its
    languages, scales and degrees named in the reader's language."""
    snapshot = application.profile_snapshot
    if snapshot is None:
        return None
    levels = dict(Education.Level.choices)
    reader = "fr" if (get_language() or "en").startswith("fr") else "en"
    return ProfileAsSubmitted(
        name=snapshot.get("name") or "",
        nationalities=list(snapshot.get("nationalities") or []),
        languages=[
            {
                "language": language_name(item.get("language", ""), reader),
                "level": item.get("level", ""),
                "scale": str(_SCALES.get(item.get("scale", ""), item.get("scale", ""))),
            }
            for item in snapshot.get("languages") or []
        ],
        education=[
            {
                "level": str(levels.get(item.get("level"), item.get("level", ""))),
                "field": item.get("field") or "",
                "year": (item.get("completed") or "")[:4],  # dates are ISO text: YYYY-MM[-DD]
            }
            for item in snapshot.get("education") or []
        ],
        experience=[
            {
                "title": item.get("title") or "",
                "employer": item.get("employer") or "",
                "start": (item.get("start") or "")[:7],
                "end": (item.get("end") or "")[:7],
                "fte": str(item.get("fte", "")),
            }
            for item in snapshot.get("experience") or []
        ],
        sha256=application.profile_sha256,
        kept_at=application.profile_frozen_at,
        at_submission=application.profile_frozen_at is not None
        and application.profile_frozen_at == application.submitted_at,
    )


def vacancy_list_with_counts(*, user: Any) -> QuerySet[Vacancy]:
    """The vacancies `user` may see, each with `applications_count` (submitted ones: drafts stay the
    candidate's) and `to_screen_count` (submitted, not yet screened in or out)."""
    S = Application.Status
    return vacancy_list_for_staff(user=user).annotate(
        applications_count=Count("applications", filter=~Q(applications__status=S.DRAFT), distinct=True),
        to_screen_count=Count("applications", filter=Q(applications__status=S.SUBMITTED), distinct=True),
    )


_ORDERINGS = {
    "name": ["candidate__name", "id"],
    "-name": ["-candidate__name", "-id"],
    "submitted": ["submitted_at", "id"],
    "-submitted": ["-submitted_at", "-id"],
}


def applications_searched(
    applications: QuerySet[Application], *, query: str = "", sort: str = ""
) -> QuerySet[Application]:
    """A recruiter's list narrowed to candidates whose name or email holds every word of `query`, in the
    order `sort` names (by name by default). Recruiters only: panels' blind lists are never searched by
    name, nor ordered by anything but the candidate code (applications.blind)."""
    for word in query.split():
        applications = applications.filter(
            Q(candidate__name__icontains=word) | Q(candidate__user__email__icontains=word)
        )
    if sort == "state":  # in the workflow's order, not the alphabet's
        position = Case(
            *[When(status=value, then=Value(index)) for index, value in enumerate(Application.Status.values)],
            output_field=IntegerField(),
        )
        return applications.order_by(position, "candidate__name", "id")
    return applications.order_by(*_ORDERINGS.get(sort, _ORDERINGS["name"]))
