"""The blind view of an application: all that panel members and hiring managers may read.

Pages for those roles receive `BlindApplication` values, never a model instance, so no template can
reach the candidate's name, contact details, nationality, employers, schools or files by accident: the
values simply are not there. Only applications still in the competition are shown, ordered by code.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.http import Http404

from concours.applications import hooks
from concours.applications.models import Application, Attachment
from concours.applications.workflow import IN_COMPETITION
from concours.vacancies.models import Vacancy
from concours.vacancies.selectors import vacancy_list_for_staff


@dataclass(frozen=True)
class BlindApplication:
    """An application as a panel reads it: a code, a state and whether an anonymised essay exists."""

    id: int
    code: str
    vacancy_id: int
    vacancy_title: str
    vacancy_reference: str
    status: str
    status_label: str
    has_essay: bool


def _blind(application: Application, *, has_essay: bool) -> BlindApplication:
    vacancy = application.vacancy
    return BlindApplication(
        id=application.pk,
        code=application.candidate_code,
        vacancy_id=vacancy.pk,
        vacancy_title=vacancy.title,
        vacancy_reference=vacancy.reference or "",
        status=application.status,
        status_label=str(Application.Status(application.status).label),
        has_essay=has_essay,
    )


def _in_competition(user: Any, *, declaring: bool = False) -> Any:
    # Only the columns a blind view needs are read: the candidate's row is never loaded.
    applications = (
        Application.objects.filter(status__in=IN_COMPETITION, vacancy__in=vacancy_list_for_staff(user=user))
        .select_related("vacancy")
        .only("id", "status", "vacancy__id", "vacancy__title", "vacancy__reference")
    )
    # Apps above narrow it (assessment hides a candidate from a member who declared a conflict).
    for narrow in hooks.blind_filters:
        applications = narrow(user=user, applications=applications, conflicts_only=declaring)
    return applications


def _with_essay(ids: list[int]) -> set[int]:
    return set(
        Attachment.objects.filter(application_id__in=ids, kind=Attachment.Kind.ESSAY).values_list(
            "application_id", flat=True
        )
    )


def blind_application_list(
    *, vacancy: Vacancy, user: Any, statuses: Collection[str] | None = None, declaring: bool = False
) -> list[BlindApplication]:
    """The applications of `vacancy` still in the competition (in `statuses` if given), blind, by code.

    `declaring`: for the page where a panel member declares conflicts, which lists the candidates they
    have not declared about yet (other pages hide those).
    """
    applications = _in_competition(user, declaring=declaring).filter(vacancy=vacancy)
    if statuses is not None:
        applications = applications.filter(status__in=list(statuses))
    applications = list(applications)
    essays = _with_essay([a.pk for a in applications])
    blind = [_blind(a, has_essay=a.pk in essays) for a in applications]
    return sorted(blind, key=lambda item: item.code)


def blind_application_get(*, application_id: int, user: Any) -> BlindApplication:
    """One application of a vacancy `user` is assigned to, if still in the competition; else 404."""
    try:
        application = _in_competition(user).get(pk=application_id)
    except Application.DoesNotExist:
        raise Http404 from None
    return _blind(application, has_essay=bool(_with_essay([application.pk])))
