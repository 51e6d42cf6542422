"""Ways through the application workflow, found in its table (`applications/workflow.py`).

The demo reaches each state the way a recruiter would, one allowed move at a time; the moves are searched
for in the table rather than written out here, so a change to the workflow changes the demo with it.
"""

from __future__ import annotations

from collections import deque

from concours.applications.models import Application
from concours.applications.workflow import allowed_targets

_ORDER = list(Application.Status.values)


def path(start: str, goal: str) -> list[str]:
    """The states after `start` up to `goal`, by the fewest moves the workflow allows ([] if they are equal).

    Breadth-first, trying targets in workflow order, so the same table always gives the same path.
    Raises ValueError when the workflow has no way from `start` to `goal`.
    """
    came_from = {start: start}
    queue = deque([start])
    while queue and goal not in came_from:
        state = queue.popleft()
        for target in sorted(map(str, allowed_targets(state)), key=_ORDER.index):
            if target not in came_from:
                came_from[target] = state
                queue.append(target)
    if goal not in came_from:
        raise ValueError(f"The workflow has no way from {start!r} to {goal!r}.")
    steps = []
    while goal != start:
        steps.append(goal)
        goal = came_from[goal]
    return steps[::-1]


def route(start: str, *stops: str) -> list[str]:
    """The states after `start` through each of `stops` in turn, each leg by the fewest moves."""
    steps: list[str] = []
    for stop in stops:
        steps += path(steps[-1] if steps else start, stop)
    return steps
