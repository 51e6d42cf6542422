"""`concours import_notices FILE...`: draft vacancies from notices, with a report of what happened."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from concours.vacancies.importing import vacancy_import_files


class Command(BaseCommand):
    help = (
        "Create or update draft vacancies from notice files (text, HTML, PDF, .docx); idempotent. French "
        "notices fill the French version of the vacancy with their reference (English ones are read first)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("files", nargs="+")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = {"created": 0, "updated": 0, "skipped": 0}
        paths = options["files"]
        outcomes = vacancy_import_files(files=[(path, path) for path in paths], actor=None)
        for path, outcome in zip(paths, outcomes, strict=True):
            counts[outcome.action] += 1
            target = f" → {outcome.vacancy.pk}: {outcome.vacancy}" if outcome.vacancy else ""
            self.stdout.write(f"{outcome.action:8} {path}{target}: {outcome.reason}")
        self.stdout.write(
            f"{counts['created']} created, {counts['updated']} updated, {counts['skipped']} skipped"
        )
