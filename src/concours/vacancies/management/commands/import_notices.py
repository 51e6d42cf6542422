"""`concours import_notices FILE...`: draft vacancies from notices, with a report of what happened."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from concours.vacancies.importing import vacancy_import_file


class Command(BaseCommand):
    help = "Create or update draft vacancies from notice files (text, HTML, PDF, .docx); idempotent."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("files", nargs="+")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = {"created": 0, "updated": 0, "skipped": 0}
        for path in options["files"]:
            outcome = vacancy_import_file(path=path, actor=None)
            counts[outcome.action] += 1
            target = f" → {outcome.vacancy.pk}: {outcome.vacancy}" if outcome.vacancy else ""
            self.stdout.write(f"{outcome.action:8} {path}{target}: {outcome.reason}")
        self.stdout.write(
            f"{counts['created']} created, {counts['updated']} updated, {counts['skipped']} skipped"
        )
