"""Points where apps above accommodation narrow who may read its documents, without being imported.

The assessment app knows who sits on a vacancy's panel; accommodation sits below it and cannot ask.
An app that knows registers a check in its `AppConfig.ready`: a recruiter it answers True for about a
vacancy (an HR member of the panel, say) is not in charge of that vacancy's accommodation requests.
"""

from __future__ import annotations

from typing import Any, Protocol


class PanelSeat(Protocol):
    def __call__(self, *, user: Any, vacancy_id: int) -> bool: ...


panel_seat_checks: list[PanelSeat] = []


def register_panel_seat_check(check: PanelSeat) -> None:
    if check not in panel_seat_checks:
        panel_seat_checks.append(check)
