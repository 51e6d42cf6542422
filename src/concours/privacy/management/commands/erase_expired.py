"""`concours erase_expired`: erase what the retention period no longer allows to keep (run from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from concours.privacy.services import erase_expired


class Command(BaseCommand):
    help = (
        "Erase the applications, files and draft checks of competitions closed longer ago than their "
        "organisation's retention period, and finish confirmed erasures whose competitions have closed. "
        "Run it from cron once a day."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = erase_expired()
        self.stdout.write(
            f"erased {report.applications} applications, {report.draft_checks} draft checks, "
            f"{report.candidates} candidates"
        )
