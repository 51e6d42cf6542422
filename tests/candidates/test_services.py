"""Saving a profile: levels are read on their own scale, whoever sends them (issue 12)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from concours.accounts.models import Role
from concours.candidates.models import CandidateProfile
from concours.candidates.services import language_level_error, profile_save
from factories import make_user

pytestmark = pytest.mark.django_db


def save(languages):  # type: ignore[no-untyped-def]
    user = make_user(Role.CANDIDATE)
    return user, lambda: profile_save(
        user=user,
        name="Ana Silva",
        nationalities=["pt"],
        languages=languages,
        education=[],
        experience=[],
        actor=user,
    )


def test_a_level_off_its_scale_is_refused_and_nothing_is_saved() -> None:
    """ "B2" on the NATO scale is refused by the service itself (imports do not go through the form)."""
    user, run = save([{"language": "en", "scale": "NATO", "level": "B2"}])
    with pytest.raises(ValidationError, match="“B2” is not a level of the NATO"):
        run()
    assert not CandidateProfile.objects.filter(user=user).exists()


def test_levels_are_kept_as_their_scale_writes_them() -> None:
    """Any spelling of a level of the scale is kept in the scale's own spelling."""
    _user, run = save(
        [
            {"language": "en", "scale": "NATO", "level": " v "},
            {"language": "fr", "scale": "CEFR", "level": "c1"},
            {"language": "de", "scale": "STANAG6001", "level": "2+"},
        ]
    )
    profile = run()
    assert dict(profile.languages.values_list("language", "level")) == {"en": "V", "fr": "C1", "de": "2+"}


@pytest.mark.parametrize(
    ("scale", "level", "refused"),
    [
        ("NATO", "VI", False),
        ("NATO", "B2", True),
        ("NATO", "7", True),
        ("CEFR", "C2", False),
        ("CEFR", "IV", True),
        ("STANAG6001", "3321", False),
        ("STANAG6001", "5+", True),
        ("UN", "working", False),
        ("UN", "B1", True),
        ("ILR", "3", True),
    ],
)
def test_language_level_error(scale: str, level: str, refused: bool) -> None:
    """A level is judged on the scale it is given on; an unknown scale is refused too."""
    assert (language_level_error(scale=scale, level=level) is not None) is refused
