"""Points where apps above `applications` plug into a submission, without applications importing them.

Screening and essays build on applications, so applications may not import them. Instead each
registers what it must do in its `AppConfig.ready`: `essay_checks` run before a submission is kept (a
refusal raises `DomainError` and nothing is stored), `in_submission` run inside the submission's transaction
once it is recorded (what they write is kept with it, or rolled back with it; they render nothing: on
SQLite the transaction holds the write lock), `on_submitted` run after it is committed. `move_checks`
run before each move made by `application_transition` is recorded: a refusal raises `DomainError` and the
move is not made (genai refuses a screening-out that only its signal could explain). `on_moved`
run inside the transaction of each move made by `application_transition`, after it is recorded: what they
send waits for the commit, so a move refused or rolled back tells nobody.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.db.models import QuerySet

from concours.applications.models import Application, Attachment
from concours.vacancies.models import Vacancy


class EssayCheck(Protocol):
    def __call__(self, *, data: bytes, file_name: str, vacancy: Vacancy) -> object: ...


class Submitted(Protocol):
    def __call__(self, *, application_id: int, has_essay: bool) -> None: ...


class Submitting(Protocol):
    """`application`: submitted, its candidate and vacancy loaded; `essay`: its essay as just stored."""

    def __call__(self, *, application: Application, essay: Attachment | None) -> None: ...


class Moved(Protocol):
    def __call__(self, *, application: Application, from_status: str, to_status: str, actor: Any) -> None: ...


class MoveCheck(Protocol):
    def __call__(self, *, application: Application, to_status: str, actor: Any) -> None: ...


class BlindFilter(Protocol):
    """Narrows the applications a staff member may open. `conflicts_only`: hide only those they declared
    a conflict with (the recruiters' pages, and the page where panel members declare); otherwise also
    those they have yet to declare about."""

    def __call__(
        self, *, user: Any, applications: QuerySet[Application], conflicts_only: bool
    ) -> QuerySet[Application]: ...


essay_checks: list[EssayCheck] = []
on_submitted: list[Submitted] = []
in_submission: list[Submitting] = []
blind_filters: list[BlindFilter] = []
on_moved: list[Moved] = []
move_checks: list[MoveCheck] = []


def register_essay_check(check: EssayCheck) -> None:
    if check not in essay_checks:
        essay_checks.append(check)


def register_on_submitted(hook: Submitted) -> None:
    if hook not in on_submitted:
        on_submitted.append(hook)


def register_in_submission(hook: Submitting) -> None:
    if hook not in in_submission:
        in_submission.append(hook)


def register_blind_filter(narrow: BlindFilter) -> None:
    if narrow not in blind_filters:
        blind_filters.append(narrow)


def register_on_moved(hook: Moved) -> None:
    if hook not in on_moved:
        on_moved.append(hook)


def register_move_check(check: MoveCheck) -> None:
    if check not in move_checks:
        move_checks.append(check)
