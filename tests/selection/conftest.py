from __future__ import annotations

import pytest

from selection_scenario import Ending, build_ending


@pytest.fixture
def ending(db) -> Ending:  # type: ignore[no-untyped-def]
    return build_ending()
