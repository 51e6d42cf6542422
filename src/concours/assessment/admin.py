from __future__ import annotations

from django.contrib import admin

from concours.accounts.admin_mixins import StaffUserPickerMixin
from concours.assessment.models import (
    Consensus,
    Criterion,
    Declaration,
    Invitation,
    PanelMember,
    Scorecard,
    Slot,
    Stage,
    TestResult,
)
from concours.core.admin_mixins import ReadOnlyAdminMixin


@admin.register(Stage)
class StageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only, as every record here: the plan page changes stages through services, with audit."""

    list_display = [
        "vacancy",
        "position",
        "name",
        "kind",
        "blind",
        "scorers",
        "pass_rule",
        "entry_status",
        "advances_to",
    ]
    list_filter = ["kind", "blind", "scorers"]
    search_fields = ["vacancy__reference", "name", "name_fr"]


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["stage", "position", "source", "name", "weight"]


@admin.register(PanelMember)
class PanelMemberAdmin(StaffUserPickerMixin, ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: members are seated through the panel page, which invites them and audits it."""

    list_display = ["vacancy", "user", "role", "invited_at"]
    list_filter = ["role"]


@admin.register(Declaration)
class DeclarationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["member", "application", "conflicted", "declared_at"]
    list_filter = ["conflicted"]


@admin.register(Scorecard)
class ScorecardAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["stage", "member", "application", "status", "submitted_at"]
    list_filter = ["status"]


@admin.register(Consensus)
class ConsensusAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["stage", "application", "criterion", "value", "members_mean", "recorded_by"]


@admin.register(TestResult)
class TestResultAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["application", "test", "score", "maximum", "taken_on"]
    search_fields = ["test"]


@admin.register(Slot)
class SlotAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["stage", "starts_at", "minutes", "place", "capacity"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["stage", "application", "status", "slot", "sequence"]
    list_filter = ["status"]
