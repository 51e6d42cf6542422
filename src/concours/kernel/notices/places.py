"""Where the post is: "City, Country" as the notice spells them.

The city and the country are given as written ("Bruxelles, Belgique", "Juba, Soudan du Sud", "DAKAR"),
put in order when a board reverses them ("Belgium-Brussels" -> "Brussels, Belgium"), without the site a
field names first ("ESTEC, Noordwijk, Netherlands" -> "Noordwijk, Netherlands"). Where a line writes the
city in one language and the country in another ("Brussel, ..., Belgium"), the city is given in the
country's language. A notice that names only a city or only a country gives that; "Homebased" and
"Various Duty Stations" are kept as written. Known places are those of the reference lists
(kernel/reference: duty_stations.json, countries.json).
"""

from __future__ import annotations

import re
from functools import cache

from concours.kernel.notices.employers import names_employer
from concours.kernel.notices.sections import Notice, squash
from concours.kernel.notices.vocabulary import fold, fold_aligned
from concours.kernel.reference.countries import Country, country_or_territory, country_spellings
from concours.kernel.reference.duty_stations import DutyStation, station_spellings

_WORD_RE = re.compile(r"[\w'’-]+")
_PART_SPLIT_RE = re.compile(r"\s*[,;/]\s*|\s+[-–]\s+")
_HYPHEN_SPLIT_RE = re.compile(r"(?<=[a-zà-ÿ])-(?=[A-ZÀ-Ý])")
_PARENTHESIS_RE = re.compile(r"\s*\(([^()]*)\)")
_SPECIAL_RE = re.compile(
    r"^(?P<place>home[- ]?based|remote(?: work)?|various(?: duty stations| locations)?|multiple "
    r"(?:duty stations|locations)|several duty stations|divers lieux d'affectation)\b",
    re.IGNORECASE,
)
_NOT_A_PLACE_WORDS = frozenset(
    [
        "organizations",
        "organisations",
        "latest",
        "stations",
        "jobs",
        "vacancies",
        "soon",
        "premises",
        "office",
        "offices",
        "building",
        "site",
        "headquarters",
        "hq",
        "n/a",
        "tbd",
        "to",
        "be",
        "determined",
        "the",
        "of",
        "and",
        "with",
        "unit",
        "department",
        "section",
        "division",
        "based",
    ]
)
_ISO_CODE_RE = re.compile(r"^[A-Z]{2}$")
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
_CITY_AND_CODE_RE = re.compile(
    r"\b(?:in|à|at)\s+(?P<city>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)\s*\((?P<cc>[A-Z]{2})\)"
)
# Location fields, the notice's own first; a board's "City:" comes after them.
_BOARD_LABELS = frozenset(("city", "ville"))
_CITY_FIELDS = frozenset(("city", "ville", "duty station", "duty stations", "lieu d'affectation"))


@cache
def _first_words() -> frozenset[str]:
    return frozenset(spelling.split(" ")[0] for spelling in station_spellings())


def station_named(text: str) -> DutyStation | None:
    """The duty station `text` is a spelling of, as a whole (any case, accents ignored)."""
    return station_spellings().get(fold(text.strip(" .,;:")))


def _country(text: str) -> Country | None:
    text = text.strip(" .,;:()")
    if _ISO_CODE_RE.match(text):
        try:
            return country_or_territory(text)
        except KeyError:
            return None
    # (country_for() with the parser's faster fold)
    return country_spellings().get(fold(text)) if text else None


# A place name whose hyphens join a small word: "Neuilly-sur-Seine", "Frankfurt-am-Main" are one place.
_JOINED_NAME_RE = re.compile(
    r"\w-(?:sur|sous|en|au|aux|de|du|des|la|le|les|lès|am|an|im|upon|on|del|della|di|da|do)-\w"
)


def split_place(text: str) -> list[str]:
    """The parts of a place as written: "Belgium-Brussels" -> ["Belgium", "Brussels"] (but "Timor-Leste"
    and "Port-au-Prince" are one place each)."""
    parts: list[str] = []
    for part in _PART_SPLIT_RE.split(text):
        part = squash(part)
        if not part:
            continue
        if "-" in part and not (station_named(part) or _country(part) or _JOINED_NAME_RE.search(part)):
            parts.extend(squash(piece) for piece in _HYPHEN_SPLIT_RE.split(part) if piece.strip())
        elif "-" in part and _country_and_its_city(part):
            # "Congo-Brazzaville" (WHO's "Country-City"): the country's alias is also its capital's place.
            parts.extend(squash(piece) for piece in _HYPHEN_SPLIT_RE.split(part))
        else:
            parts.append(part)
    return parts


def _country_and_its_city(text: str) -> bool:
    """Whether `text` is a country and one of its duty stations joined by a hyphen ("Congo-Brazzaville",
    not "Guinea-Bissau", whose Bissau is not in Guinea)."""
    pieces = [piece.strip() for piece in _HYPHEN_SPLIT_RE.split(text)]
    if len(pieces) != 2:
        return False
    for country_piece, city_piece in (pieces, pieces[::-1]):
        country, station = _country(country_piece), station_named(city_piece)
        if country is not None and station is not None and station.country_code == country.code:
            return True
    return False


def is_place(text: str) -> bool:
    """Whether `text` is, as a whole, a known place: a duty station, a country, or both ("Juba, Soudan du
    Sud", "Belgium-Brussels")."""
    parts = split_place(text.strip(" ,;()"))
    return bool(parts) and all(station_named(part) or _country(part) for part in parts)


def _station_in(text: str) -> tuple[DutyStation, int, int] | None:
    """The first duty station named in `text` and where its spelling is."""
    folded = fold_aligned(text)
    words = [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(folded)]
    spellings, first_words = station_spellings(), _first_words()
    for i, (word, start, _) in enumerate(words):
        if word not in first_words:
            continue
        for size in (4, 3, 2, 1):
            chunk = words[i : i + size]
            if len(chunk) < size:
                continue
            found = spellings.get(" ".join(w for w, _, _ in chunk))
            if found is not None:
                return found, start, chunk[-1][2]
    return None


def _city_in_language(
    station: DutyStation, written: str, country: Country | None, country_written: str
) -> str:
    if country is None:
        return written
    folded = fold(country_written)
    if fold(written) == fold(station.name_en):
        return written  # "Montréal, Canada": the notice's own spelling of the English name
    if folded in (fold(country.name_en), fold(country.name_in_notices)):
        return station.name_en
    if folded == fold(country.name_fr):
        return station.name_fr
    return written


def _compose(city: str | None, country: str | None) -> str | None:
    if city and country:
        return f"{city}, {country}"
    return city or country


def location_from(value: str, *, city_field: bool = False) -> str | None:
    """ "City, Country" for a location field's value as written, or None if it names no place.

    A city the reference does not list is taken only beside a known country or from a field that names
    a city (`city_field`: "City:", "Duty Station:")."""
    value = squash(value)
    special = _SPECIAL_RE.match(value)
    if special:
        return special.group("place")
    country_in_brackets = None
    for inner in _PARENTHESIS_RE.findall(value):
        if country_in_brackets is None and _country(inner) is not None and not _ISO_CODE_RE.match(inner):
            country_in_brackets = inner.strip()
    value = _PARENTHESIS_RE.sub("", value)
    value = re.sub(r"^(?:the place of employment is|le lieu d'affectation est)\s+", "", value, flags=re.I)
    parts = split_place(value)
    if not parts:
        return None
    city_index = next((i for i, part in enumerate(parts) if station_named(part)), None)
    city_written = None
    station = None
    if city_index is None:
        # A station named inside a part ("EMA Amsterdam"), or a city the reference does not list.
        for i, part in enumerate(parts):
            found = _station_in(part)
            if found is not None:
                station, start, end = found
                city_index, city_written = i, part[start:end]
                break
    else:
        station = station_named(parts[city_index])
        city_written = parts[city_index]
    countries = [(i, part, _country(part)) for i, part in enumerate(parts)]
    known = [(i, part, country) for i, part, country in countries if country is not None and i != city_index]
    if city_index is None and (city_field or known):
        others = [part for i, part, country in countries if country is None]
        if others and _looks_like_city(others[0]):
            city_index, city_written = parts.index(others[0]), others[0]
    after = [entry for entry in known if city_index is None or entry[0] > city_index]
    country_entry = after[0] if after else (known[0] if known else None)
    country_written = country_entry[1] if country_entry else country_in_brackets
    country = (
        country_entry[2]
        if country_entry
        else (_country(country_in_brackets) if country_in_brackets else None)
    )
    if city_written is None:
        return country_written
    if station is not None and country_written is not None:
        city_written = _city_in_language(station, city_written, country, country_written)
    if country_written is None and city_index is not None and city_index + 1 < len(parts):
        region = parts[city_index + 1]
        if _looks_like_city(region) and len(parts) == city_index + 2:
            return _compose(city_written, region)
    return _compose(city_written, country_written)


def _looks_like_city(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 3 or any(c.isdigit() for c in text) or names_employer(text):
        return False
    if any(fold(word) in _NOT_A_PLACE_WORDS for word in words):
        return False
    return all(word[:1].isupper() for word in words if len(word) > 2)


def place_in_line(text: str) -> str | None:
    """ "City, Country" for the first duty station a line names, with the country written after it."""
    found = _station_in(text)
    if found is None:
        return None
    station, start, end = found
    written = text[start:end]
    rest = text[end : end + 80]
    country_written = None
    for part in split_place(rest)[:3]:
        words = part.strip(" ()").split()
        # "Brussels Hoofdstedelijk Gewest, Belgium 3 Mai 2017": the country may start a longer part.
        for size in range(min(len(words), 4), 0, -1):
            candidate = " ".join(words[:size])
            if _ISO_CODE_RE.match(candidate) and len(words) > 1:
                continue
            if _country(candidate) is not None:
                country_written = candidate
                break
        if country_written:
            break
    if country_written is None:
        return written
    country = _country(country_written)
    return _compose(_city_in_language(station, written, country, country_written), country_written)


def find_location(notice: Notice, title_places: list[str], title_end: int) -> tuple[str, int] | None:
    """The notice's location and where its evidence ends (see the module's docstring)."""
    labels = notice.labels.get("location", [])
    own = [label for label in labels if label.name not in _BOARD_LABELS]
    board = [label for label in labels if label.name in _BOARD_LABELS]
    countries = notice.labels.get("country", [])
    special: tuple[str, int] | None = None
    country_only: tuple[str, int] | None = None
    for label in [*own, *board]:
        value = location_from(label.value, city_field=label.name in _CITY_FIELDS)
        if value is None:
            continue
        if _SPECIAL_RE.match(value):
            special = special or (value, label.end)
            if label in own:
                return special
            continue
        parts = split_place(value)
        if len(parts) == 1 and _country(parts[0]) is not None and not station_named(parts[0]):
            country_only = country_only or (value, label.end)
            continue
        if len(parts) == 1:
            # A city alone: the country a field or the title gives beside it completes it.
            for other in [*labels, *countries]:
                other_value = location_from(other.value)
                if other_value and _country(other_value) is not None and not station_named(other_value):
                    return f"{value}, {other_value}", max(label.end, other.end)
        return value, label.end
    if special is not None:
        return special
    if title_places:
        return ", ".join(title_places), title_end
    if country_only is not None:
        return country_only
    labelled = {label.line for entries in notice.labels.values() for label in entries}
    for line in notice.lines[: notice.header_end]:
        if line.text and len(line.text) < 200 and line.number not in labelled:
            # "Belgium-Brussels", "Shape, Mons, Belgium": a short line that is a place is read whole.
            short = len(line.text) <= 60 and any(_station_in(part) for part in split_place(line.text))
            found = (location_from(line.text) if short else None) or place_in_line(line.text)
            if found:
                return found, line.end
    for label in countries:
        value = location_from(label.value)
        if value:
            return value, label.end
    for sentence in notice.sentences_mentioning(_PLACE_WORDS):
        match = _PLACE_PHRASE_RE.search(sentence)
        found = place_in_line(sentence[match.end() : match.end() + 80]) if match else None
        if found and match:
            end = notice.text.find(sentence[: match.end()])
            return found, (end + match.end()) if end >= 0 else len(notice.text)
    match = _CITY_AND_CODE_RE.search(notice.text[:6000])
    if match and (station_named(match.group("city")) or _country(match.group("cc"))):
        return f"{match.group('city')}, {match.group('cc')}", match.end()
    return None
