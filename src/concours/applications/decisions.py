"""The one way into a decision state (selected, reserve list, not selected): a `Decision`.

Nothing is final before the appointing authority approves the recommendation (issue #11).
`application_transition` refuses every move into `workflow.DECISIONS` that does not carry a `Decision`,
whatever page, task or ranking asks for it. The selection app makes one when the authority approves a
recommendation (a reserve offer's acceptance creates its selected application in the selection app
itself); the demo makes one to seed its finished competitions. An import-linter contract
(pyproject.toml) keeps every other app from importing this module, so a new page cannot decide by
forgetting a check: it has no way to make a `Decision`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    """What entitles a move into a decision state; `basis` says what decided it and goes to the audit."""

    basis: str

    def __post_init__(self) -> None:
        if not self.basis.strip():
            raise ValueError("A decision names what decided it.")
