"""What the essays app does when `applications` reports an event (registered in `EssaysConfig.ready`)."""

from __future__ import annotations

from concours.essays.services import essay_verify_for_submission
from concours.essays.tasks import rendition_make
from concours.vacancies.models import Vacancy


def check_essay_before_submission(*, data: bytes, file_name: str, vacancy: Vacancy) -> object:
    """Every rule of the notice, pages counted as rendered; a refusal keeps nothing of the submission."""
    return essay_verify_for_submission(data=data, file_name=file_name, vacancy=vacancy)


def anonymise_on_submission(*, application_id: int, has_essay: bool) -> None:
    """The panel's anonymised copy is made by a worker as soon as the essay is in."""
    if has_essay:
        rendition_make.enqueue(application_id)
