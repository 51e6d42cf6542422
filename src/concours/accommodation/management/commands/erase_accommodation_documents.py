"""`concours erase_accommodation_documents`: erase the supporting documents kept past their period."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from concours.accommodation.services import accommodation_documents_erase_expired


class Command(BaseCommand):
    help = (
        "Erase the documents supporting requests for reasonable accommodation of competitions closed "
        "longer ago than their organisation keeps them (CONCOURS_ACCOMMODATION_RETENTION_DAYS unless "
        "the organisation sets its own). The requests and decisions stay. Run it from cron once a day."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = accommodation_documents_erase_expired()
        self.stdout.write(f"erased {report.documents} documents of {report.requests} requests")
