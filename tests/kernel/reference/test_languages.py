"""ISO 639-1 languages: names in English and French, and the spellings notices name them with."""

from __future__ import annotations

from concours.kernel.reference.languages import is_language, language_name, language_spellings
from concours.kernel.reference.spelling import fold


def test_languages_have_english_and_french_names() -> None:
    assert language_name("nl") == "Dutch"
    assert language_name("nl", "fr") == "néerlandais"
    assert is_language("uk") and not is_language("xx")


def test_notices_name_languages_as_written_and_folded() -> None:
    """The parser finds 'français' in the text as written, then looks it up folded."""
    spellings = language_spellings()
    assert spellings["français"] == spellings["francais"] == spellings["french"] == "fr"
    assert spellings["néerlandais"] == spellings["dutch"] == "nl"
    assert all(fold(spelling) in spellings for spelling in spellings)


def test_only_the_languages_notices_name_are_looked_for() -> None:
    """Every ISO 639-1 name would make words like 'Occidental' or 'Ido' read as languages."""
    assert "occidental" not in language_spellings()
    assert set(language_spellings().values()) == {
        "ar", "de", "el", "en", "es", "fr", "it", "nl", "pl", "pt", "ru", "tr", "uk", "zh",
    }  # fmt: skip
