"""What the essays app does when `applications` reports an event (registered in `EssaysConfig.ready`)."""

from __future__ import annotations

from concours.applications.models import Application
from concours.essays.inspection import ui_language
from concours.essays.services import essay_check_start, essay_verify_for_submission
from concours.essays.tasks import rendition_make
from concours.vacancies.models import Vacancy


def check_essay_before_submission(*, data: bytes, file_name: str, vacancy: Vacancy) -> object:
    """The rules that need no rendering, at once; a refusal keeps nothing of the submission."""
    return essay_verify_for_submission(data=data, file_name=file_name, vacancy=vacancy)


def essay_work_on_submission(*, application_id: int, has_essay: bool) -> None:
    """A worker counts the essay's pages and makes the panel's anonymised copy, once the essay is in.

    Run just after the submission is committed, still in the candidate's request: the language active
    now is the one they applied in.
    """
    if has_essay:
        application = Application.objects.select_related("vacancy").get(pk=application_id)
        essay_check_start(application=application, language=ui_language())
        rendition_make.enqueue(application_id)
