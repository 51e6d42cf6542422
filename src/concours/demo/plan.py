"""Which demo candidate applies where, and where each application ends up once it has been screened.

Two steps, because the second needs what screening found:

1. `application_plan()`: who applies to which published vacancy, and what the candidate does with the
   application: leaves it as a draft, submits it, or submits and then withdraws it (`Planned`).
2. `outcomes()`: given the verdict screening gave each submitted application ("yes", "no" or "review"),
   the state the recruiter takes it to and, for a verdict left to review, the recruiter's decision
   (`Outcome`).

Nothing here judges eligibility or knows the workflow's moves: verdicts come from the kernel through the
screening service, and the loader finds its way to each state in the workflow table. What this module adds
is only the demo's casting: shares of drafts and withdrawals, and how many reach each stage.

Plain Python (no Django), so the plan can be checked without a database.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from concours.demo.candidates import NATO_LEVELS, REFERENCE_MONTH, REFERENCE_YEAR, Candidate, demo_data
from concours.demo.catalogue import load_vacancies

_APPLICATIONS = demo_data("applications")

AFFINITY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    reference: (tuple(row["title_words"]), tuple(row["tags"]))
    for reference, row in _APPLICATIONS["affinity"].items()
}
"""Which demo vacancies a profile is drawn to: words in its post titles, then tags of its posts."""

CLAIMS: dict[str, tuple[dict[str, tuple[str, ...]], ...]] = {
    reference: tuple({key: tuple(words) for key, words in signs.items()} for signs in rows)
    for reference, rows in _APPLICATIONS["claims"].items()
}
"""Per demo vacancy, for each of its experience requirements in the notice's order, what in a post shows
that experience: words of its title ("title_words") or of its employer's name ("employer_words"), or one
of its tags ("tags")."""

REASONS: dict[str, str] = _APPLICATIONS["reasons"]
"""What the recruiter writes when moving an application to each state."""

DECISION_REASONS: dict[str, str] = _APPLICATIONS["decisions"]
"""What the recruiter writes when deciding a verdict that screening left to review."""

_COMPETITION = demo_data("competition")

COHORTS: dict[str, int] = {str(_COMPETITION["reference"]): int(_COMPETITION["cohort"])}
"""Vacancies whose applicants are a cohort of their own, by its size: the completed competition closed
months before the others opened, and drew other people."""

OPEN_PHASE_STATES: frozenset[str] = frozenset(
    {"draft", "submitted", "withdrawn", "screened_in", "screened_out"}
)
"""States the demo gives applications to vacancies still open: longlisting waits for the deadline."""


class Planned(NamedTuple):
    """A candidate's application to a vacancy, and what the candidate does with it."""

    candidate: int
    """The candidate's position in `generate_candidates()`."""
    reference: str
    state: str
    """"draft", "submitted", or "withdrawn" (submitted, then withdrawn before anyone moved it)."""


class Outcome(NamedTuple):
    """Where an application ends up, and how."""

    candidate: int
    reference: str
    state: str
    via: str
    """A state passed on the way (e.g. "shortlisted" before "not_selected"), or ""."""
    decision: str
    """For a verdict left to review: the recruiter's decision ("yes" or "no"); otherwise ""."""


@dataclass(frozen=True)
class _Vacancy:
    reference: str
    posts: int
    closed: bool


def _months_worked(candidate: Candidate) -> int:
    """Months covered by at least one post, up to the reference month (overlaps counted once)."""
    months: set[int] = set()
    now = REFERENCE_YEAR * 12 + REFERENCE_MONTH - 1
    for post in candidate["experience"]:
        start_year, start_month = (int(part) for part in str(post["start"])[:7].split("-"))
        end = post.get("end")
        if end is None:
            stop = now
        else:
            end_year, end_month = (int(part) for part in str(end)[:7].split("-"))
            stop = end_year * 12 + end_month - 1
        months.update(range(start_year * 12 + start_month - 1, stop + 1))
    return len(months)


def _affinity(candidate: Candidate, reference: str) -> float:
    words, tags = AFFINITY.get(reference, ((), ()))
    titles = " ".join(str(post.get("title", "")) for post in candidate["experience"])
    held = {tag for post in candidate["experience"] for tag in post.get("tags", [])}
    score = 0.35
    if any(word in titles for word in words):
        score += 4.0
    score += 0.6 * len(held.intersection(tags))
    return score


def shows(post: Mapping[str, Any], signs: Mapping[str, Sequence[str]]) -> bool:
    """Whether a post (title, employer, tags) shows an experience, by the signs `CLAIMS` gives for it."""
    title, employer = str(post.get("title") or ""), str(post.get("employer") or "")
    return (
        any(word in title for word in signs.get("title_words", ()))
        or any(word in employer for word in signs.get("employer_words", ()))
        or bool(set(post.get("tags") or ()).intersection(signs.get("tags", ())))
    )


def claimed_positions(posts: Sequence[Mapping[str, Any]], reference: str) -> list[tuple[int, ...]] | None:
    """What a demo candidate claims when applying to the vacancy: for each of its experience requirements,
    in the notice's order, the positions in `posts` of the posts that show it (maybe none); None for a
    vacancy the demo has no claims for (screening then reads the posts' tags)."""
    rows = CLAIMS.get(reference)
    if rows is None:
        return None
    return [tuple(i for i, post in enumerate(posts) if shows(post, signs)) for signs in rows]


def _strength(candidate: Candidate, rng: random.Random) -> float:
    """How well a panel might rate an eligible candidate: a ranking for the demo, not a rule."""
    years = _months_worked(candidate) / 12
    levels = [
        NATO_LEVELS.index(item["level"]) for item in candidate["languages"] if item["level"] in NATO_LEVELS
    ]
    return min(years, 20) + sum(sorted(levels, reverse=True)[:2]) + rng.uniform(0, 6)


def _vacancy_index(
    vacancy_refs: Sequence[str], vacancies: Sequence[Mapping[str, Any]] | None
) -> list[_Vacancy]:
    known = {str(item["reference"]): item for item in (load_vacancies() if vacancies is None else vacancies)}
    out: list[_Vacancy] = []
    for reference in dict.fromkeys(vacancy_refs):
        notice = known.get(reference)
        if notice is None:  # a vacancy the demo does not know: taken as published, open, one post
            out.append(_Vacancy(reference, 1, False))
            continue
        if notice.get("status", "published") != "published":
            continue
        out.append(
            _Vacancy(
                reference=reference,
                posts=max(1, len(notice.get("posts") or [])),
                closed=int(notice.get("deadline_offset_days", 1)) < 0,
            )
        )
    return out


def _share(pool: list[int], fraction: float) -> tuple[list[int], list[int]]:
    cut = round(len(pool) * fraction)
    return pool[:cut], pool[cut:]


def application_plan(
    candidates: Sequence[Candidate],
    vacancy_refs: Sequence[str],
    *,
    seed: int = 2026,
    vacancies: Sequence[Mapping[str, Any]] | None = None,
) -> list[Planned]:
    """Every demo application and what its candidate does with it, ordered by vacancy, then candidate.

    Only published vacancies receive applications (status from `vacancies`, by default the demo catalogue;
    an unknown reference is taken as a published, open, one-post vacancy); a candidate applies at most once
    to each, mostly where the profile fits.
    """
    rng = random.Random(f"concours-demo-plan-{seed}")
    targets = _vacancy_index(vacancy_refs, vacancies)
    if not targets:
        return []
    chosen: dict[str, list[int]] = {vacancy.reference: [] for vacancy in targets}
    for index, candidate in enumerate(candidates):
        if rng.random() < 0.05:
            continue  # registered, never applied
        wanted = min(len(targets), rng.choices((1, 2, 3), weights=(55, 33, 12))[0])
        pool = list(targets)
        weights = [_affinity(candidate, vacancy.reference) for vacancy in pool]
        for _ in range(wanted):
            pick = rng.choices(range(len(pool)), weights=weights)[0]
            chosen[pool[pick].reference].append(index)
            del pool[pick], weights[pick]
    plan: list[Planned] = []
    for vacancy in targets:
        applicants = list(chosen[vacancy.reference])
        rng.shuffle(applicants)
        drafts, rest = _share(applicants, 0.06 if vacancy.closed else 0.10)
        withdrawn, rest = _share(rest, 0.05)
        states = {
            **dict.fromkeys(drafts, "draft"),
            **dict.fromkeys(withdrawn, "withdrawn"),
            **dict.fromkeys(rest, "submitted"),
        }
        plan.extend(Planned(index, vacancy.reference, states[index]) for index in sorted(states))
    return plan


def cohort_size() -> int:
    """How many candidates the cohorts take, beyond those who apply across the other vacancies."""
    return sum(COHORTS.values())


def demo_plan(
    candidates: Sequence[Candidate],
    vacancy_refs: Sequence[str],
    *,
    general: int,
    seed: int = 2026,
    vacancies: Sequence[Mapping[str, Any]] | None = None,
) -> list[Planned]:
    """The demo's whole plan: the first `general` candidates apply across the vacancies without a cohort
    (`application_plan`), then each cohort vacancy's own candidates, next in `candidates`, apply to it
    alone. The vacancies without a cohort get the same plan whatever the cohorts are."""
    plan = application_plan(
        candidates[:general],
        [reference for reference in vacancy_refs if reference not in COHORTS],
        seed=seed,
        vacancies=vacancies,
    )
    start = general
    for reference, size in COHORTS.items():
        if reference in vacancy_refs:
            rows = application_plan(
                candidates[start : start + size], [reference], seed=seed, vacancies=vacancies
            )
            plan += [row._replace(candidate=row.candidate + start) for row in rows]
        start += size
    return plan


Settled = dict[int, tuple[str, str, str]]
"""Per candidate index: (state, via, decision)."""


def _open_outcomes(applicants: list[int], verdicts: Mapping[int, str], rng: random.Random) -> Settled:
    """Before the deadline the recruiter screens as applications arrive; some still wait."""
    out: Settled = {}
    for index in applicants:
        roll = rng.random()
        verdict = verdicts[index]
        if verdict == "yes":
            out[index] = ("screened_in", "", "") if roll < 0.5 else ("submitted", "", "")
        elif verdict == "review":
            if roll < 0.3:
                out[index] = ("screened_in", "", "yes")
            elif roll < 0.5:
                out[index] = ("screened_out", "", "no")
            else:
                out[index] = ("submitted", "", "")  # still to be reviewed
        else:
            out[index] = ("screened_out", "", "") if roll < 0.7 else ("submitted", "", "")
    return out


def _closed_outcomes(
    applicants: list[int],
    verdicts: Mapping[int, str],
    vacancy: _Vacancy,
    candidates: Sequence[Candidate],
    rng: random.Random,
) -> Settled:
    """After the deadline the whole funnel has run: every verdict decided, the eligible ranked."""
    out: Settled = {}
    decision: dict[int, str] = {}
    passed: list[int] = []
    for index in applicants:
        verdict = verdicts[index]
        if verdict == "review":
            # Screening could not tell (e.g. a kind of experience it cannot count): the recruiter reads the
            # CV and decides, mostly for the candidate when the rest of the profile passed.
            decision[index] = "yes" if rng.random() < 0.7 else "no"
        if verdict == "yes" or decision.get(index) == "yes":
            passed.append(index)
        else:
            out[index] = ("screened_out", "", decision.get(index, ""))
    passed.sort(key=lambda index: _strength(candidates[index], rng), reverse=True)
    ladder = (
        ("selected", "", vacancy.posts),
        ("reserve", "", 2),
        ("not_selected", "shortlisted", 4),  # interviewed, not chosen
        ("shortlisted", "", 2),
        ("longlisted", "", max(6, len(passed) // 3)),
    )
    position = 0
    for state, via, size in ladder:
        for index in passed[position : position + size]:
            out[index] = (state, via, decision.get(index, ""))
        position += size
    for index in passed[position:]:
        out[index] = ("screened_in", "", decision.get(index, ""))
    return out


def outcomes(
    plan: Sequence[Planned],
    verdicts: Mapping[tuple[int, str], str],
    candidates: Sequence[Candidate],
    *,
    seed: int = 2026,
    vacancies: Sequence[Mapping[str, Any]] | None = None,
) -> list[Outcome]:
    """Where each planned application ends up, given the verdicts of the submitted ones.

    `verdicts` maps (candidate index, reference) to what screening said: "yes", "no" or "review". Only an
    eligible verdict, or one left to review and decided "yes", passes screening; "no" never does. Open
    vacancies only reach OPEN_PHASE_STATES. A closed vacancy (negative deadline offset) runs the whole
    funnel: at most one `selected` per post and two on the `reserve` list. The same plan, verdicts and seed
    always give the same outcomes, so the loader can run again and find nothing left to do.
    """
    by_reference: dict[str, list[Planned]] = {}
    for row in plan:
        by_reference.setdefault(row.reference, []).append(row)
    known = {vacancy.reference: vacancy for vacancy in _vacancy_index(list(by_reference), vacancies)}
    result: list[Outcome] = []
    for reference, rows in by_reference.items():
        vacancy = known[reference]
        # One generator per vacancy: a vacancy's outcomes do not depend on the others'.
        rng = random.Random(f"concours-demo-outcomes-{seed}-{reference}")
        # A submission not screened yet (a load cut short) waits where it is until it has a verdict.
        submitted = [
            r.candidate for r in rows if r.state == "submitted" and (r.candidate, reference) in verdicts
        ]
        found = {i: verdicts[(i, reference)] for i in submitted}
        settled = (
            _closed_outcomes(submitted, found, vacancy, candidates, rng)
            if vacancy.closed
            else _open_outcomes(submitted, found, rng)
        )
        for row in rows:
            state, via, decision = settled.get(row.candidate, (row.state, "", ""))
            result.append(Outcome(row.candidate, reference, state, via, decision))
    return result
