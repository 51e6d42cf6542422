"""Stages copied from the earlier default plan moved those who passed the last stage to "selected":
a ranking's confirmation decided before the appointing authority approved. They now move no one; the
approval of the recommendation makes every decision (applications/decisions.py)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

DECISIONS = ["selected", "reserve", "not_selected"]


def forwards(apps: Any, schema_editor: Any) -> None:
    Stage = apps.get_model("assessment", "Stage")
    Stage.objects.filter(advances_to__in=DECISIONS).update(advances_to="")


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_stage_plans_panels_scorecards_slots")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
