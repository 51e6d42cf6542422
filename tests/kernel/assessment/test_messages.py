"""The assessment messages: every code in English and French, with the same parameters."""

from __future__ import annotations

import re

from concours.kernel.assessment.messages import LANGUAGES, MESSAGES, format_alpha


def test_every_message_has_english_and_french_with_the_same_parameters() -> None:
    """Each code has a sentence in each language naming the same parameters."""
    for code, sentences in MESSAGES.items():
        assert set(sentences) == set(LANGUAGES), code
        names = {lang: set(re.findall(r"%\((\w+)\)s", text)) for lang, text in sentences.items()}
        assert names["en"] == names["fr"], code


def test_alpha_is_written_with_three_decimals_and_the_language_decimal_mark() -> None:
    """0.8123 reads 0.812 in English, 0,812 in French; a tiny negative figure is not '-0.000'."""
    assert format_alpha(0.8123, "en") == "0.812"
    assert format_alpha(0.8123, "fr") == "0,812"
    assert format_alpha(-0.0004, "en") == "0.000"
    assert format_alpha(-0.25, "fr") == "-0,250"
