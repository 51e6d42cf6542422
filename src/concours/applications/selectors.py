"""Reading applications, each reader seeing only what their role allows."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404

from concours.accounts.permissions import sees_identities
from concours.applications.models import Application, Attachment
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
    return Application.objects.filter(candidate__user=candidate_user, vacancy=vacancy).first()


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
    try:
        return (
            Application.objects.select_related("vacancy", "candidate", "candidate__user")
            .prefetch_related("attachments", "transitions__actor")
            .exclude(status=Application.Status.DRAFT)
            .get(pk=application_id, vacancy__in=vacancy_list_for_staff(user=user))
        )
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
