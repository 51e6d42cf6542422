"""Rendering leaves the request: drafts are checked and renditions made by workers."""

from __future__ import annotations

from django_tasks import task

from concours.essays import rendering


@task()
def draft_check_finish(check_id: int) -> str:
    return rendering.draft_check_finish(check_id=check_id).status


@task()
def rendition_make(application_id: int) -> bool:
    return rendering.rendition_make(application_id=application_id) is not None
