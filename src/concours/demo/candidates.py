"""Deterministic demo candidates, in the shape of shared/contracts/candidate.schema.json plus `name` and
`email`.

`generate_candidates()` uses only `random.Random(seed)`: the same seed always gives the same people. What it
draws from is data: invented names, institutions and firms per nationality in `data/people.json`, lines of
work in `data/careers.json`. Membership and language levels come from the kernel's reference data, so a
candidate is a national of a member state exactly when screening would say so. E-mail addresses use the
reserved domain example.org.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from concours.kernel.reference import language_scale, membership

Candidate = dict[str, Any]

REFERENCE_YEAR: Final = 2026
REFERENCE_MONTH: Final = 11
"""The generator's "now" (November 2026): fixed, so the profiles never depend on the clock."""

EMAIL_DOMAIN: Final = "example.org"
DATA_DIR: Final = Path(__file__).resolve().with_name("data")


def demo_data(name: str) -> dict[str, Any]:
    """One of the JSON files in `data/`, by name."""
    data: dict[str, Any] = json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return data


# --------------------------------------------------------------------------------------------------------
# Reference data, from the kernel

NATO_MEMBERS: frozenset[str] = membership("nato").members_on(date(REFERENCE_YEAR, REFERENCE_MONTH, 1))
"""Member states on the generator's "now", as screening dates them."""

NATO_LEVELS: tuple[str, ...] = tuple(level.code for level in language_scale("NATO").levels)
CEFR_LEVELS: tuple[str, ...] = tuple(level.code for level in language_scale("CEFR").levels)


# --------------------------------------------------------------------------------------------------------
# People and careers, from data/


@dataclass(frozen=True)
class Country:
    """Invented-but-plausible people data for one nationality."""

    name: str
    languages: tuple[str, ...]
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]
    """A surname, or "masculine|feminine" where the language inflects it."""
    institutions: tuple[str, ...]


TAG = str


@dataclass(frozen=True)
class Track:
    """A line of work: its post titles by seniority rank (0 junior .. 4 executive), employers and tags."""

    titles: tuple[str, ...]
    employers: tuple[str, ...]
    """`{country}` is replaced by the candidate's country name."""
    tags: tuple[TAG, ...]
    fields: tuple[str, ...]
    weight: int


def _tuples(row: dict[str, Any]) -> dict[str, Any]:
    return {key: tuple(value) if isinstance(value, list) else value for key, value in row.items()}


_PEOPLE = demo_data("people")
_CAREERS = demo_data("careers")

COUNTRIES: dict[str, Country] = {code: Country(**_tuples(row)) for code, row in _PEOPLE["countries"].items()}
MEMBER_WEIGHTS: dict[str, int] = _PEOPLE["member_weights"]
NON_MEMBERS: tuple[str, ...] = tuple(_PEOPLE["non_members"])
NON_MEMBER_SHARE: Final = 0.11
"""Share of candidates whose first nationality is not a member; about a quarter of them hold a second,
member nationality, so roughly 8-9% of all candidates cannot pass the nationality rule."""
SECOND_NATIONALITY: dict[str, tuple[str, ...]] = {
    code: tuple(others) for code, others in _PEOPLE["second_nationality"].items()
}

TRACKS: dict[str, Track] = {name: Track(**_tuples(row)) for name, row in _CAREERS["tracks"].items()}
NEIGHBOUR_TRACKS: dict[str, tuple[str, ...]] = {
    name: tuple(others) for name, others in _CAREERS["neighbour_tracks"].items()
}
MULTILATERAL_EMPLOYERS: tuple[str, ...] = tuple(_CAREERS["multilateral_employers"])
IO_EMPLOYERS: tuple[str, ...] = tuple(_CAREERS["io_employers"])


# --------------------------------------------------------------------------------------------------------
# Generation


def _ascii(text: str) -> str:
    """Lower-case ASCII for e-mail addresses: accents dropped, spaces and apostrophes removed."""
    special = str.maketrans(
        {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "ß": "ss", "ı": "i", "đ": "d"}
    )
    folded = unicodedata.normalize("NFKD", text.translate(special)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9-]", "", folded.lower())


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _pick_nationalities(rng: random.Random) -> list[str]:
    if rng.random() < NON_MEMBER_SHARE:
        first = rng.choice(NON_MEMBERS)
        dual = rng.random() < 0.2
    else:
        codes = list(MEMBER_WEIGHTS)
        first = rng.choices(codes, weights=[MEMBER_WEIGHTS[c] for c in codes])[0]
        dual = rng.random() < 0.08
    nationalities = [first]
    if dual and first in SECOND_NATIONALITY:
        nationalities.append(rng.choice(SECOND_NATIONALITY[first]))
    return nationalities


def _level(rng: random.Random, weights: Sequence[int]) -> int:
    """A NATO level index 0..5 (I..VI), drawn with the given weights, or -1 for none."""
    return rng.choices(range(-1, 6), weights=weights)[0]


def _languages(rng: random.Random, country: Country) -> list[dict[str, str]]:
    native = rng.choice(country.languages)
    en = 5 if native == "en" else _level(rng, (0, 0, 1, 6, 18, 45, 30))
    fr = 5 if native == "fr" else _level(rng, (5, 10, 15, 20, 18, 20, 12))
    use_cefr = rng.random() < 0.06
    out: list[dict[str, str]] = []
    for code, index in (("en", en), ("fr", fr)):
        if index < 0:
            continue
        if use_cefr:
            out.append({"language": code, "scale": "CEFR", "level": CEFR_LEVELS[index]})
        else:
            out.append({"language": code, "scale": "NATO", "level": NATO_LEVELS[index]})
    if native not in ("en", "fr"):
        out.append({"language": native, "scale": "NATO", "level": "VI"})
    if rng.random() < 0.25:
        extra = rng.choice([code for code in ("de", "es", "it", "ru", "pl", "ar") if code != native])
        out.append({"language": extra, "scale": "CEFR", "level": rng.choice(("B1", "B2", "C1"))})
    return out


def _rank(years_in: float, seniority_cap: int) -> int:
    for rank, limit in enumerate((3, 7, 12, 18)):
        if years_in < limit:
            return min(rank, seniority_cap)
    return min(4, seniority_cap)


def _post(
    rng: random.Random,
    *,
    track_name: str,
    rank: int,
    country: Country,
    start: tuple[int, int],
    end: tuple[int, int] | None,
    serving: bool,
) -> dict[str, Any]:
    track = TRACKS[track_name]
    employer = rng.choice(track.employers).format(country=country.name)
    if serving:
        employer = (
            "NATO Communications and Information Agency"
            if track_name == "security"
            else "NATO International Staff"
        )
    tags: set[str] = set(track.tags)
    if any(word in employer for word in MULTILATERAL_EMPLOYERS):
        tags.add("multilateral")
    if any(word in employer for word in IO_EMPLOYERS):
        tags.add("international_organisation")
    if "NATO" in employer or "Defence" in employer or "Armed Forces" in employer:
        tags.add("defence")
    if rank >= 2 and track_name != "admin":
        tags.add("management")
    if rank >= 3:
        tags.add("senior")
        if rng.random() < 0.5:
            tags.add("chairing")
        if rng.random() < 0.4:
            tags.add("change_management")
    if track_name == "admin" and rank == 4:
        tags.add("management")
    post: dict[str, Any] = {
        "start": _month(*start),
        "end": None if end is None else _month(*end),
        "title": track.titles[rank],
        "employer": employer,
    }
    if rng.random() < 0.1:
        post["fte"] = rng.choice((0.5, 0.8))
    post["tags"] = sorted(tags)
    return post


def _career(
    rng: random.Random, *, track_name: str, country: Country, serving: bool
) -> tuple[list[dict[str, Any]], int]:
    """Dated posts, oldest first, and the year the career started."""
    if track_name == "admin":
        years = rng.randint(3, 20)
        cap = 4 if years > 14 else 3
    else:
        band = rng.choices(("junior", "mid", "senior"), weights=(30, 40, 30))[0]
        years = {"junior": rng.randint(3, 8), "mid": rng.randint(9, 16), "senior": rng.randint(17, 30)}[band]
        cap = 4
    count = max(2, min(6, rng.randint(2, 2 + years // 4)))
    total = years * 12
    shares = [rng.uniform(0.6, 1.6) for _ in range(count)]
    bounds = [0]
    for share in shares[:-1]:
        bounds.append(bounds[-1] + max(6, round(total * share / sum(shares))))
    bounds.append(max(total, bounds[-1] + 6))
    total = bounds[-1]
    start_year, start_month = _add_months(REFERENCE_YEAR, REFERENCE_MONTH, -total)
    posts: list[dict[str, Any]] = []
    neighbours = NEIGHBOUR_TRACKS[track_name]
    for index in range(len(bounds) - 1):
        begin, finish = bounds[index], bounds[index + 1]
        if index > 0 and rng.random() < 0.15:
            begin -= rng.randint(1, 4)  # overlaps the previous post: a hand-over or a notice period
        elif index > 0 and rng.random() < 0.15:
            begin += min(rng.randint(1, 5), max(0, finish - begin - 3))  # a short gap between posts
        last = index == len(bounds) - 2
        this_track = track_name if rng.random() < 0.75 else rng.choice(neighbours)
        end: tuple[int, int] | None = _add_months(start_year, start_month, finish - 1)
        if last:
            left_early = min(rng.randint(1, 8), finish - begin - 3)
            end = None if rng.random() < 0.8 else _add_months(start_year, start_month, finish - left_early)
        posts.append(
            _post(
                rng,
                track_name=this_track,
                rank=_rank(begin / 12, cap),
                country=country,
                start=_add_months(start_year, start_month, begin),
                end=end,
                serving=serving and last,
            )
        )
    if years > 6 and len(posts) < 6 and rng.random() < 0.1:
        side_start = _add_months(start_year, start_month, rng.randint(12, total - 12))
        posts.append(
            {
                "start": _month(*side_start),
                "end": _month(*_add_months(*side_start, rng.randint(6, 24))),
                "title": "Visiting Lecturer",
                "employer": rng.choice(country.institutions),
                "fte": 0.5,
                "tags": ["policy"] if track_name != "security" else ["security"],
            }
        )
        posts.sort(key=lambda post: str(post["start"]))
    return posts, start_year


def _education(
    rng: random.Random, *, track_name: str, country: Country, career_start: int
) -> list[dict[str, Any]]:
    track = TRACKS[track_name]
    institution = rng.choice(country.institutions)
    if track_name == "admin" and rng.random() < 0.45:
        return [
            {
                "level": "secondary",
                "field": rng.choice(("Office Administration", "General Studies", "Languages")),
                "institution": f"Secondary school, {country.name}",
                "completed": _month(career_start - 1, 6),
            }
        ]
    field = rng.choice(track.fields)
    bachelor_year = career_start - rng.choice((0, 1, 2))
    out: list[dict[str, Any]] = [
        {
            "level": "bachelor",
            "field": field,
            "institution": institution,
            "completed": _month(bachelor_year, 6),
        }
    ]
    if track_name == "admin" or rng.random() > 0.75:
        return out
    master_year = bachelor_year + rng.choice((1, 2))
    studying = master_year > REFERENCE_YEAR or rng.random() < 0.03
    out.append(
        {
            "level": "master",
            "field": rng.choice(track.fields),
            "institution": rng.choice(country.institutions),
            "completed": None
            if studying
            else _month(min(master_year, REFERENCE_YEAR), rng.choice((6, 7, 9))),
        }
    )
    if (
        not studying
        and track_name in ("research", "diplomatic", "international", "legal")
        and rng.random() < 0.2
    ):
        out.append(
            {
                "level": "doctorate",
                "field": rng.choice(track.fields),
                "institution": rng.choice(country.institutions),
                "completed": _month(min(master_year + rng.randint(3, 6), REFERENCE_YEAR), rng.randint(1, 12)),
            }
        )
    return out


def generate_candidates(count: int = 240, *, seed: int = 2026) -> list[Candidate]:
    """`count` candidate profiles, the same for the same seed, in candidate.schema.json shape with name and
    e-mail (`firstname.lastname.N@example.org`, N the 1-based position, so addresses are unique)."""
    rng = random.Random(seed)
    track_names = list(TRACKS)
    track_weights = [TRACKS[name].weight for name in track_names]
    candidates: list[Candidate] = []
    for number in range(1, count + 1):
        nationalities = _pick_nationalities(rng)
        country = COUNTRIES[nationalities[0]]
        female = rng.random() < 0.5
        first = rng.choice(country.female if female else country.male)
        surname_forms = rng.choice(country.surnames).split("|")
        last = surname_forms[-1] if female else surname_forms[0]
        track_name = rng.choices(track_names, weights=track_weights)[0]
        is_member = any(code in NATO_MEMBERS for code in nationalities)
        serving = is_member and rng.random() < 0.08
        experience, career_start = _career(rng, track_name=track_name, country=country, serving=serving)
        senior = any("senior" in post["tags"] for post in experience)
        seconded_by = None
        if is_member and senior and track_name in ("diplomatic", "defence", "civil") and rng.random() < 0.2:
            seconded_by = next(code for code in nationalities if code in NATO_MEMBERS)
        candidates.append(
            {
                "id": f"demo-{number:04d}",
                "name": f"{first} {last}",
                "email": f"{_ascii(first)}.{_ascii(last)}.{number}@{EMAIL_DOMAIN}",
                "nationalities": nationalities,
                "languages": _languages(rng, country),
                "education": _education(
                    rng, track_name=track_name, country=country, career_start=career_start
                ),
                "experience": experience,
                "serving_staff": serving,
                "seconded_by": seconded_by,
            }
        )
    return candidates
