"""`concours erase_orphan_reports`: delete the selection reports' files that no report refers to."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from concours.selection.reporting import report_files_orphaned_erase


class Command(BaseCommand):
    help = (
        "Delete the selection reports' stored files that no report refers to (written in a transaction "
        "that rolled back afterwards), once a day old. Running it again deletes nothing more. Run it from "
        "cron once a day."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        erased = report_files_orphaned_erase()
        self.stdout.write(f"erased {len(erased)} orphaned report files")
