"""Points where apps above `essays` plug into the replacement of an essay, without essays importing them.

A candidate may replace an essay that failed its check (`services.essay_replace`). Whatever an app above
made from the old essay says nothing of the new one: genai, whose signal was the old essay's, registers
(in its `AppConfig.ready`) what assesses the new one. Hooks run inside the replacement's transaction,
after the new essay is stored and audited: what they queue waits for the commit, and a hook that raises
undoes the replacement.
"""

from __future__ import annotations

from typing import Any, Protocol

from concours.applications.models import Application


class EssayReplaced(Protocol):
    def __call__(self, *, application: Application, actor: Any) -> None: ...


on_replaced: list[EssayReplaced] = []


def register_on_replaced(hook: EssayReplaced) -> None:
    if hook not in on_replaced:
        on_replaced.append(hook)
