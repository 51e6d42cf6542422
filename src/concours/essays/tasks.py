"""Rendering leaves the request: workers count essays' pages, check drafts and make renditions.

Rendering tasks go to the "rendering" queue, so that a slow document never holds up screening or mail,
which stay on "default": run a worker per queue (`concours db_worker --queue-name rendering`).
"""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from concours.essays import rendering
from concours.essays.models import EssayCheck
from concours.essays.selectors import essay_check_mail_context

RENDERING = "rendering"


@task(queue_name=RENDERING)
def draft_check_finish(check_id: int) -> str:
    return rendering.draft_check_finish(check_id=check_id).status


@task(queue_name=RENDERING)
def rendition_make(application_id: int) -> bool:
    return rendering.rendition_make(application_id=application_id) is not None


@task(queue_name=RENDERING)
def essay_check_pages(check_id: int) -> str:
    check = rendering.essay_check_finish(check_id=check_id, tell_candidate=essay_check_failed_mail.enqueue)
    return check.status


@task()
def essay_check_failed_mail(check_id: int) -> int:
    """Tell the candidate, in their language, that their essay fails the notice's rules and what to do;
    nothing when the essay has been replaced since. Returns how many mails were sent."""
    check = EssayCheck.objects.select_related("application__vacancy", "application__candidate__user").get(
        pk=check_id
    )
    if not check.failed:
        return 0
    user = check.application.candidate.user
    with translation.override(user.language or check.language):
        context = essay_check_mail_context(check)
        subject = render_to_string("essays/mail/essay_check_failed_subject.txt", context)
        body = render_to_string("essays/mail/essay_check_failed_body.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[user.email]).send()
