"""Days worked over a set of posts: overlapping periods count once, part-time by its fraction.

Periods are (first day, last day, fte) with ordinal day numbers, both days inclusive. On each day the
largest fte of the posts held that day counts (never more than one full day, as fte <= 1): two
half-time posts held together count as one half-time post, not as full time, since a second job
does not add experience of the same kind on the same day. Posts are few per candidate, so a simple
sweep over their boundaries is fast enough.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

Period = tuple[int, int, float]


def worked_days(periods: Sequence[Period]) -> float:
    """Full-time-equivalent days covered by the periods (see the module's rule for overlaps)."""
    if not periods:
        return 0.0
    for _, _, fte in periods:
        if fte != 1.0:
            break
    else:
        return float(_union_length(periods))
    # Elementary segments between consecutive boundaries; each has one maximum fte.
    bounds = sorted({start for start, _, _ in periods} | {end + 1 for _, end, _ in periods})
    total = 0.0
    for left, right in pairwise(bounds):
        best = 0.0
        for start, end, fte in periods:
            if start <= left <= end and fte > best:
                best = fte
        total += best * (right - left)
    return total


def _union_length(periods: Sequence[Period]) -> int:
    ordered = sorted(periods)
    total = 0
    current_start, current_end, _ = ordered[0]
    for start, end, _ in ordered[1:]:
        if start > current_end + 1:
            total += current_end - current_start + 1
            current_start, current_end = start, end
        elif end > current_end:
            current_end = end
    return total + current_end - current_start + 1
