"""The notice's header: who publishes it, the post's title, reference, grade, place, dates, schedule, pay.

Each field is read from the notice's labels first ("Application Deadline", "Lieu d'affectation"), then
from the shapes job boards and organisations print ("251082 Requisition #", "Job Description - Title
(250443)", "NATO seeks ..."), then from the body's prose. Each value comes with where its evidence ends
in the text, so that a caller (and the truncation tests) can tell which fields a text prefix supports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from concours.kernel.notices.dates import find_dates, writes_month_first
from concours.kernel.notices.employers import find_employers
from concours.kernel.notices.grades import grade_code, grade_from_field
from concours.kernel.notices.places import find_location
from concours.kernel.notices.rules import Rules
from concours.kernel.notices.sections import Notice, finditer_at, mentions, squash
from concours.kernel.notices.titles import Title, find_reference, find_title
from concours.kernel.notices.vocabulary import CITIES, COUNTRIES, fold, fold_aligned

_GRADE_TOKEN = (
    r"Unclassified|Non classifi[ée]|G\d{1,2}(?:\s?/\s?\d{1,2})?|AD\s?\d{1,2}|AST(?:/SC)?\s?\d{1,2}|"
    r"FG\s?(?:IV|III|II|I)|GS-?\d{1,2}|FS-?\d|NO-?[A-D]|[PD]-?\d|[ABCLF]\.?-?\d(?:\s?(?:/|\s-\s)\s?[ABCLF]?\.?\d)?|"
    r"S-?\d"
)
# "Grade C.3", "Grade NATO Grade G22", "(Grade A1/A2)", "Grade Band F1 - F1", "Grade P2 # 136135".
_GRADE_RE = re.compile(
    r"(?:(?<![A-Za-z])(?:Grade|GRADE|grade)(?:\s*/\s*(?:level|niveau|Level|Niveau)|\s+Band)?|"
    r"^(?:Level|LEVEL|Niveau|NIVEAU))"
    r"\s*[:\-–]?\s*(?:(?:NATO|OTAN)\s+(?:Grade|grade)\s+|(?:NATO|OTAN)\s+)?"
    rf"(?P<grade>{_GRADE_TOKEN})(?![\w])",
    re.MULTILINE,
)
# A grade named in prose: "This is a G-6 contract", "at level IICA 1", "... Finances (NPSA5)".
_PROSE_GRADE_RES = (
    (
        re.compile(
            r"\b(?:is an?|at (?:the )?level)\s+(?P<grade>(?:[PDG]|GS|FS|NO|NPSA|LICA|IICA|SB|SC)-?\s?\d{1,2})"
            r"(?:\s+(?:contract|post|position|level))?\b"
        ),
        ("is a", "is an", "at level", "at the level"),
    ),
    (
        re.compile(r"\((?P<grade>(?:NPSA|LICA|IICA|NO|SB|SC|FS|GS)-?\s?[A-D\d]{1,2}|[PD]-\d)\)"),
        ("(",),
    ),
)
# An EU function group and grade in the notice's first lines ("Contract Agent FGIII", "Temporary Agent AD 7").
_EU_GRADE_RE = re.compile(
    r"\b(?:Contract|Temporary)\s+(?:Agents?|Staff)\s+(?P<grade>FG\s?(?:IV|III|II|I)|AD\s?\d{1,2}|AST\s?\d{1,2})\b"
)
_FUNCTION_GROUP_RE = re.compile(
    r"\b(?P<words>function group|groupe de fonctions)\s+(?P<roman>IV|III|II|I)\b", re.IGNORECASE
)
_NATO_GRADE_PREFIX_RE = re.compile(r"^(?:NATO|OTAN)\s+(?:SSS\s+)?(?:Grade|grade)\s+")
_WORD_RE = re.compile(r"[\w'’-]+")
_CITY_FIRST_WORDS = frozenset(spelling.split(" ")[0] for spelling in CITIES)
_DEADLINE_WORDS = (
    "latest",
    "later than",
    "plus tard",
    "received by",
    "reach us by",
    "submitted by",
    "close",
    "fermé",
    "open until",
    "ouvert jusqu",
)
_DEADLINE_PHRASE_RE = re.compile(
    r"by latest|at the latest|no later than|au plus tard|must be received by|must reach us by|"
    r"applications? (?:should|must) be submitted by|(?:will )?closes? on|ferm[ée]e? le|open until|"
    r"ouvert jusqu['’]au",
    re.IGNORECASE,
)
# How each of the phrases above begins (lower case).
_DEADLINE_PHRASE_STARTS = (
    "by latest",
    "at the latest",
    "no later than",
    "au plus tard",
    "must be received by",
    "must reach us by",
    "application",
    "close",
    "ferm",
    "open until",
    "ouvert jusqu",
)
_DATE_KEYS = ("deadline", "posted", "posting_period")
_PERIOD_RE = re.compile(r"\b(?:from|du)\b.+\b(?:to|until|au|jusqu)", re.IGNORECASE)
_DEADLINE_WORDS_RE = re.compile(r"deadline|date limite|closing|apply by|cl[ôo]ture|expir", re.IGNORECASE)
_SCHEDULE_PHRASE_RE = re.compile(
    r"\b(?:is a|est un|est à|this)\s+(?P<s>full[- ]time|part[- ]time|temps plein|temps partiel)\b",
    re.IGNORECASE,
)
_CURRENCIES = [
    "EUR",
    "USD",
    "CHF",
    "GBP",
    "PLN",
    "SEK",
    "DKK",
    "NOK",
    "CZK",
    "HUF",
    "RON",
    "BGN",
    "TRY",
    "JPY",
    "CAD",
    "AUD",
    "NZD",
    "XOF",
    "XAF",
    "KES",
    "UGX",
    "TZS",
    "NGN",
    "ZAR",
    "INR",
    "PKR",
    "BDT",
    "THB",
    "IDR",
    "PHP",
    "VND",
    "CNY",
    "KRW",
    "BRL",
    "MXN",
    "COP",
    "PEN",
    "CLP",
    "ARS",
    "EGP",
    "MAD",
    "TND",
    "JOD",
    "LBP",
    "UAH",
    "GEL",
    "AMD",
    "AZN",
    "KZT",
    "RSD",
    "MKD",
    "ALL",
    "BAM",
    "MDL",
    "ISK",
    "ETB",
    "GHS",
    "RWF",
]
_CURRENCY_RE = re.compile(
    rf"\b(?P<code>{'|'.join(_CURRENCIES)})\b|(?P<sign>[€$£])|"
    r"(?P<word>euros?|dollars?|francs? suisses?)(?![a-z])",
    re.I,
)
_CURRENCY_WORDS = {
    "€": "EUR",
    "$": "USD",
    "£": "GBP",
    "euro": "EUR",
    "euros": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    "franc suisse": "CHF",
    "francs suisses": "CHF",
}
_MONEY_LINE_RE = re.compile(
    rf"^(?:(?:{'|'.join(_CURRENCIES)})\s?|[€$£]\s?)\d[\d ,.\u202f]*\d"
    r"(?:\s*(?:EUR|USD|CHF|GBP))?(?:[,;]?\s*[\w -]{0,30})?$"
)
_AMOUNT_RE = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[ ,.\u202f]\d{3})+(?:[.,]\d{1,2})?(?![\d])|(?<![\w.,])\d+(?:[.,]\d{1,2})?"
)
_PERIODS = (
    ("month", re.compile(r"month|mensuel|par mois|/\s*mois|mensuelle", re.I)),
    ("year", re.compile(r"annual|annum|year|annuel|par an\b|/\s*an\b", re.I)),
    ("hour", re.compile(r"hour|hourly|heure", re.I)),
    ("day", re.compile(r"\bday\b|daily|par jour|journalier", re.I)),
)
_SALARY_SENTENCE_RE = re.compile(r"salary|traitement|salaire|r[ée]mun[ée]ration", re.IGNORECASE)
_DIVISION_RE = re.compile(
    r"(?:^|[^\w])(?P<name>(?:[A-Z][\w’'-]*|\([A-Z/]{2,}\))(?:[ \t]+(?:[A-Z][\w’'-]*|and|of|for|&|"
    r"\([A-Z/]{2,}\)))*"
    r"[ \t]+Division)\b"
)
_FRENCH_DIVISION_RE = re.compile(
    r"\b(?P<name>Division\s+(?:[A-ZÉ][\w’'-]*)(?:\s+(?:[\w’'-]+)){0,5}?)(?=\s*[(,.;]|\s+(?:est|a|de l))"
)


@dataclass
class Header:
    """The header fields, and for each field found, the offset where its evidence ends in the text."""

    values: dict[str, object] = field(default_factory=dict)
    ends: dict[str, int] = field(default_factory=dict)
    # What one rule found for the next ones, not a field of its own (the title with its place and grade).
    notes: dict[str, object] = field(default_factory=dict)

    def put(self, name: str, value: object, end: int) -> None:
        """Keep `value` for `name` unless a better-ranked rule already found one."""
        if value is not None and name not in self.values:
            self.values[name] = value
            self.ends[name] = end


def find_city(text: str) -> tuple[str, str] | None:
    """The first known duty station named in `text` (any spelling), as (city, country)."""
    words = _WORD_RE.findall(fold_aligned(text))
    for i in range(len(words)):
        if words[i] not in _CITY_FIRST_WORDS:
            continue  # no spelling starts with this word: the four lookups below would all miss
        for size in (4, 3, 2, 1):
            found = CITIES.get(" ".join(words[i : i + size]))
            if found:
                return found
    return None


def place(text: str) -> str | None:
    """ "City, Country" for a place written in any of the usual ways, or None if it names no place."""
    found = find_city(text)
    if found:
        return f"{found[0]}, {found[1]}"
    parts = [
        squash(part) for part in re.split(r"\s*[,/]\s*|\s+-\s+|(?<=[a-z])-(?=[A-Z])", text) if part.strip()
    ]
    if len(parts) == 2:
        first, second = (fold(part) for part in parts)
        if first in COUNTRIES and second not in COUNTRIES:
            return f"{parts[1]}, {COUNTRIES[first]}"
        if second in COUNTRIES:
            return f"{parts[0]}, {COUNTRIES[second]}"
    return None


def _title_and_reference(notice: Notice, header: Header) -> None:
    found = find_title(notice)
    if found is not None:
        header.put("title", found.text, found.end)
        header.notes["title"] = found
    reference = find_reference(notice, found)
    if reference is not None:
        header.put("reference", *reference)


def _grade(notice: Notice, header: Header) -> None:
    for label in notice.labels.get("grade", []):
        written = notice.lines[label.at].text
        if label.line == label.at and ":" not in written[: len(label.name) + 12]:
            # "Grade  NATO Grade G20" (a board's cells on one line): the code; a field's own line or
            # "Grade: ..." is taken as the field writes it.
            grade = grade_code(_NATO_GRADE_PREFIX_RE.sub("", label.value))
        else:
            grade = grade_from_field(label.value)
        if grade:
            header.put("grade", grade, label.end)
            return
    title = header.notes.get("title")
    if isinstance(title, Title) and title.grade:
        header.put("grade", title.grade, title.end)
        return
    match = notice.search(_GRADE_RE, ("grade", "level", "niveau"))
    if match:
        header.put("grade", squash(match.group("grade")), match.end())
        return
    for pattern, starts in _PROSE_GRADE_RES:
        match = notice.search(pattern, starts)
        if match:
            header.put("grade", squash(match.group("grade")), match.end())
            return
    for first in notice.lines[: max(notice.header_end, 3)]:
        found = _EU_GRADE_RE.search(first.text) if len(first.text) < 80 else None
        if found:
            header.put("grade", squash(found.group("grade")), first.end)
            return
        group = _FUNCTION_GROUP_RE.search(first.text) if len(first.text) < 80 else None
        if group:
            # "CONTRACT AGENT — FUNCTION GROUP IV", "Agent contractuel, groupe de fonctions III"
            code = "GF" if group.group("words").lower().startswith("groupe") else "FG"
            header.put("grade", f"{code} {group.group('roman')}", first.end)
            return


def _location(notice: Notice, header: Header) -> None:
    title = header.notes.get("title")
    places = title.places if isinstance(title, Title) else []
    found = find_location(notice, places, title.end if isinstance(title, Title) else 0)
    if found is not None:
        header.put("location", *found)


def _dates(notice: Notice, header: Header) -> None:
    # The notice's own date fields tell whether it writes numeric dates month first.
    fields = [label.value for key in _DATE_KEYS for label in notice.labels.get(key, [])]
    month_first = any("/" in value for value in fields) and writes_month_first("\n".join(fields))
    for label in notice.labels.get("deadline", []):
        dates = find_dates(label.value, month_first=month_first)
        if dates:
            header.put("deadline", dates[0].value, label.end)
    for label in notice.labels.get("posted", []):
        dates = find_dates(label.value, month_first=month_first)
        if dates:
            header.put("posted", dates[0].value, label.end)
            # "Publication: From 19/02/2026 to 19/03/2026": a publication period ends with the deadline.
            if len(dates) > 1 and _PERIOD_RE.search(label.value):
                header.put("deadline", dates[-1].value, label.end)
    for label in notice.labels.get("posting_period", []):
        dates = find_dates(label.value, month_first=month_first)
        if dates:
            header.put("posted", dates[0].value, label.end)
            if len(dates) > 1:
                header.put("deadline", dates[-1].value, label.end)
    labelled = {label.line for labels in notice.labels.values() for label in labels}
    for line in notice.lines[: notice.header_end]:
        if line.number in labelled or _DEADLINE_WORDS_RE.search(line.text):
            continue
        dates = find_dates(line.text, month_first=month_first)
        # A board's summary line ("NATO  Senior Level  Brussels, Belgium 3 Mai 2017") dates the posting.
        if dates and sum(1 for c in line.text if c.isalpha()) >= 12:
            header.put("posted", dates[-1].value, line.end)
    if not mentions(notice.lower, _DEADLINE_WORDS):
        return
    for match in notice.finditer(_DEADLINE_PHRASE_RE, _DEADLINE_PHRASE_STARTS):
        dates = find_dates(
            notice.text, match.end(), min(len(notice.text), match.end() + 40), month_first=month_first
        )
        if dates:
            header.put("deadline", dates[0].value, dates[0].end)
            break


def _schedule(notice: Notice, header: Header) -> None:
    label = notice.label("schedule")
    texts = [(label.value, label.end)] if label else []
    match = (
        notice.search(_SCHEDULE_PHRASE_RE, ("is a", "est un", "est à", "this"))
        if mentions(notice.lower, ("time", "temps"))
        else None
    )
    if match:
        texts.append((match.group("s"), match.end()))
    for text, end in texts:
        folded = fold(text)
        if "full" in folded or "plein" in folded:
            header.put("schedule", "full-time", end)
        elif "part" in folded or "partiel" in folded:
            header.put("schedule", "part-time", end)


def _amount(text: str) -> float | None:
    digits = text.replace(" ", "").replace("\u202f", "")
    if "," in digits and "." in digits:
        decimal = "." if digits.rfind(".") > digits.rfind(",") else ","
        digits = digits.replace("," if decimal == "." else ".", "").replace(decimal, ".")
    elif "," in digits:
        head, _, tail = digits.rpartition(",")
        digits = f"{head.replace(',', '')}.{tail}" if len(tail) <= 2 else digits.replace(",", "")
    elif "." in digits:
        head, _, tail = digits.rpartition(".")
        digits = f"{head.replace('.', '')}.{tail}" if len(tail) <= 2 else digits.replace(".", "")
    try:
        return float(digits)
    except ValueError:
        return None


def salary(text: str, context: str = "") -> dict[str, object] | None:
    """Amount, currency and period of the pay written in `text`, or None if it states no amount.

    The currency is the one written nearest the amount (None when none is); the period is the one `text`
    or its `context` (the field's label: "Minimum Net Annual Salary") names, else None."""
    amounts = [
        (match, value)
        for match in _AMOUNT_RE.finditer(text)
        if (value := _amount(match.group())) is not None and value >= 100
    ]
    if not amounts:
        return None
    match, amount = amounts[0]
    currencies = list(_CURRENCY_RE.finditer(text))
    code = None
    if currencies:
        near = min(currencies, key=lambda c: min(abs(c.start() - match.end()), abs(match.start() - c.end())))
        code = near.group("code")
        if code is None:
            symbol = (near.group("sign") or near.group("word") or "").lower()
            code = _CURRENCY_WORDS.get(symbol)
    period = next((name for name, pattern in _PERIODS if pattern.search(f"{context} {text}")), None)
    return {"amount": amount, "currency": code.upper() if code else None, "period": period}


def _salary(notice: Notice, header: Header) -> None:
    for label in notice.labels.get("salary", []):
        found = salary(label.value, notice.lines[label.at].text)
        if found is not None:
            header.put("salary", found, label.end)
            return
    for line in notice.lines_mentioning(("salar", "traitement", "salaire", "munération", "muneration")):
        if _SALARY_SENTENCE_RE.search(line.text) and _CURRENCY_RE.search(line.text):
            found = salary(line.text)
            if found is not None and found["currency"] is not None:
                header.put("salary", found, line.end)
                return
    for line in notice.lines[: max(notice.header_end, 12)]:
        # A board's pay line: "EUR 11 135.20, tax free".
        if _MONEY_LINE_RE.match(line.text):
            found = salary(line.text)
            if found is not None:
                header.put("salary", found, line.end)
                return


def _organisation(notice: Notice, header: Header) -> None:
    found = find_employers(notice)
    header.put("organisation", found.organisation, found.organisation_end)
    header.put("body", found.body, found.body_end)


def _division(notice: Notice, header: Header) -> None:
    label = notice.label("division")
    if label:
        header.put("division", label.value, label.end)
    for pattern in (_DIVISION_RE, _FRENCH_DIVISION_RE) if "Division" in notice.text else ():
        # The French form starts with "Division": it is tried only where that word is.
        match = (
            pattern.search(notice.text)
            if pattern is _DIVISION_RE
            else next(finditer_at(pattern, notice.text, notice.text, ("Division",)), None)
        )
        if match:
            name = re.sub(r"^(?:The|Within the|the)\s+", "", squash(match.group("name")))
            if fold(name) != "division":
                header.put("division", name, match.end())


def extract_header(notice: Notice, rules: Rules | None = None) -> Header:
    """Every header field the notice gives, with where each one's evidence ends.

    Each field's rule runs through `rules` (see rules.py), so one that fails costs its own fields only.
    """
    rules = rules or Rules()
    header = Header()
    for name, extract in (
        ("header._title_and_reference", _title_and_reference),
        ("header._grade", _grade),
        ("header._location", _location),
        ("header._dates", _dates),
        ("header._schedule", _schedule),
        ("header._salary", _salary),
        ("header._organisation", _organisation),
        ("header._division", _division),
    ):
        rules.run(name, None, extract, notice, header)
    return header
