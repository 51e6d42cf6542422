"""The legal moves of an application, and who may make each. Data, not code paths."""

from __future__ import annotations

from concours.accounts.models import Role
from concours.applications.models import Application

S = Application.Status

TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.SCREENED_IN, S.SCREENED_OUT, S.WITHDRAWN}),
    S.SCREENED_IN: frozenset({S.LONGLISTED, S.SCREENED_OUT, S.NOT_SELECTED, S.WITHDRAWN}),
    S.SCREENED_OUT: frozenset({S.SCREENED_IN}),  # a recruiter may correct a screening
    S.LONGLISTED: frozenset({S.SHORTLISTED, S.NOT_SELECTED, S.WITHDRAWN}),
    S.SHORTLISTED: frozenset({S.SELECTED, S.RESERVE, S.NOT_SELECTED, S.WITHDRAWN}),
    S.RESERVE: frozenset({S.SELECTED, S.NOT_SELECTED, S.WITHDRAWN}),
    S.SELECTED: frozenset({S.WITHDRAWN}),  # a selected candidate may still decline
    S.NOT_SELECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# The moves a candidate makes; every other move is the recruiters'.
CANDIDATE_MOVES = frozenset({S.SUBMITTED, S.WITHDRAWN})
RECRUITER_ROLES = frozenset({Role.RECRUITER, Role.ADMINISTRATOR})


def allowed_targets(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


# The decision states: entered only through the appointing authority's approval of the recommendation
# (selection), never by a recruiter's move or a ranking's confirmation (see applications/decisions.py).
DECISIONS = frozenset({S.SELECTED, S.RESERVE, S.NOT_SELECTED})


def recruiter_targets(status: str) -> list[str]:
    """The states a recruiter may move an application to from `status`, in workflow order (never a
    decision state: the appointing authority's approval of the recommendation makes those moves)."""
    order = [choice.value for choice in S]
    return [s for s in order if s in allowed_targets(status) and s not in {S.SUBMITTED, *DECISIONS}]


def recruiter_targets_from_any() -> list[str]:
    """Every state a recruiter may move some application to, in workflow order: a bulk move's choices."""
    return [s for s in S.values if any(s in recruiter_targets(source) for source in S.values)]


# Moves that cannot be undone: no way leads back from these states into the competition (a selected
# candidate may only withdraw). The back office asks for a confirmation before making one.
IRREVERSIBLE = frozenset({S.WITHDRAWN, S.NOT_SELECTED, S.SELECTED})

# The states in which an application is still competing: what panels and hiring managers may see.
IN_COMPETITION = frozenset({S.SCREENED_IN, S.LONGLISTED, S.SHORTLISTED, S.RESERVE, S.SELECTED})
