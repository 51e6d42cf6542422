"""Work that leaves the request: the job alerts' daily mails, for a scheduler that enqueues tasks rather
than running `concours send_job_alerts` from cron."""

from __future__ import annotations

from django_tasks import task

from concours.candidates.services import job_alerts_send


@task()
def job_alerts_send_daily() -> dict[str, int]:
    """The daily run (twice the same day mails nothing more); what it did, in counts."""
    run = job_alerts_send()
    return {"mailed": run.mailed, "vacancies": run.vacancies, "quiet": run.quiet, "failed": len(run.failed)}
