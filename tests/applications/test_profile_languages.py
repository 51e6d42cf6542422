"""The recruiter's page names the languages of the profile as submitted, and their scale, in the
reader's language ("anglais V (OTAN)"), not by their codes ("en V (NATO)")."""

from __future__ import annotations

import pytest
from django.utils import translation

from concours.applications.selectors import profile_as_submitted
from factories import ApplicationFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [
    {"language": "en", "scale": "NATO", "level": "V"},
    {"language": "fr", "scale": "CEFR", "level": "B2"},
]


def _languages(lang: str) -> list[tuple[str, str, str]]:
    application = ApplicationFactory(profile_snapshot={"name": "Ada", "languages": LANGUAGES})
    with translation.override(lang):
        profile = profile_as_submitted(application)
    assert profile is not None
    return [(item["language"], item["level"], item["scale"]) for item in profile.languages]


def test_languages_and_scales_are_named_in_french() -> None:
    assert _languages("fr") == [("anglais", "V", "OTAN"), ("français", "B2", "CECRL")]


def test_languages_and_scales_are_named_in_english() -> None:
    assert _languages("en") == [("English", "V", "NATO"), ("French", "B2", "CEFR")]
