"""The message catalogue: every code in both languages, parameters formatted per language."""

from __future__ import annotations

import re

from concours.kernel.essays.messages import LANGUAGES, MESSAGES, render


def test_every_message_has_english_and_french_with_the_same_parameters() -> None:
    """Each code has an English and a French sentence naming the same parameters."""
    for code, sentences in MESSAGES.items():
        assert set(sentences) == set(LANGUAGES), code
        names = {lang: set(re.findall(r"%\((\w+)\)s", text)) for lang, text in sentences.items()}
        assert names["en"] == names["fr"], code


def test_sizes_are_written_for_each_language() -> None:
    """Byte counts read as MB in English and Mo with a decimal comma in French."""
    params = {"size": 6 * 1024 * 1024 + 200_000, "limit": 5 * 1024 * 1024}
    assert render("refused.too_large", params, "en").startswith("The file is 6.2 MB, more than the 5.0 MB")
    assert render("refused.too_large", params, "fr").startswith("Le fichier fait 6,2 Mo, plus que les 5,0 Mo")
