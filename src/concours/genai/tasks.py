"""The signal is made by a worker, never in a request: the language model takes seconds to load and
seconds per essay. Its tasks go to the "genai" queue (`concours db_worker --queue-name genai`), so that
they never hold up screening, mail or rendering; the model is loaded once per worker process.
"""

from __future__ import annotations

from functools import cache

from django_tasks import task

from concours.core.errors import DomainError
from concours.essays.inspection import essay_facts
from concours.genai import selectors, services
from concours.kernel.genai import Assessment, LanguageModel, assess, load_model
from concours.vacancies.models import Vacancy

GENAI = "genai"
OFF = "off"


@cache
def worker_model() -> LanguageModel:
    """The packaged model, read from the package's own file (no network), once per process."""
    return load_model()


def essay_text(essay: selectors.EssayFile | None, *, vacancy: Vacancy) -> str:
    """The essay's body text as the essays app reads it; empty when there is none or it cannot be read."""
    if essay is None:
        return ""
    try:
        return essay_facts(essay.data, vacancy=vacancy, file_name=essay.name, render=False).text
    except DomainError:
        return ""


@task(queue_name=GENAI)
def essay_signal_make(application_id: int) -> str:
    """Assess the essay and keep its state against the organisation's calibration; returns the state,
    or "off" when the organisation's switch was turned off meanwhile (nothing is kept then)."""
    vacancy = Vacancy.objects.select_related("unit").get(applications__pk=application_id)
    if not selectors.switch_is_on(selectors.organisation_of(vacancy)):
        services.signal_record(application_id=application_id, assessment=None)
        return OFF
    essay = selectors.essay_file(application_id)
    text = essay_text(essay, vacancy=vacancy)
    if text.strip():
        assessment = assess(worker_model(), text)
    else:
        assessment = Assessment(assessable=False, score=None, reason="no_text")
    signal = services.signal_record(
        application_id=application_id, assessment=assessment, essay_sha256=essay.sha256 if essay else ""
    )
    return signal.state if signal is not None else OFF
