"""The refusals' catalogue: every code in English and French, with the same parameters."""

from __future__ import annotations

import re

from concours.kernel.documents import DocumentRefused
from concours.kernel.documents.messages import _FOUND, LANGUAGES, MESSAGES, render


def test_every_refusal_has_english_and_french_with_the_same_parameters() -> None:
    """Each code has a sentence in each language naming the same parameters."""
    for code, sentences in MESSAGES.items():
        assert set(sentences) == set(LANGUAGES), code
        names = {lang: set(re.findall(r"%\((\w+)\)s", text)) for lang, text in sentences.items()}
        assert names["en"] == names["fr"], code


def test_what_was_found_is_named_in_each_language() -> None:
    """Every label of what a file was found to be exists in both languages."""
    for key, labels in _FOUND.items():
        assert set(labels) == set(LANGUAGES), key


def test_sizes_and_pages_are_written_for_each_language() -> None:
    """Byte counts read as MB / Mo with the language's decimal mark; pages are counted in words."""
    params = {"size": 6 * 1024 * 1024 + 200_000, "limit": 5 * 1024 * 1024}
    assert render("too_large", params, "en") == "The file is 6.2 MB, more than the 5.0 MB allowed."
    assert render("too_large", params, "fr") == "Le fichier fait 6,2 Mo, plus que les 5,0 Mo admis."
    pages = DocumentRefused("too_many_pages", {"pages": 31, "max_pages": 30})
    assert pages.reason_in("fr") == "Le PDF compte 31 pages ; 30 pages au plus sont acceptées."


def test_the_accepted_formats_are_listed() -> None:
    """The accepted formats are joined with "or" / "ou"."""
    error = DocumentRefused("not_accepted", {"found": "html", "expected": ["pdf", "docx"]})
    assert error.reason == "The file is a web page (HTML); accepted: PDF or Word (.docx)."
    assert (
        error.reason_in("fr")
        == "Le fichier est une page web (HTML) ; formats acceptés : PDF ou Word (.docx)."
    )
