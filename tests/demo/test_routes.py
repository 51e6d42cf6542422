"""Paths through the workflow table, as the demo loader walks them."""

from __future__ import annotations

from itertools import pairwise

import pytest

from concours.applications.models import Application
from concours.applications.workflow import TRANSITIONS
from concours.demo.routes import path, route

S = Application.Status


@pytest.mark.parametrize("goal", [s for s in S.values if s not in (S.DRAFT, S.SUBMITTED)])
def test_every_state_is_reached_from_submission_by_allowed_moves(goal: str) -> None:
    """Each state after submission has a path whose every move the table allows."""
    steps = path(S.SUBMITTED, goal)
    assert steps[-1] == goal
    assert all(after in TRANSITIONS[before] for before, after in pairwise([S.SUBMITTED, *steps]))


def test_paths_take_the_fewest_moves() -> None:
    """Breadth first: straight to a screening result, four moves to a selection."""
    assert path(S.SUBMITTED, S.SCREENED_OUT) == [S.SCREENED_OUT]
    assert path(S.SUBMITTED, S.SELECTED) == [S.SCREENED_IN, S.LONGLISTED, S.SHORTLISTED, S.SELECTED]
    assert path(S.SCREENED_IN, S.SCREENED_IN) == []


def test_a_route_passes_through_its_stops() -> None:
    """A stop on the way (shortlisted) lengthens the path to where the workflow would have cut short."""
    assert path(S.SUBMITTED, S.NOT_SELECTED) == [S.SCREENED_IN, S.NOT_SELECTED]
    assert route(S.SUBMITTED, S.SHORTLISTED, S.NOT_SELECTED) == [
        S.SCREENED_IN,
        S.LONGLISTED,
        S.SHORTLISTED,
        S.NOT_SELECTED,
    ]


def test_no_path_where_the_workflow_has_none() -> None:
    """A final state leads nowhere: the search says so rather than inventing a move."""
    with pytest.raises(ValueError, match="no way"):
        path(S.NOT_SELECTED, S.SELECTED)
    with pytest.raises(ValueError, match="no way"):
        path(S.WITHDRAWN, S.SUBMITTED)
