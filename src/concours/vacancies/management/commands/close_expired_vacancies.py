"""`concours close_expired_vacancies`: close the published vacancies whose deadline has passed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from concours.vacancies.services import vacancies_close_expired


class Command(BaseCommand):
    help = "Close every published vacancy whose deadline has passed; run it from cron every few minutes."

    def handle(self, *args: Any, **options: Any) -> None:
        for vacancy in vacancies_close_expired():
            self.stdout.write(f"closed {vacancy}")
