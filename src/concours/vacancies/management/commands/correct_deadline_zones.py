"""`concours correct_deadline_zones [--dry-run]`: read stored deadlines again at their duty station.

Imports used to give every duty station they did not know (Kabul, Juba, Heraklion...) the default zone,
so such a vacancy's deadline is the notice's local time read as Brussels time. Each such vacancy gets its
station's zone and the same local deadline there, with an audit record (`vacancy_zone_correct`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand

from concours.vacancies.models import Vacancy
from concours.vacancies.services import ZoneCorrection, vacancy_zone_correct, vacancy_zone_correction


def _local(moment: dt.datetime | None, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone)).isoformat() if moment else "no deadline"


class Command(BaseCommand):
    help = (
        "Give vacancies stored with the default zone the zone of their known duty station, keeping the"
        " deadline's local time; each correction is audited. --dry-run lists them and changes nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list the corrections; change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = options["dry_run"]
        count = 0
        for vacancy in Vacancy.objects.order_by("pk").iterator():
            correction: ZoneCorrection | None
            if dry_run:
                correction = vacancy_zone_correction(vacancy)
            else:
                correction = vacancy_zone_correct(vacancy=vacancy, actor=None)
            if correction is None:
                continue
            count += 1
            self.stdout.write(
                f"{'would correct' if dry_run else 'corrected'} {vacancy.pk}: {vacancy} ({vacancy.location}):"
                f" {_local(correction.old_deadline, correction.old_zone)} {correction.old_zone}"
                f" -> {_local(correction.new_deadline, correction.new_zone)} {correction.new_zone}"
            )
        self.stdout.write(
            f"{count} vacanc{'y' if count == 1 else 'ies'} {'to correct' if dry_run else 'corrected'}"
        )
