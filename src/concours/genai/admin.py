"""The signal's calibrations and switches, read-only: both change only through the services (audited).

Signals and explanations have no admin page: the raw score is never shown, and candidates' answers are
read on the application's page by the recruiters in charge.
"""

from __future__ import annotations

from django.contrib import admin

from concours.core.admin_mixins import ReadOnlyAdminMixin
from concours.genai.models import SignalCalibration, SignalSwitch


@admin.register(SignalCalibration)
class SignalCalibrationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["organisation", "made_at", "made_by", "model"]
    fields = ["organisation", "made_at", "made_by", "model", "figures", "corpus"]


@admin.register(SignalSwitch)
class SignalSwitchAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["organisation", "on", "set_at", "set_by", "calibration"]
    list_filter = ["on"]
    fields = ["organisation", "on", "set_at", "set_by", "calibration"]
