"""The notice's header: who publishes it, the post's title, reference, grade, place, dates, schedule, pay.

Each field is read from the notice's labels first ("Application Deadline", "Lieu d'affectation"), then
from the shapes job boards and organisations print ("251082 Requisition #", "Job Description - Title
(250443)", "NATO seeks ..."), then from the body's prose. Each value comes with where its evidence ends
in the text, so that a caller (and the truncation tests) can tell which fields a text prefix supports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from concours.kernel.notices.dates import find_dates
from concours.kernel.notices.rules import Rules
from concours.kernel.notices.sections import Notice, finditer_at, mentions, squash
from concours.kernel.notices.vocabulary import CITIES, COUNTRIES, ORGANISATIONS, fold, fold_aligned

_ORGANISATION_RES = tuple((re.compile(pattern), org, body) for pattern, org, body in ORGANISATIONS)
# How each organisation pattern's matches begin (the patterns are case-sensitive), in the same order: a
# pattern is tried only where one of its words is (str.find costs far less than a regex scan, which tries
# every branch at every offset), and not at all on a text that has none of them.
_ORGANISATION_STARTS: tuple[tuple[str, ...], ...] = (
    ("NATO Communications and Information Agency", "NCIA"),
    ("NATO Support and Procurement Agency", "NSPA"),
    ("NATO International Staff", "NATO IS", "Personnel international de l", "SI de l"),
    ("International Staff",),
    ("NATO", "OTAN", "North Atlantic Treaty Organi"),
    ("United Nations Secretariat", "Secr"),
    ("United Nations", "Nations Unies", "UN", "ONU"),
    ("OSCE Secretariat", "Secr"),
    ("OSCE ", "Mission de l"),
    ("ODIHR", "Office for Democratic Institutions and Human Rights"),
    ("OSCE", "Organi"),
    ("European ", "Frontex", "EUROPOL", "Europol"),
    ("European Union", "Union europ", "EU", "UE"),
)
_NOISE_LINE_RE = re.compile(
    r"^(?:this job (?:posting|listing)|apply (?:now|later)|job description$|position description$|"
    r"vacancy notice$|vacancy announcement$|avis de vacance(?: de poste)?$|job opening$|share\b|print\b|"
    r"home\b|menu\b|skip to|sign in|log in|search\b|back to|previous job|cookies?\b|we use cookies|accept\b|"
    r"\d+ total views|job stats|careers?$|jobs?$|vacancies$|offres d'emploi|emplois?$|"
    r".*\b(?:sign in|log in|se connecter|connexion)\b|nato\s*-\s*(?:otan|north atlantic)|"
    r"otan\s*-\s*nato|recrutement$|recruitment$|postuler|partager|imprimer)",
)
_JOB_DESCRIPTION_RE = re.compile(
    r"^Job Description\s*[-–:]\s*(?P<title>.+?)\s*(?:\((?P<ref>[\w/.-]+)\))?\s*$"
)
_SEEKS_RE = re.compile(r"\b(?:seeks|is seeking|recrute|recherche)\s+(?:an?\s+|un\s+|une\s+)?(?P<title>.+)$")
_TRAILING_REFERENCE_RE = re.compile(r"\s*(?:[-–]\s*#?|\(\s*#?)(?P<ref>\d{5,7})\)?\s*$")
_REQUISITION_RE = re.compile(r"^(?P<ref>[A-Z0-9][\w/.-]*)\s+Requisition\s*#?\s*$", re.IGNORECASE)
_VACANCY_NUMBER_RE = re.compile(
    r"\b(?:vacancy|VN|avis de vacance|vacance de poste)\s*(?:no\.?|n°|number|num[ée]ro|#)\s*:?\s*"
    r"(?P<ref>[A-Z0-9][\w/.-]*\d[\w/.-]*)",
    re.IGNORECASE,
)
_VACANCY_NUMBER_STARTS = ("vacancy", "vn", "avis de vacance", "vacance de poste")
_GRADE_TOKEN = (
    r"Unclassified|Non classifi[ée]|G\d{1,2}(?:\s?/\s?\d{1,2})?|AD\s?\d{1,2}|AST(?:/SC)?\s?\d{1,2}|"
    r"FG\s?(?:IV|III|II|I)|GS-?\d{1,2}|FS-?\d|NO-?[A-D]|[PD]-?\d|[ABCL]\.?\s?\d(?:\s?/\s?\d)?|S-?\d"
)
_GRADE_RE = re.compile(
    r"(?:(?<![A-Za-z])(?:Grade|GRADE|grade)(?:\s*/\s*(?:level|niveau|Level|Niveau))?|^(?:Level|LEVEL|Niveau|NIVEAU))"
    r"\s*[:\-–]?\s*(?:(?:NATO|OTAN)\s+(?:Grade|grade)\s+|(?:NATO|OTAN)\s+)?"
    rf"(?P<grade>{_GRADE_TOKEN})(?![\w])",
    re.MULTILINE,
)
_TITLE_GRADE_RE = re.compile(r",\s*(?P<grade>(?:P|D|G|GS|FS|NO)-?\d{1,2}|NO-?[A-D])\s*$")
_WORD_RE = re.compile(r"[\w'’-]+")
_CITY_FIRST_WORDS = frozenset(spelling.split(" ")[0] for spelling in CITIES)
_PLACE_PHRASE_RE = re.compile(
    r"(?:headquarters|\bHQ\b|siège|based|located|duty station is|situé|installée?)\s+(?:in|at|à|en)\s+",
    re.IGNORECASE,
)
_PLACE_WORDS = (
    "headquarters",
    "hq ",
    "siège",
    "based in",
    "based at",
    "located",
    "duty station is",
    "situé",
    "installé",
)
_DEADLINE_WORDS = (
    "latest",
    "later than",
    "plus tard",
    "received by",
    "reach us by",
    "submitted by",
    "close",
    "fermé",
)
_DEADLINE_PHRASE_RE = re.compile(
    r"by latest|at the latest|no later than|au plus tard|must be received by|must reach us by|"
    r"applications? (?:should|must) be submitted by|closes? on|ferm[ée]e? le",
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
)
_DEADLINE_WORDS_RE = re.compile(r"deadline|date limite|closing|apply by|cl[ôo]ture|expir", re.IGNORECASE)
_SCHEDULE_PHRASE_RE = re.compile(
    r"\b(?:is a|est un|est à|this)\s+(?P<s>full[- ]time|part[- ]time|temps plein|temps partiel)\b",
    re.IGNORECASE,
)
_CURRENCY_RE = re.compile(
    r"\b(?P<code>EUR|USD|CHF|GBP)\b|(?P<sign>[€$£])|\b(?P<word>euros?|dollars?)\b", re.I
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


def _is_title_line(notice: Notice, index: int, labelled: set[int]) -> bool:
    line = notice.lines[index]
    text = line.text
    if not text or line.heading or index in labelled or len(text) > 200 or text.endswith((":", "：")):
        return False
    letters = sum(1 for c in text if c.isalpha())
    if letters < 4 or _NOISE_LINE_RE.match(fold(text)):
        return False
    if find_dates(text) and letters < 25:
        return False
    return not any(pattern.fullmatch(text) for pattern, _, _ in _ORGANISATION_RES)


def _title_and_reference(notice: Notice, header: Header) -> None:
    title = notice.label("title")
    if title:
        header.put("title", title.value, title.end)
    lines = notice.lines[: max(notice.header_end, 12) + 1]
    for line in lines:
        match = _JOB_DESCRIPTION_RE.match(line.text)
        if match:
            header.put("title", squash(match.group("title")), line.end)
            header.put("reference", match.group("ref"), line.end)
    for line in lines[: notice.header_end + 1]:
        # Each of the pattern's verbs contains one of these words (the pattern is case-sensitive).
        if not ("seek" in line.text or "recrute" in line.text or "recherche" in line.text):
            continue
        match = _SEEKS_RE.search(line.text)
        if match and len(line.text) < 160:
            header.put("title", squash(match.group("title")), line.end)
    labelled = {
        index for labels in notice.labels.values() for label in labels for index in (label.at, label.line)
    }
    if "title" not in header.values:
        for line in lines:
            if _is_title_line(notice, line.number, labelled):
                header.put("title", line.text, line.end)
                break
    title_value = header.values.get("title")
    if isinstance(title_value, str):
        suffix = _TRAILING_REFERENCE_RE.search(title_value)
        if suffix:
            header.values["title"] = title_value[: suffix.start()].strip()
            header.put("reference", suffix.group("ref"), header.ends["title"])
    reference = notice.label("reference")
    if reference:
        value = re.split(r"\s{2,}|\s+[-–]\s+(?=[A-Z][a-z])", reference.value)[0].strip(" .;,")
        header.values.pop("reference", None)
        header.put("reference", value, reference.end)
    for line in notice.lines[: max(notice.header_end, 12) + 1]:
        match = _REQUISITION_RE.match(line.text)
        if match:
            header.put("reference", match.group("ref"), line.end)
        elif (
            isinstance(title_value, str)
            and line.text.startswith(title_value[:20])
            and (suffix_match := _TRAILING_REFERENCE_RE.search(line.text))
        ):
            header.put("reference", suffix_match.group("ref"), line.end)
    match = notice.search(_VACANCY_NUMBER_RE, _VACANCY_NUMBER_STARTS)
    if match:
        header.put("reference", match.group("ref").rstrip("."), match.end())


def _grade(notice: Notice, header: Header) -> None:
    match = notice.search(_GRADE_RE, ("grade", "level", "niveau"))
    if match:
        header.put("grade", squash(match.group("grade")), match.end())
    title = header.values.get("title")
    if isinstance(title, str):
        suffix = _TITLE_GRADE_RE.search(title)
        if suffix:
            header.put("grade", suffix.group("grade"), header.ends["title"])


def _location(notice: Notice, header: Header) -> None:
    for label in notice.labels.get("location", []):
        header.put("location", place(label.value), label.end)
    if "location" in header.values:
        return  # (the rules below could only offer a value `put` would refuse)
    for line in notice.lines[: notice.header_end]:
        if line.text and len(line.text) < 200:
            # What place() would say for a line naming a known city, without looking for it twice.
            city = find_city(line.text)
            if city:
                header.put("location", f"{city[0]}, {city[1]}", line.end)
                return
    for sentence in notice.sentences_mentioning(_PLACE_WORDS):
        match = _PLACE_PHRASE_RE.search(sentence)
        found = place(sentence[match.end() : match.end() + 60]) if match else None
        if found:
            end = notice.text.find(sentence[: match.end()]) if match else -1
            header.put("location", found, (end + match.end()) if end >= 0 and match else len(notice.text))
            break


def _dates(notice: Notice, header: Header) -> None:
    for label in notice.labels.get("deadline", []):
        dates = find_dates(label.value)
        if dates:
            header.put("deadline", dates[0].value, label.end)
    for label in notice.labels.get("posted", []):
        dates = find_dates(label.value)
        if dates:
            header.put("posted", dates[0].value, label.end)
    for label in notice.labels.get("posting_period", []):
        dates = find_dates(label.value)
        if dates:
            header.put("posted", dates[0].value, label.end)
            if len(dates) > 1:
                header.put("deadline", dates[-1].value, label.end)
    labelled = {label.line for labels in notice.labels.values() for label in labels}
    for line in notice.lines[: notice.header_end]:
        if line.number in labelled or _DEADLINE_WORDS_RE.search(line.text):
            continue
        dates = find_dates(line.text)
        # A board's summary line ("NATO  Senior Level  Brussels, Belgium 3 Mai 2017") dates the posting.
        if dates and sum(1 for c in line.text if c.isalpha()) >= 12:
            header.put("posted", dates[-1].value, line.end)
    if not mentions(notice.lower, _DEADLINE_WORDS):
        return
    for match in notice.finditer(_DEADLINE_PHRASE_RE, _DEADLINE_PHRASE_STARTS):
        dates = find_dates(notice.text, match.end(), min(len(notice.text), match.end() + 40))
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


def salary(text: str) -> dict[str, object] | None:
    """Amount, currency and period of the pay written in `text`, or None if any of the three is missing."""
    currency = _CURRENCY_RE.search(text)
    if currency is None:
        return None
    code = currency.group("code")
    if code is None:
        symbol = (currency.group("sign") or currency.group("word") or "").lower()
        code = {"€": "EUR", "$": "USD", "£": "GBP", "euro": "EUR", "euros": "EUR"}.get(symbol, "USD")
    amounts = [
        a for a in (_amount(m.group()) for m in _AMOUNT_RE.finditer(text)) if a is not None and a >= 100
    ]
    period = next((name for name, pattern in _PERIODS if pattern.search(text)), None)
    if not amounts or period is None:
        return None
    return {"amount": amounts[0], "currency": code.upper(), "period": period}


def _salary(notice: Notice, header: Header) -> None:
    label = notice.label("salary")
    if label:
        header.put("salary", salary(label.value), label.end)
    if "salary" in header.values:
        return
    for line in notice.lines_mentioning(("salar", "traitement", "salaire", "munération", "muneration")):
        offset = line.end
        if _SALARY_SENTENCE_RE.search(line.text) and _CURRENCY_RE.search(line.text):
            header.put("salary", salary(line.text), offset)
            if "salary" in header.values:
                return


def _organisation(notice: Notice, header: Header) -> None:
    text = notice.text
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    bodies: list[tuple[int, str, str, int]] = []
    for (pattern, org, body), starts in zip(_ORGANISATION_RES, _ORGANISATION_STARTS, strict=True):
        matches = list(finditer_at(pattern, text, text, starts))
        if not matches:
            continue
        counts[org] = counts.get(org, 0) + len(matches)
        first[org] = min(first.get(org, len(text)), matches[0].start())
        if body:
            written = squash(matches[0].group()) if body == "@" else body
            bodies.append((matches[0].start(), org, written, matches[0].end()))
    if not counts:
        return
    organisation = max(counts, key=lambda org: (counts[org], -first[org]))
    header.put("organisation", organisation, first[organisation])
    label = notice.label("body")
    if label:
        for pattern, org, body in _ORGANISATION_RES:
            match = pattern.search(label.value)
            if match and org == organisation and body:
                header.put("body", squash(match.group()) if body == "@" else body, label.end)
                break
        else:
            header.put("body", label.value, label.end)
    for _, org, body, end in sorted(bodies):
        if org == organisation:
            header.put("body", body, end)


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
