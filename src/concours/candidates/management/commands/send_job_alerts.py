"""`concours send_job_alerts`: mail each candidate's job alerts their new vacancies (run from cron daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from concours.candidates.services import job_alerts_send


class Command(BaseCommand):
    help = (
        "Mail each active job alert the vacancies published since its last mail that match its search and "
        "are still open, one mail per alert. Run it from cron once a day: a second run the same day sends "
        "nothing. Exits with an error when an alert could not be mailed (it is tried again the next run)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        run = job_alerts_send()
        self.stdout.write(
            f"mailed {run.mailed} alerts ({run.vacancies} vacancies), {run.quiet} with nothing new, "
            f"{len(run.failed)} failed"
        )
        if run.failed:
            # Cron mails a failing command's output to its owner: the details are in the log.
            raise CommandError(
                "job alerts not mailed (see the log): " + ", ".join(str(alert_id) for alert_id in run.failed)
            )
