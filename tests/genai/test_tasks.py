"""The worker: after a submission with an essay, where the organisation switched the signal on, it reads
the essay's text, assesses it and keeps the state against the calibration."""

from __future__ import annotations

import pytest
from django.test import TestCase

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.genai import selectors, services
from concours.genai.hooks import signal_on_submission
from concours.genai.models import EssaySignal
from concours.genai.tasks import essay_signal_make
from factories import ApplicationFactory, make_user
from genai_scenario import attach_essay, calibrated, organisation, switched_on, vacancy_of

pytestmark = pytest.mark.django_db

# About 250 words of plain English prose, as a candidate might write on the notice's question.
ESSAY = " ".join(
    [
        "The first challenge of the section is to keep its plans in step with what the nations ask of it.",
        "When I led a small team at a ministry, we met every Monday to read the requests of the week and",
        "decide, together, which ones we could answer well and which ones had to wait for more staff.",
        "That habit taught me to say no early, in writing, and with a date, rather than late and in a hurry.",
        "The second challenge is the budget. A section that spends its money in the last month of the year",
        "cannot plan; I would spread the commitments over the quarters and report each one to the chief.",
        "The third is people. New officers arrive from many countries and often do not know how the staff",
        "works. I would pair each of them with a colleague for their first three months, and ask both of",
        "them, at the end, what should change. Small changes made every quarter are better than a large",
        "reform every five years, which nobody remembers by the time it is finished. Finally, I would keep",
        "the section's notes short and dated, so that anyone taking over a file can read where it stands",
        "without calling the person who left. These are modest steps, but they are the ones I have seen",
        "work, and I would rather promise little and deliver it than promise a great deal and explain later",
        "why it could not be done in the time we had and with the people we could count on at the time.",
    ]
)


def _with_essay(text: str, *, switch: bool = True) -> Application:
    unit = organisation()
    if switch:
        switched_on(unit)
    else:
        calibrated(unit)
    application: Application = ApplicationFactory(
        vacancy=vacancy_of(unit), status=Application.Status.SUBMITTED
    )
    attach_essay(application, text)
    return application


def _submitted(application: Application) -> None:
    """What happens when the submission commits: the hook, then the worker (run at once in tests)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        signal_on_submission(application_id=application.pk, has_essay=True)


def test_a_short_essay_is_not_assessable_and_its_state_is_kept() -> None:
    application = _with_essay("Key challenges. I would lead the section with care and listen to my staff.")
    _submitted(application)
    signal = EssaySignal.objects.get(application=application)
    assert (signal.state, signal.reason, signal.score) == ("not_assessable", "too_short", None)
    assert signal.calibration is not None and signal.made_at is not None


def test_nothing_is_queued_while_the_switch_is_off() -> None:
    application = _with_essay(ESSAY, switch=False)
    _submitted(application)
    assert not EssaySignal.objects.exists()
    assert essay_signal_make.call(application.pk) == "off"
    assert not EssaySignal.objects.exists()


def test_an_essay_in_french_is_not_assessable() -> None:
    application = _with_essay(
        " ".join(
            ["Le premier défi de la section est de garder ses plans au rythme des demandes des pays."] * 20
        )
    )
    _submitted(application)
    assert EssaySignal.objects.get(application=application).reason == "not_english"


@pytest.mark.genai
def test_the_worker_loads_the_packaged_model_and_scores_an_essay() -> None:
    """The packaged file, no network: a real score is kept, and the state follows the threshold."""
    application = _with_essay(ESSAY)
    _submitted(application)
    signal = EssaySignal.objects.get(application=application)
    assert signal.score is not None and signal.calibration is not None
    expected = "review_suggested" if signal.score >= signal.calibration.threshold else "no_signal"
    assert signal.state == expected


def test_a_signal_made_from_an_essay_since_replaced_is_neither_shown_nor_used() -> None:
    """The candidate may replace an essay that failed its check: the signal was the old essay's."""
    application = _with_essay("Key challenges, in too few words.")
    _submitted(application)
    assert selectors.signal_for(application) is not None
    essay = application.attachments.get()
    essay.sha256 = "0" * 64  # what a replacement changes
    essay.save(update_fields=["sha256"])
    assert selectors.signal_for(application) is None
    assert services.signal_shown(application=application, viewer=make_user(Role.RECRUITER)) is None
