from __future__ import annotations

import pytest

from assessment_scenario import Competition, build_competition


@pytest.fixture
def competition(db) -> Competition:  # type: ignore[no-untyped-def]
    return build_competition()
