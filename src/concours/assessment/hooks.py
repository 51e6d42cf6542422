"""What assessment adds to the blind view of `applications` (registered in AssessmentConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from concours.applications.models import Application
from concours.assessment.models import Declaration, PanelMember


def hide_from_conflicted_members(
    *, user: Any, applications: QuerySet[Application], conflicts_only: bool
) -> QuerySet[Application]:
    """A member never sees a candidate they declared a conflict with; on the vacancies where they sit on
    the panel, they see a candidate only once they have declared about them (unless `conflicts_only`:
    the page where they declare, and recruiters' pages)."""
    if not getattr(user, "is_authenticated", False):
        return applications
    declarations = Declaration.objects.filter(member__user=user)
    applications = applications.exclude(pk__in=declarations.filter(conflicted=True).values("application_id"))
    if conflicts_only:
        return applications
    seats = PanelMember.objects.filter(user=user).values("vacancy_id")
    return applications.exclude(Q(vacancy_id__in=seats) & ~Q(pk__in=declarations.values("application_id")))


def sits_on_panel(*, user: Any, vacancy_id: int) -> bool:
    """Whether `user` holds a seat on the vacancy's panel, whatever their role (HR seats included): a
    panel member never reads the candidates' accommodation requests (see accommodation.hooks)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return PanelMember.objects.filter(vacancy_id=vacancy_id, user_id=user.pk).exists()
