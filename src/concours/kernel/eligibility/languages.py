"""Languages: a notice asks for alternatives (any one suffices) of lists of levels (all must hold).

"VI in one and II in the other" of English and French is two alternatives, so either way round passes.
Levels are compared only on the notice's own scale: a profile level on another scale makes the check
"review", never a guess. A language required with no level ("Required Language(s): English",
"Knowledge of English is mandatory": `min_level` null) is met by the language declared at any level on
any scale, and missed when the profile does not name it: the notice sets no bar to compare against, so
a recruiter asks only that the candidate knows the language, and a person would add nothing (an
unanswered "review" would hold every candidate up for a question the profile already answers).
On STANAG 6001, a profile's SLP (Listening, Speaking, Reading, Writing) meets
a single required level when every one of its four skills does (its minimum), and a required SLP when
each skill meets its own; a single profile level against a required SLP lacks the detail: "review".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from concours.kernel.eligibility.errors import InvalidInput
from concours.kernel.eligibility.messages import JSON
from concours.kernel.eligibility.profile import LanguageSkill, Profile
from concours.kernel.eligibility.verdict import FAIL, PASS, REVIEW, Check, Result
from concours.kernel.reference.language_scales import Ranks, language_scales

# Why a check needs a person, in order of precedence.
_OTHER_SCALE = "languages.review_scale"
_NO_DETAIL = "languages.review_profile"
# The ranks of a language required with no level: any declared level meets it, on any scale.
ANY_LEVEL: Final[Ranks] = ()


@dataclass(frozen=True, slots=True)
class LanguageRule:
    scale: str
    # Alternatives of (language, required ranks); ranks None when the notice's level is not on its scale,
    # ANY_LEVEL (no ranks) when the notice names the language with no level.
    alternatives: tuple[tuple[tuple[str, Ranks | None], ...], ...]
    languages: frozenset[str]
    languages_sorted: tuple[str, ...]
    readable: bool
    required: dict[str, JSON]  # the requirement as written, for messages
    # The outcome per combination of the profile's relevant levels: there are few combinations and
    # many candidates share each, so most applications skip the comparisons.
    outcomes: dict[tuple[LanguageSkill, ...], tuple[Result, str]] = field(
        default_factory=dict, compare=False, repr=False
    )


def compile_languages(notice: Mapping[str, Any]) -> LanguageRule | None:
    """The language rule of a notice; None when it states none."""
    value = notice.get("languages")
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidInput("notice.languages", "must be an object or null")
    scale = value.get("scale")
    any_of = value.get("any_of")
    if not isinstance(any_of, list):
        raise InvalidInput("notice.languages.any_of", "must be a list")
    table = language_scales().get(scale) if isinstance(scale, str) else None
    alternatives: list[tuple[tuple[str, Ranks | None], ...]] = []
    written: list[JSON] = []
    for i, alternative in enumerate(any_of):
        if not isinstance(alternative, list):
            raise InvalidInput(f"notice.languages.any_of[{i}]", "must be a list")
        items: list[tuple[str, Ranks | None]] = []
        for j, item in enumerate(alternative):
            field = f"notice.languages.any_of[{i}][{j}]"
            if not isinstance(item, Mapping):
                raise InvalidInput(field, "must be an object")
            language, level = item.get("language"), item.get("min_level")
            if not isinstance(language, str):
                raise InvalidInput(f"{field}.language", 'must be a language code such as "en"')
            if "min_level" not in item:
                raise InvalidInput(f"{field}.min_level", "is missing (null for a language with no level)")
            if level is None:
                items.append((language, ANY_LEVEL))
                continue
            if not isinstance(level, str) or not level.strip():
                raise InvalidInput(f"{field}.min_level", 'must be a level such as "VI", or null for none')
            items.append((language, table.parse(level) if table is not None else None))
        alternatives.append(tuple(items))
        written.append(
            [
                [language, None if item["min_level"] is None else str(item["min_level"])]
                for (language, _), item in zip(items, alternative, strict=True)
            ]
        )
    if not alternatives:
        return None
    # Levels are read on the notice's scale; a language with no level needs no scale (World Bank: "other").
    readable = all(
        ranks == ANY_LEVEL or (table is not None and ranks is not None)
        for alt in alternatives
        for _, ranks in alt
    )
    languages = frozenset(language for alt in alternatives for language, _ in alt)
    required: dict[str, JSON] = {"scale": str(scale), "any_of": written}
    return LanguageRule(
        str(scale), tuple(alternatives), languages, tuple(sorted(languages)), readable, required
    )


_CODES = {PASS: "languages.pass", FAIL: "languages.fail"}
_MEMORY = 4096


def check_languages(profile: Profile, rule: LanguageRule) -> Check:
    languages = rule.languages
    skills = tuple([skill for skill in profile.languages if skill.language in languages])
    shown: dict[str, JSON] = {
        "skills": [[s.language, s.scale, s.level] for s in skills],
        "languages": list(rule.languages_sorted),
    }
    params: dict[str, JSON] = {"required": rule.required, "scale": rule.scale, "shown": shown}
    if not rule.readable:
        return _new(Check, ("languages", REVIEW, "languages.review_requirement", params))
    known = rule.outcomes.get(skills)
    if known is None:
        if len(rule.outcomes) >= _MEMORY:
            rule.outcomes.clear()
        known = rule.outcomes[skills] = _outcome(skills, rule)
    result, code = known
    return _new(Check, ("languages", result, code, params))


def _outcome(skills: tuple[LanguageSkill, ...], rule: LanguageRule) -> tuple[Result, str]:
    """The result of the rule for these levels, and its message code."""
    result: Result = FAIL
    why = ""
    for alternative in rule.alternatives:
        outcome: Result = PASS
        for language, needed in alternative:
            item, item_why = _meets(skills, language, rule.scale, needed)
            if item == FAIL:
                outcome = FAIL
                break
            if item == REVIEW:
                outcome = REVIEW
                why = why or item_why
        if outcome == PASS:
            return PASS, _CODES[PASS]
        if outcome == REVIEW:
            result = REVIEW
    if result == REVIEW:
        return REVIEW, why
    return FAIL, _CODES[FAIL]


def _meets(
    skills: tuple[LanguageSkill, ...], language: str, scale: str, needed: Ranks | None
) -> tuple[Result, str]:
    """Whether the profile meets one (language, level): pass, fail, or review with the reason's code."""
    assert needed is not None  # the rule is readable
    if needed == ANY_LEVEL:
        return (PASS, "") if any(skill.language == language for skill in skills) else (FAIL, "")
    outcome: Result = FAIL
    why = ""
    for skill in skills:
        if skill.language != language:
            continue
        if skill.scale != scale:
            outcome, why = REVIEW, _OTHER_SCALE
            continue
        if len(needed) == 1:
            if skill.floor >= needed[0]:
                return PASS, ""
        elif len(skill.ranks) == len(needed):
            if all(have >= need for have, need in zip(skill.ranks, needed, strict=True)):
                return PASS, ""
        elif outcome == FAIL:
            outcome, why = REVIEW, _NO_DETAIL
    return outcome, why


# Checks are built straight from a tuple: the named tuple's own __new__ is one more Python call.
_new = tuple.__new__
