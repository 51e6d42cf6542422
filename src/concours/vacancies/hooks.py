"""Points where apps above `vacancies` plug into a vacancy's changes, without vacancies importing them.

`applications` knows who applied; when a published vacancy's deadline is extended it registers (in its
`AppConfig.ready`) what tells them. Hooks run inside the change's transaction: whatever they send waits
for the commit (`transaction.on_commit`), so a change refused or rolled back tells nobody.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from concours.vacancies.models import Vacancy


class DeadlineExtended(Protocol):
    def __call__(self, *, vacancy: Vacancy, old_deadline: dt.datetime, actor: Any) -> None: ...


on_deadline_extended: list[DeadlineExtended] = []


def register_on_deadline_extended(hook: DeadlineExtended) -> None:
    if hook not in on_deadline_extended:
        on_deadline_extended.append(hook)


class HasSubmissions(Protocol):
    def __call__(self, *, vacancy: Vacancy) -> bool: ...


# Whether candidates have applied to a vacancy (registered by `applications`): its screening questions
# are then fixed, so that every candidate answers the same ones.
submissions_exist: list[HasSubmissions] = []


def register_submissions_exist(check: HasSubmissions) -> None:
    if check not in submissions_exist:
        submissions_exist.append(check)
