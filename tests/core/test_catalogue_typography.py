"""The French catalogue follows French spacing: a no-break space before : ; ! ? and inside « ».

Read from the .po itself with a small reader (the compiled .mo is built from it by `make messages`).
The check is written apart from kernel.text.typography, so that it does not pass by sharing its mistakes.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

CATALOGUE = (
    Path(__file__).resolve().parents[2] / "src" / "concours" / "locale" / "fr" / "LC_MESSAGES" / "django.po"
)
NO_BREAK = ("\u00a0", "\u202f")
_QUOTED_RE = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?)?\s*("(?:[^"\\]|\\.)*")\s*$')


def catalogue_entries(path: Path = CATALOGUE) -> list[tuple[str, list[str]]]:
    """(msgid, its translations) of every entry in use: not obsolete (#~), not fuzzy, not the header."""
    entries: list[tuple[str, list[str]]] = []
    fields: dict[str, str] = {}
    current = ""
    fuzzy = False

    def close() -> None:
        nonlocal fields, fuzzy
        msgid = fields.get("msgid", "")
        translations = [value for key, value in fields.items() if key.startswith("msgstr")]
        if msgid and not fuzzy:
            entries.append((msgid, translations))
        fields, fuzzy = {}, False

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        if not line.strip() or line.startswith("#"):
            if not line.strip() and fields:
                close()
            continue
        match = _QUOTED_RE.match(line)
        assert match, f"unreadable catalogue line: {line!r}"
        if match[1]:
            if match[1] == "msgid" and fields:
                close()
            current = match[1]
            fields[current] = ""
        fields[current] += ast.literal_eval(match[2])
    if fields:
        close()
    return entries


def spacing_mistakes(text: str) -> list[str]:
    """Each place where French spacing is missing, with a few characters around it."""
    found = []
    for index, sign in enumerate(text):
        before = text[index - 1] if index else ""
        after = text[index + 1 : index + 3]
        if sign in ":;!?":
            if not before or before in NO_BREAK or before in ":;!?«(\n":
                continue
            if sign == ":" and before.isdigit() and after[:1].isdigit():
                continue  # 23:59
            if sign == ":" and after.startswith("//"):
                continue  # https://
            if sign in "?!" and after[:1].isalnum():
                continue  # ?next=
            found.append(text[max(0, index - 12) : index + 3])
        elif sign == "«" and text[index + 1 : index + 2] not in NO_BREAK:
            found.append(text[index : index + 12])
        elif sign == "»" and before not in NO_BREAK:
            found.append(text[max(0, index - 12) : index + 1])
    return found


def test_the_reader_reads_every_entry() -> None:
    """The reader finds entries, plural ones included (so the scan below cannot pass by reading nothing)."""
    entries = catalogue_entries()
    assert len(entries) > 500
    assert ("Skip to content", ["Aller au contenu"]) in entries
    assert any(len(translations) == 2 for _msgid, translations in entries)


def test_the_scan_finds_missing_spaces() -> None:
    assert spacing_mistakes("Date limite: demain") == ["Date limite: d"]
    assert spacing_mistakes("Vraiment ?") == ["Vraiment ?"]
    assert spacing_mistakes("« Avancé»") != []
    assert spacing_mistakes("Date limite\u00a0: 23:59, https://example.org/?a=b\u00a0!") == []


# Translations that quote English on purpose: English spacing is right inside the quote.
QUOTING_ENGLISH = {
    # The example of the question in English, for its English field.
    "For example: Do you hold a valid NATO SECRET clearance?",
}


def _is_code(msgid: str) -> bool:
    """An example of what to type (JSON) or of English text, not French running text."""
    return msgid.startswith(("{", "[")) or msgid in QUOTING_ENGLISH


def test_every_french_translation_has_french_spacing() -> None:
    mistakes = {
        msgid: found
        for msgid, translations in catalogue_entries()
        if not _is_code(msgid)
        for found in [[m for text in translations for m in spacing_mistakes(text)]]
        if found
    }
    assert not mistakes, "\n".join(f"{msgid!r}: {found}" for msgid, found in mistakes.items())
