from __future__ import annotations

from typing import Any

import pytest

from concours.kernel.eligibility.builders import degree, language, post, profile
from concours.kernel.eligibility.errors import InvalidInput
from concours.kernel.eligibility.profile import load_profile


def test_a_valid_profile_loads() -> None:
    loaded = load_profile(
        profile(
            nationalities=["FI", "SE"],
            languages=[
                language("en", "vi"),
                language("fr", "C1", "CEFR"),
                language("de", "3321", "STANAG6001"),
            ],
            experience=[post("2019-01", "2019-12", fte=0.5, tags=["policy"]), post("2020-01-15")],
        )
    )
    assert loaded.nationalities == ("FI", "SE")
    assert [skill.level for skill in loaded.languages] == ["VI", "C1", "3321"]
    assert loaded.experience[0].fte == 0.5 and loaded.experience[1].end is None


def _with(**changes: Any) -> dict[str, Any]:
    """A valid profile with some keys replaced as given (no builder defaults applied to them)."""
    return {**profile(), **changes}


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (
            _with(experience=[post("2018-01"), post("2019-01"), post("2019-13")]),
            "candidate.experience[2].start",
            '"2019-13" is not a valid date',
        ),
        (_with(experience=[post("2019-05", "2019-01")]), "candidate.experience[0].end", "before the start"),
        (
            _with(experience=[post("2019-05", "2019-02-30")]),
            "candidate.experience[0].end",
            "not a valid date",
        ),
        (_with(experience=[post("2019-01", fte=1.5)]), "candidate.experience[0].fte", "1.5"),
        (_with(experience=[post("2019-01", fte=0)]), "candidate.experience[0].fte", "(0, 1]"),
        (_with(experience=[post("2019-01", tags=["boss"])]), "candidate.experience[0].tags[0]", '"boss"'),
        (_with(experience=[{"start": "2019-01"}]), "candidate.experience[0].end", "is missing"),
        (_with(experience=[{"end": None}]), "candidate.experience[0].start", "is missing"),
        (_with(nationalities=["UK"]), "candidate.nationalities[0]", '"UK" is not an ISO 3166-1'),
        (_with(nationalities=["FR", "fr"]), "candidate.nationalities[1]", '"fr"'),
        (_with(nationalities="FR"), "candidate.nationalities", "must be a list"),
        (_with(languages=[language("english", "VI")]), "candidate.languages[0].language", "ISO 639-1"),
        (
            _with(languages=[language("en", "VII")]),
            "candidate.languages[0].level",
            "not a level of the NATO scale",
        ),
        (_with(languages=[language("en", "C1", "ILR")]), "candidate.languages[0].scale", '"ILR"'),
        (_with(languages=[{"language": "en"}]), "candidate.languages[0].level", "is missing"),
        (_with(education=[degree("licence")]), "candidate.education[0].level", '"licence"'),
        (
            _with(education=[degree("master", "2005-14")]),
            "candidate.education[0].completed",
            "not a valid date",
        ),
        (_with(seconded_by="XX"), "candidate.seconded_by", '"XX"'),
        (_with(serving_staff="yes"), "candidate.serving_staff", "true or false"),
    ],
)
def test_invalid_profiles_are_refused_naming_the_field(data: dict[str, Any], field: str, words: str) -> None:
    with pytest.raises(InvalidInput) as error:
        load_profile(data)
    assert error.value.field == field
    assert words in str(error.value)
    assert str(error.value).startswith(field + ": ")


@pytest.mark.parametrize("key", ["nationalities", "languages", "education", "experience"])
def test_a_missing_key_is_named(key: str) -> None:
    data = profile()
    del data[key]
    with pytest.raises(InvalidInput, match=f"^candidate.{key}: is missing$"):
        load_profile(data)


def test_a_profile_must_be_an_object() -> None:
    with pytest.raises(InvalidInput, match=r"^candidate: must be a JSON object$"):
        load_profile([])  # type: ignore[arg-type]


def test_extra_keys_are_ignored() -> None:
    assert load_profile(profile(name="Ada", email="ada@example.org", hobbies=["chess"])).nationalities == (
        "BE",
    )
