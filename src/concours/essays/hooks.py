"""What the essays app does when `applications` reports an event (registered in `EssaysConfig.ready`)."""

from __future__ import annotations

from concours.applications.models import Application, Attachment
from concours.essays.inspection import ui_language
from concours.essays.services import essay_check_start, essay_verify_for_submission
from concours.essays.tasks import rendition_make
from concours.vacancies.models import Vacancy


def check_essay_before_submission(*, data: bytes, file_name: str, vacancy: Vacancy) -> object:
    """The rules that need no rendering, at once; a refusal keeps nothing of the submission."""
    return essay_verify_for_submission(data=data, file_name=file_name, vacancy=vacancy)


def essay_check_on_submission(*, application: Application, essay: Attachment | None) -> None:
    """The essay's page check, kept pending in the submission's transaction; a worker counts the pages
    once it commits. Run in the candidate's request: the language active now is the one they applied in.
    """
    if essay is not None:
        essay_check_start(application=application, language=ui_language(), essay=essay)


def essay_work_on_submission(*, application_id: int, has_essay: bool) -> None:
    """A worker makes the panel's anonymised copy, once the submission with its essay is committed."""
    if has_essay:
        rendition_make.enqueue(application_id)
