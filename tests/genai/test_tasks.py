"""The worker: after a submission with an essay, where the organisation switched the signal on, it reads
the essay's text, assesses it and keeps the state against the calibration."""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.essays.models import EssayCheck
from concours.essays.services import essay_replace
from concours.genai import selectors, services
from concours.genai.hooks import signal_on_submission
from concours.genai.models import EssaySignal
from concours.genai.tasks import essay_signal_make, worker_model
from concours.kernel.genai import Assessment
from concours.kernel.genai.model import unload_models
from factories import ESSAY_RULES, ApplicationFactory, docx_bytes, make_user
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
    """What happens as the submission is kept: the hook in its transaction, then, once it commits, the
    worker (run at once in tests)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        signal_on_submission(application=application, essay=application.attachments.get(kind="essay"))


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


def _no_network(*args: object, **kwargs: object) -> None:
    raise AssertionError("the worker tried to reach the network")


@pytest.mark.genai
def test_the_worker_loads_the_packaged_model_and_scores_an_essay(monkeypatch: pytest.MonkeyPatch) -> None:
    """The packaged file, no network: a real score is kept, and the state follows the threshold."""
    application = _with_essay(ESSAY)
    # A guard around the worker, not a stand-in for any part: a connection attempt fails the test.
    for module, name in [(socket.socket, "connect"), (socket.socket, "connect_ex")]:
        monkeypatch.setattr(module, name, _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    monkeypatch.setattr(socket, "getaddrinfo", _no_network)
    worker_model.cache_clear()  # the worker reads the file here, under the guard, as a new worker would
    unload_models()
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


# --- A replaced essay ---------------------------------------------------------------------------------

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "rendering", "genai"]}
}
# Long enough to be read (150 words at least), but not English: assessed without the language model.
FRENCH = "Key challenges. " + " ".join(
    ["Le premier défi de la section est de garder ses plans au rythme des demandes des pays."] * 20
)


def _failed_essay(*, switch: bool = True) -> Application:
    """A submitted application whose short essay was assessed (not assessable: too short), then failed
    its page check, so that the candidate may replace it before the deadline."""
    unit = organisation()
    if switch:
        switched_on(unit)
    else:
        calibrated(unit)
    vacancy = vacancy_of(
        unit,
        notice={"title": "Head of Section", "essay": ESSAY_RULES},
        deadline=timezone.now() + dt.timedelta(days=5),
    )
    application: Application = ApplicationFactory(vacancy=vacancy, status=Application.Status.SUBMITTED)
    essay = attach_essay(application, "Key challenges, first go")
    EssaySignal.objects.create(
        application=application,
        state=EssaySignal.State.NOT_ASSESSABLE,
        reason="too_short",
        calibration=selectors.calibration_current(unit),
        made_at=timezone.now(),
        essay_sha256=essay.sha256,
    )
    EssayCheck.objects.create(application=application, status=EssayCheck.Status.FAILED, sha256=essay.sha256)
    return application


def _replace(application: Application, text: str) -> str:
    """The candidate replaces the essay (the essays app's own service); returns the new one's SHA-256."""
    upload = SimpleUploadedFile("Key challenges v2.docx", docx_bytes(text=text))
    with TestCase.captureOnCommitCallbacks(execute=True):
        essay_replace(application=application, upload=upload, actor=application.candidate.user)
    sha256: str = application.attachments.get(kind="essay").sha256
    return sha256


def _queued_for_genai(application: Application) -> list[list[object]]:
    rows = DBTaskResult.objects.filter(
        task_path="concours.genai.tasks.essay_signal_make", queue_name="genai"
    ).values_list("args_kwargs", flat=True)
    return [row["args"] for row in rows if row["args"] == [application.pk]]


def test_a_replaced_essay_is_assessed_again_and_the_old_state_no_longer_shows(settings) -> None:  # type: ignore[no-untyped-def]
    """The replacement makes the signal pending (nothing shown, nothing counted) and queues the worker on
    "genai", which assesses the new essay: its state, and its SHA-256, are the new essay's."""
    settings.TASKS = DATABASE_TASKS
    application = _failed_essay()
    recruiter = make_user(Role.RECRUITER)
    shown = services.signal_shown(application=application, viewer=recruiter)
    assert shown is not None and shown.state == "not_assessable"
    new_sha256 = _replace(application, FRENCH)
    signal = EssaySignal.objects.get(application=application)
    assert (signal.state, signal.score, signal.reason, signal.calibration) == ("pending", None, "", None)
    assert services.signal_shown(application=application, viewer=recruiter) is None
    assert _queued_for_genai(application) == [[application.pk]]
    assert essay_signal_make.call(application.pk) == "not_assessable"  # what the worker does
    signal.refresh_from_db()
    assert (signal.reason, signal.essay_sha256) == ("not_english", new_sha256)
    assert selectors.signal_for(application) == signal
    assert services.signal_shown(application=application, viewer=recruiter) is not None


def test_while_the_switch_is_off_a_replaced_essay_is_not_assessed_and_the_old_state_is_hidden(
    settings,
) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = DATABASE_TASKS
    application = _failed_essay(switch=False)
    _replace(application, FRENCH)
    assert _queued_for_genai(application) == []
    signal = EssaySignal.objects.get(application=application)  # kept for the record, as it was made
    assert (signal.state, signal.reason) == ("not_assessable", "too_short")
    assert selectors.signal_for(application) is None
    assert services.signal_shown(application=application, viewer=make_user(Role.RECRUITER)) is None


def test_a_result_for_an_essay_replaced_while_the_worker_read_it_is_dropped(settings) -> None:  # type: ignore[no-untyped-def]
    """The worker read the old essay; the candidate replaced it before the worker stored its result:
    that result is the old essay's and is not kept, the signal stays pending for the new essay's worker."""
    settings.TASKS = DATABASE_TASKS
    application = _failed_essay()
    old_sha256 = application.attachments.get(kind="essay").sha256
    _replace(application, FRENCH)
    assert (
        services.signal_record(
            application_id=application.pk,
            assessment=Assessment(assessable=True, score=0.95, reason=""),
            essay_sha256=old_sha256,
        )
        is not None
    )
    signal = EssaySignal.objects.get(application=application)
    assert (signal.state, signal.score) == ("pending", None)
    assert essay_signal_make.call(application.pk) == "not_assessable"
