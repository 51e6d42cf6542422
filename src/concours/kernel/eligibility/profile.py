"""A candidate's profile as screening reads it, validated from the shape of candidate.schema.json.

`load_profile` refuses what screening could only guess at: an unknown country or language code, a
level that is not on its scale, an impossible date, a post that ends before it starts, an fte outside
(0, 1]. Each refusal names the field, e.g. `candidate.experience[2].start: "2019-13" is not a valid date`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, NamedTuple

from concours.kernel.eligibility.dates import FIRST_DAYS, LAST_DAYS, end_day, start_day
from concours.kernel.eligibility.errors import InvalidInput
from concours.kernel.reference.countries import countries
from concours.kernel.reference.degrees import degree_ranks
from concours.kernel.reference.experience_kinds import POST_TAGS
from concours.kernel.reference.language_scales import SCALES, Ranks, language_scales
from concours.kernel.reference.languages import is_language, language_codes

# Profile parts are named tuples: immutable, and quicker to build than frozen dataclasses.
# Tags become bits so that "does this post count?" is one AND in the screening loop.
TAG_BITS = {tag: 1 << i for i, tag in enumerate(POST_TAGS)}


class LanguageSkill(NamedTuple):
    language: str  # ISO 639-1
    scale: str
    level: str  # as the scale writes it, e.g. "VI", "C1", "3321", "fluent"
    ranks: Ranks  # one rank, or four for a STANAG 6001 SLP
    floor: int  # the lowest of the ranks: what an SLP guarantees in every skill


class Degree(NamedTuple):
    level: str
    rank: int
    completed: int | None  # ordinal of the last day it may have been completed; None while studying


class Post(NamedTuple):
    start: int  # ordinal day, inclusive
    end: int | None  # ordinal day, inclusive; None while ongoing
    fte: float  # 0 < fte <= 1
    tags: int  # bits of TAG_BITS


class Profile(NamedTuple):
    nationalities: tuple[str, ...]
    languages: tuple[LanguageSkill, ...]
    education: tuple[Degree, ...]
    experience: tuple[Post, ...]
    serving_staff: bool = False
    seconded_by: str | None = None
    id: str | None = None


def load_profile(data: Mapping[str, Any], *, where: str = "candidate") -> Profile:
    """A validated Profile from a dict shaped as candidate.schema.json; InvalidInput names what is wrong.

    `where` prefixes the field names in errors ("candidate.experience[2].start"). Field names are built
    only when something is wrong: validation runs once per application, thousands of times a second.
    """
    # Well-formed JSON dicts (nearly every application) take the fast path; anything it is not sure
    # of, valid or not, goes through the checked path, which alone words the errors.
    if data.__class__ is dict:
        try:
            loaded = _load_fast(data)
        except Exception:  # e.g. an unhashable value where a string belongs: the checked path says so
            loaded = None
        if loaded is not None:
            return loaded
    return _load_checked(data, where)


# Built on first use (the reference data load lazily): each scale's _levels table, by scale.
_LEVEL_TABLES: dict[str, dict[str, tuple[str, Ranks, int]]] = {}
# Named tuples built straight from a tuple: their generated __new__ is a Python call per part.
_new = tuple.__new__


def _load_fast(data: Mapping[str, Any]) -> Profile | None:
    """The Profile of a plain, valid profile dict, exactly as _load_checked makes it; None for anything
    else (a subclass, a missing key, a value to refuse), leaving it to _load_checked.

    Every value must have the exact type the contract gives it (`type(x) is str`, not isinstance), as in
    _load_checked, so that both paths accept exactly the same profiles.
    """
    nationalities = data["nationalities"]
    languages = data["languages"]
    education = data["education"]
    experience = data["experience"]
    if (
        nationalities.__class__ is not list
        or languages.__class__ is not list
        or education.__class__ is not list
        or experience.__class__ is not list
    ):
        return None
    known_countries = countries()
    seconded_by = data.get("seconded_by")
    if seconded_by is not None and (seconded_by.__class__ is not str or seconded_by not in known_countries):
        return None
    serving_staff = data.get("serving_staff", False)
    if serving_staff is not False and serving_staff is not True:
        return None
    identifier = data.get("id")

    for code in nationalities:
        if code.__class__ is not str or code not in known_countries:
            return None

    tables = _LEVEL_TABLES or _level_tables()
    language_names = language_codes()
    skills = []
    for item in languages:
        if item.__class__ is not dict:
            return None
        # Subscripts for the keys a valid item has (a missing one raises: the checked path words it).
        language = item["language"]
        level = item["level"]
        scale = item.get("scale", "NATO")
        if language.__class__ is not str or language not in language_names or scale.__class__ is not str:
            return None
        table = tables.get(scale)
        found = table.get(level) if table is not None and level.__class__ is str else None
        if found is None:
            return None
        skills.append(_new(LanguageSkill, (language, scale, found[0], found[1], found[2])))

    ranks = degree_ranks()
    degrees = []
    for item in education:
        if item.__class__ is not dict:
            return None
        level = item["level"]
        rank = ranks.get(level) if level.__class__ is str else None
        if rank is None:
            return None
        completed = item.get("completed")
        if completed is None:
            day = None
        elif completed.__class__ is str:
            day = LAST_DAYS.get(completed) or end_day(completed)
            if day is None:
                return None
        else:
            return None
        degrees.append(_new(Degree, (level, rank, day)))

    first_days = FIRST_DAYS
    last_days = LAST_DAYS
    tag_masks = _tag_masks
    posts = []
    for item in experience:
        if item.__class__ is not dict:
            return None
        start_text = item["start"]
        if start_text.__class__ is not str:
            return None
        # Ordinals are positive, so `or` only falls through on a miss (or a cached invalid date).
        start = first_days.get(start_text) or start_day(start_text)
        if start is None:
            return None
        end_text = item["end"]
        if end_text is None:
            end = None
        elif end_text.__class__ is str:
            end = last_days.get(end_text) or end_day(end_text)
            if end is None or end < start:
                return None
        else:
            return None
        fte = item.get("fte", 1.0)
        if fte.__class__ is float:
            if not 0.0 < fte <= 1.0:  # also refuses NaN
                return None
        elif fte.__class__ is int and fte == 1:
            fte = 1.0
        else:
            return None
        tag_list = item.get("tags")
        if not tag_list:
            tags = 0
        elif tag_list.__class__ is list:
            found_tags = tag_masks.get(tuple(tag_list))
            if found_tags is None:  # a combination not seen yet: _tag_bits reads it on the checked path
                return None
            tags = found_tags
        else:
            return None
        posts.append(_new(Post, (start, end, fte, tags)))

    return _new(
        Profile,
        (
            tuple(nationalities),
            tuple(skills),
            tuple(degrees),
            tuple(posts),
            serving_staff,
            seconded_by,
            identifier if isinstance(identifier, str) else None,
        ),
    )


def _level_tables() -> dict[str, dict[str, tuple[str, Ranks, int]]]:
    for scale in SCALES:
        _LEVEL_TABLES[scale] = _levels(scale)
    return _LEVEL_TABLES


def _load_checked(data: Mapping[str, Any], where: str) -> Profile:
    """load_profile with every check spelt out, for any input; InvalidInput names the first fault."""
    if not isinstance(data, Mapping):
        raise InvalidInput(where, "must be a JSON object")
    for key in ("nationalities", "languages", "education", "experience"):
        if key not in data:
            raise InvalidInput(f"{where}.{key}", "is missing")
    seconded_by = data.get("seconded_by")
    if seconded_by is not None:
        _country(seconded_by, where, "seconded_by", None)
    serving_staff = data.get("serving_staff", False)
    if not isinstance(serving_staff, bool):
        raise InvalidInput(f"{where}.serving_staff", "must be true or false")
    identifier = data.get("id")
    nationalities = _list(data["nationalities"], where, "nationalities")
    languages = _list(data["languages"], where, "languages")
    education = _list(data["education"], where, "education")
    experience = _list(data["experience"], where, "experience")
    return Profile(
        tuple([_country(code, where, "nationalities", i) for i, code in enumerate(nationalities)]),
        tuple([_skill(item, where, i) for i, item in enumerate(languages)]),
        tuple([_degree(item, where, i) for i, item in enumerate(education)]),
        tuple([_post(item, where, i) for i, item in enumerate(experience)]),
        serving_staff,
        seconded_by,
        identifier if isinstance(identifier, str) else None,
    )


def _at(where: str, key: str, index: int | None, sub: str | None = None) -> str:
    """A field's name: _at("candidate", "experience", 2, "start") -> "candidate.experience[2].start"."""
    name = f"{where}.{key}" if index is None else f"{where}.{key}[{index}]"
    return name if sub is None else f"{name}.{sub}"


def _list(value: object, where: str, key: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidInput(_at(where, key, None), "must be a list")
    return value


def _object(value: object, where: str, key: str, index: int) -> Mapping[str, Any]:
    # dict first: isinstance() against the Mapping ABC is slow, and JSON gives dicts.
    if value.__class__ is not dict and not isinstance(value, Mapping):
        raise InvalidInput(_at(where, key, index), "must be an object")
    return value  # type: ignore[return-value]


def _country(code: object, where: str, key: str, index: int | None) -> str:
    if type(code) is not str or code not in countries():
        raise InvalidInput(
            _at(where, key, index), f'{_show(code)} is not an ISO 3166-1 alpha-2 country code (e.g. "FI")'
        )
    return code


def _skill(value: object, where: str, index: int) -> LanguageSkill:
    item = _object(value, where, "languages", index)
    language = item.get("language")
    level = item.get("level")
    scale = item.get("scale", "NATO")
    if type(language) is not str or not is_language(language):
        if "language" not in item:
            raise InvalidInput(_at(where, "languages", index, "language"), "is missing")
        raise InvalidInput(
            _at(where, "languages", index, "language"),
            f'{_show(language)} is not an ISO 639-1 language code (e.g. "en")',
        )
    if scale not in SCALES:
        raise InvalidInput(
            _at(where, "languages", index, "scale"), f"{_show(scale)} is not one of {', '.join(SCALES)}"
        )
    found = _levels(scale).get(level) if type(level) is str else None
    if found is None:
        if "level" not in item:
            raise InvalidInput(_at(where, "languages", index, "level"), "is missing")
        raise InvalidInput(
            _at(where, "languages", index, "level"), f"{_show(level)} is not a level of the {scale} scale"
        )
    return LanguageSkill(language, scale, found[0], found[1], found[2])


@cache
def _levels(scale: str) -> dict[str, tuple[str, Ranks, int]]:
    """Per scale, every accepted spelling of a level -> (the level as the scale writes it, ranks, floor).

    Built once, so that reading a level is one dict look-up rather than normalising each string."""
    table = language_scales()[scale]
    accepted: dict[str, tuple[str, Ranks, int]] = {}
    for written in table.written_levels():
        canonical = table.normalise(written)
        ranks = table.parse(written)
        assert canonical is not None and ranks is not None
        for spelling in {written, written.lower(), canonical}:
            accepted[spelling] = (canonical, ranks, min(ranks))
    return accepted


def _degree(value: object, where: str, index: int) -> Degree:
    item = _object(value, where, "education", index)
    level = item.get("level")
    rank = degree_ranks().get(level) if type(level) is str else None
    if rank is None:
        if "level" not in item:
            raise InvalidInput(_at(where, "education", index, "level"), "is missing")
        raise InvalidInput(
            _at(where, "education", index, "level"),
            f"{_show(level)} is not one of {', '.join(degree_ranks())}",
        )
    completed = item.get("completed")
    day = None if completed is None else _completed(completed, where, index)
    return Degree(level, rank, day)  # type: ignore[arg-type]


def _post(value: object, where: str, index: int) -> Post:
    item = value if type(value) is dict else _object(value, where, "experience", index)
    start_text = item.get("start")
    end_text = item.get("end")
    start = FIRST_DAYS.get(start_text) if type(start_text) is str else None  # type: ignore[arg-type]
    if start is None:
        start = _date(start_text, "start" in item, False, where, index, "start")
    if end_text is None:
        if "end" not in item:
            raise InvalidInput(_at(where, "experience", index, "end"), "is missing")
        end = None
    else:
        end = LAST_DAYS.get(end_text) if type(end_text) is str else None  # type: ignore[arg-type]
        if end is None:
            end = _date(end_text, True, True, where, index, "end")
        if end < start:
            raise InvalidInput(
                _at(where, "experience", index, "end"),
                f"{_show(end_text)} is before the start {_show(start_text)}",
            )
    fte = item.get("fte", 1)
    if (type(fte) is not int and type(fte) is not float) or not 0 < fte <= 1:
        raise InvalidInput(
            _at(where, "experience", index, "fte"), f"{_show(fte)} is not a fraction of full time in (0, 1]"
        )
    tag_list = item.get("tags")
    tags = _tag_bits(tag_list, where, index) if tag_list else 0
    return Post(start, end, float(fte), tags)


_tag_masks: dict[tuple[object, ...], int] = {}


def _tag_bits(value: object, where: str, index: int) -> int:
    """The bits of a post's tags; each combination is worked out once (there are few)."""
    if not isinstance(value, list):
        raise InvalidInput(_at(where, "experience", index, "tags"), "must be a list")
    key = tuple(value)
    try:
        return _tag_masks[key]
    except (KeyError, TypeError):
        pass
    bits = 0
    for i, tag in enumerate(value):
        bit = TAG_BITS.get(tag) if type(tag) is str else None
        if bit is None:
            raise InvalidInput(
                _at(where, "experience", index, f"tags[{i}]"),
                f"{_show(tag)} is not one of {', '.join(POST_TAGS)}",
            )
        bits |= bit
    if len(_tag_masks) < 10_000:  # bounded: valid combinations are a few thousand at most
        _tag_masks[key] = bits
    return bits


def _date(value: object, present: bool, last: bool, where: str, index: int, sub: str) -> int:
    """The slow path of a post's date (first sight of this text): read it, or say what is wrong with it."""
    field = _at(where, "experience", index, sub)
    if not present:
        raise InvalidInput(field, "is missing")
    day = (end_day if last else start_day)(value) if type(value) is str else None
    if day is None:
        raise InvalidInput(field, f"{_show(value)} is not a valid date (YYYY-MM or YYYY-MM-DD)")
    return day


def _completed(value: object, where: str, index: int) -> int:
    day = end_day(value) if type(value) is str else None
    if day is None:
        raise InvalidInput(
            _at(where, "education", index, "completed"),
            f"{_show(value)} is not a valid date (YYYY-MM or YYYY-MM-DD)",
        )
    return day


def _show(value: object) -> str:
    """A value as JSON would write it, for error messages."""
    if isinstance(value, str):
        return '"' + value.replace('"', '\\"') + '"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)
