"""French spacing: a no-break space before : ; ! ? and inside « », so that a line never breaks there.

The text may be HTML: tags and character references (``&amp;``) are left as they are, and so are the
colons of times (23:59), web addresses (https://, ?page=2) and ratios, which are not punctuation in
running text. Spaces the text already has before the sign become the no-break space; a sign glued to
the word before gets one. Running it twice changes nothing the second time.
"""

from __future__ import annotations

import re

NO_BREAK_SPACE = "\u00a0"
NARROW_NO_BREAK_SPACE = "\u202f"

# Never touched: a tag, what a script, style, code or text box holds (a person's own input stays as typed),
# what an element in another language holds, a character reference, a web address or an e-mail address.
_LEFT_ALONE_RE = re.compile(
    r"<(?P<raw>script|style|textarea|pre|code)\b[^>]*>.*?</(?P=raw)\s*>"
    # An element in another language (lang="en"), up to its first closing tag of the same name.
    r"|<(?P<other>[a-zA-Z][a-zA-Z0-9]*)\b[^>]*\blang=\"(?!fr)[^\"]*\"[^>]*>.*?</(?P=other)\s*>"
    r"|<[^>]*>"
    r"|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);"
    r"|\b(?:https?|ftp|file)://[^\s<>\"']*[^\s<>\"'.,;:!?)»]"
    r"|\bwww\.[^\s<>\"']*[^\s<>\"'.,;:!?)»]"
    r"|[^\s<>\"']+@[^\s<>\"']+\.[A-Za-z]{2,}",
    re.DOTALL | re.IGNORECASE,
)
# A high sign with the spaces before it, and what comes before those spaces.
_HIGH_SIGN_RE = re.compile(r"(?P<before>[^\s:;!?])?(?P<spaces>[ \t\u00a0\u202f]*)(?P<sign>[:;!?])")
_SPACE_REFERENCES = ("&nbsp;", "&#160;", "&#xa0;", "&#8239;", "&#x202f;", "&nnbsp;")
_OPENING_RE = re.compile(r"«[ \t\u00a0\u202f]*(?=\S)")
_CLOSING_RE = re.compile(r"(?<=\S)[ \t\u00a0\u202f]*»")


def _high_sign(match: re.Match[str], text: str) -> str:
    before, spaces, sign = match["before"] or "", match["spaces"], match["sign"]
    end = match.end("sign")
    after = text[end : end + 1]
    if not before and not spaces:
        return match[0]  # at the start of the text, or after another sign (?! :: ...)
    if sign == ":" and not spaces and before.isdigit() and after.isdigit():
        return match[0]  # a time or a ratio: 23:59, 3:1
    if sign == ":" and not spaces and after == "/":
        return match[0]  # an address the pattern above did not take whole: c:/temp
    if sign in "?!" and not spaces and after and not after.isspace() and after not in "?!»)]\"'.,;:":
        return match[0]  # inside a word or a query string: "a?b", "?page=2"
    if before and before in "([{«\u2018\u201c" and not spaces:
        return match[0]  # "(?)": the sign is the whole content of the bracket
    return f"{before}{NO_BREAK_SPACE if NARROW_NO_BREAK_SPACE not in spaces else NARROW_NO_BREAK_SPACE}{sign}"


def _in_text(text: str) -> str:
    text = _HIGH_SIGN_RE.sub(lambda match: _high_sign(match, text), text)
    text = _OPENING_RE.sub("«" + NO_BREAK_SPACE, text)
    return _CLOSING_RE.sub(NO_BREAK_SPACE + "»", text)


def _glued_to(previous: str, segment: str) -> str:
    """A segment starting with a high sign just after a word in markup ("<b>Lieu</b>: ") gets its space."""
    if (
        segment[:1] in (":", ";", "!", "?")
        and previous
        and not previous.isspace()
        and previous not in ":;!?([{«"
    ):
        return NO_BREAK_SPACE + segment
    return segment


def french_spacing(text: str) -> str:
    """`text` with French spacing around high signs and guillemets (see the module's docstring)."""
    out: list[str] = []
    position = 0
    previous = ""  # the last character of running text, across tags
    for match in _LEFT_ALONE_RE.finditer(text):
        segment = text[position : match.start()]
        if segment:
            out.append(_in_text(_glued_to(previous, segment)))
            previous = segment[-1]
        out.append(match[0])
        if match[0].startswith("&"):  # a reference stands for one character: a space or not
            previous = " " if match[0].lower() in _SPACE_REFERENCES else "x"
        elif not match[0].startswith("<"):
            previous = match[0][-1]
        position = match.end()
    segment = text[position:]
    out.append(_in_text(_glued_to(previous, segment)) if segment else "")
    return "".join(out)
