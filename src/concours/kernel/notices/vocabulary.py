"""The words notices use, as data: headings, labels, months, languages, places, organisations.

Everything language-specific lives here so that a new language or a new organisation's layout is a
matter of adding rows, not rules. Keys are compared after `fold()` (lower case, accents removed).
Places and language names are not listed here: they are read from the reference data (kernel/reference:
duty_stations.json, countries.json, languages.json), the one list the rest of Concours reads too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from concours.kernel.reference.countries import country_spellings
from concours.kernel.reference.duty_stations import station_spellings
from concours.kernel.reference.languages import language_spellings
from concours.kernel.reference.spelling import fold

__all__ = [
    "CITIES",
    "COUNTRIES",
    "HEADINGS",
    "LABELS",
    "LANGUAGES",
    "MONTHS",
    "NUMBER_WORDS",
    "ORGANISATIONS",
    "ROMAN_LEVELS",
    "ZONES",
    "alternation",
    "fold",
    "fold_aligned",
]


# Section headings per meaning; English and French. A line is a heading when, stripped of its number
# ("2.", "IV)") and a trailing colon, it is one of these.
HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary",
        "resume",
        "position description",
        "job description",
        "description",
        "description du poste",
        "description de poste",
        "background",
        "context",
        "contexte",
        "org. setting and reporting",
        "organizational setting and reporting",
        "organisational setting",
        "cadre organisationnel",
        "introduction",
        "about the post",
        "about the position",
        "le poste",
        "purpose of the position",
        "objectif du poste",
        "main purpose",
        "the job",
        "general information",
        "informations generales",
        "the agency",
        "l'agence",
        "about us",
        "cadre organisationnel et rattachement hierarchique",
    ),
    "qualifications": (
        "qualifications and experience",
        "qualifications & experience",
        "qualifications et experience",
        "qualifications et experiences",
        "qualifications",
        "requirements",
        "required qualifications",
        "necessary qualifications",
        "qualifications requises",
        "profil requis",
        "profile",
        "eligibility criteria",
        "criteres d'eligibilite",
        "selection criteria",
        "criteres de selection",
        "minimum requirements",
        "conditions d'admission",
    ),
    "essential": (
        "essential",
        "essentiel",
        "essentielles",
        "essential qualifications",
        "essential requirements",
        "essential criteria",
        "criteres essentiels",
        "qualifications essentielles",
        "exigences essentielles",
        "required",
        "requis",
        "indispensable",
    ),
    "desirable": (
        "desirable",
        "souhaitable",
        "souhaitables",
        "desirable qualifications",
        "desirable requirements",
        "advantageous",
        "advantageous criteria",
        "criteres avantageux",
        "assets",
        "atouts",
        "qualifications souhaitables",
        "preferred",
        "an advantage",
    ),
    "accountabilities": (
        "accountabilities",
        "main accountabilities",
        "principales responsabilites",
        "responsabilites",
        "attributions",
        "responsibilities",
        "tasks and responsibilities",
        "tasks",
        "duties",
        "main duties",
        "taches",
        "missions",
        "key responsibilities",
        "duties and responsibilities",
        "main tasks",
        "taches principales",
    ),
    "interrelationships": (
        "interrelationships",
        "relations de travail",
        "liens hierarchiques",
        "reporting lines",
    ),
    "competencies": (
        "competencies",
        "competences",
        "core competencies",
        "competences de base",
        "behavioural competencies",
        "competences comportementales",
        "core values and competencies",
        "competencies and values",
        "competences et valeurs",
    ),
    "contract": (
        "contract",
        "contrat",
        "conditions of employment",
        "conditions d'emploi",
        "type of contract",
    ),
    "recruitment": (
        "useful information regarding application and recruitment process",
        "informations utiles concernant la procedure de candidature et de recrutement",
        "recruitment process",
        "procedure de recrutement",
        "how to apply",
        "application process",
        "application instructions",
        "comment postuler",
        "selection process",
        "processus de selection",
        "assessment",
        "evaluation",
    ),
    "additional": (
        "additional information",
        "informations complementaires",
        "other information",
        "autres informations",
        "special notice",
        "avis special",
        "united nations considerations",
        "considerations des nations unies",
        "no fee",
        "aucun frais",
        "remuneration",
        "remuneration package",
        "we offer",
        "what we offer",
        "conditions of service",
        "aucuns frais",
        "conditions d'emploi",
    ),
    "key_challenges": ("key challenges", "defis", "principaux defis", "defis majeurs", "enjeux principaux"),
    "principal_issues": ("principal issues", "main issues", "principaux dossiers"),
    "education": ("education", "formation", "etudes", "education and experience"),
    "work_experience": (
        "work experience",
        "experience",
        "experience professionnelle",
        "professional experience",
    ),
    "languages": ("languages", "langues", "language requirements", "connaissances linguistiques"),
}

# Header labels ("Label: value" or "Label" with the value on the next line), per field.
LABELS: dict[str, tuple[str, ...]] = {
    "title": (
        "job title",
        "title",
        "position title",
        "post title",
        "posting title",
        "intitule du poste",
        "titre du poste",
        "intitule",
        "position",
        "vacancy title",
        "titre",
        "intitule de l'avis de recrutement",
    ),
    "reference": (
        "requisition",
        "requisition #",
        "requisition number",
        "requisition id",
        "job opening number",
        "job opening id",
        "vacancy number",
        "vacancy no",
        "vacancy no.",
        "vacancy notice number",
        "vacancy reference",
        "vacancy id",
        "reference",
        "reference number",
        "ref",
        "ref.",
        "numero de l'avis de vacance",
        "numero de l'avis",
        "numero de vacance",
        "avis de vacance n°",
        "job id",
        "post number",
        "numero de reference",
        "reference de l'avis",
        "numero de l'appel a candidatures",
        "numero de l'avis de recrutement",
    ),
    "deadline": (
        "application deadline",
        "deadline",
        "deadline for application",
        "deadline for applications",
        "closing date",
        "closing date for applications",
        "apply by",
        "date limite",
        "date limite de candidature",
        "date limite de depot des candidatures",
        "date limite pour postuler",
        "date de cloture",
        "cloture des candidatures",
        "date limite de candidatures",
        "expiry date",
        "date d'expiration",
    ),
    "posted": (
        "posted",
        "date posted",
        "posting date",
        "publication date",
        "date de publication",
        "published",
        "date of posting",
        "date of issue",
        "date de parution",
        "publie le",
        "issued",
    ),
    "posting_period": (
        "posting period",
        "periode d'affichage",
        "periode de publication",
        "periode de candidature",
    ),
    "location": (
        "location",
        "primary location",
        "duty station",
        "place of assignment",
        "lieu d'affectation",
        "lieu de travail",
        "lieu",
        "work location",
        "location/duty station",
        "place of employment",
        "city",
        "ville",
    ),
    "schedule": ("schedule", "work schedule", "horaire", "working time", "temps de travail", "job schedule"),
    "salary": (
        "salary (pay basis)",
        "salary",
        "basic salary",
        "monthly salary",
        "traitement",
        "traitement de base",
        "salaire",
        "remuneration",
        "basic monthly salary",
        "traitement mensuel de base",
        "salaire de base",
    ),
    "body": (
        "nato body",
        "organization",
        "organisation",
        "agency",
        "organisme",
        "entity",
        "entite",
        "institution",
        "mission",
        "mission/institution",
        "field operation",
        "operation de terrain",
        "issued by",
    ),
    "division": (
        "division",
        "department/office",
        "department",
        "directorate",
        "division/office",
        "division/section",
        "departement",
        "direction",
        "office",
        "unit",
        "unite",
        "departement / bureau",
        "departement/bureau",
    ),
    "contract_type": (
        "type of appointment",
        "contract type",
        "type of contract",
        "appointment type",
        "type de contrat",
        "type d'engagement",
        "seconded/contracted",
        "type of post",
        "type de poste",
    ),
    "reports_to": ("reports to", "reporting to", "supervisor", "releve de", "superieur hierarchique"),
}

MONTHS: dict[str, int] = {
    # English
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
    # French
    "janvier": 1,
    "janv": 1,
    "fevrier": 2,
    "fevr": 2,
    "fev": 2,
    "mars": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
    # German and Dutch, as job boards in Brussels and The Hague print them
    "januar": 1,
    "januari": 1,
    "februar": 2,
    "februari": 2,
    "marz": 3,
    "maerz": 3,
    "maart": 3,
    "mrt": 3,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "augustus": 8,
    "oktober": 10,
    "okt": 10,
    "dezember": 12,
    "dez": 12,
}

NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
}
# "six" is the same word in both languages; listed once above.
NUMBER_WORDS["six"] = 6

# Language names -> ISO 639-1, as written ("français") and folded ("francais"): reference/languages.json.
LANGUAGES: dict[str, str] = dict(language_spellings())

# Duty stations: every spelling -> (city, country) in English, so that one place compares equal across
# languages and job boards ("Brussel", "Bruxelles", "Belgium-Brussels"): reference/duty_stations.json.
CITIES: dict[str, tuple[str, str]] = {
    spelling: (station.name_en, station.country.name_in_notices)
    for spelling, station in station_spellings().items()
}

# Country names as notices and boards spell them -> the English name locations are written with:
# reference/countries.json.
COUNTRIES: dict[str, str] = {
    spelling: country.name_in_notices for spelling, country in country_spellings().items()
}

# Organisations, most specific first: (pattern, organisation, body). The organisation is the one a
# notice names most often; the body is the most specific unit of it that the notice names.
ORGANISATIONS: tuple[tuple[str, str, str | None], ...] = (  # (pattern, organisation, body); "@": as written
    (r"NATO Communications and Information Agency|NCIA(?!\w)", "NATO", "NCIA"),
    (r"NATO Support and Procurement Agency|NSPA(?!\w)", "NATO", "NSPA"),
    (
        r"NATO International Staff|\bNATO IS\b|Personnel international de l['’]OTAN|\bSI de l['’]OTAN",
        "NATO",
        "NATO International Staff",
    ),
    (r"International Staff(?!\w)", "NATO", "NATO International Staff"),
    (r"NATO(?!\w)|OTAN(?!\w)|North Atlantic Treaty Organi[sz]ation", "NATO", None),
    (
        r"United Nations Secretariat|Secr[ée]tariat de l['’]Organisation des Nations Unies|"
        r"Secr[ée]tariat des Nations Unies",
        "United Nations",
        "United Nations Secretariat",
    ),
    (r"United Nations|Nations Unies|UN(?!\w)|ONU(?!\w)", "United Nations", None),
    (r"OSCE Secretariat|Secr[ée]tariat de l['’]OSCE", "OSCE", "OSCE Secretariat"),
    (
        r"OSCE (?:Mission|Programme Office|Presence|Office) (?:to|in) (?:the )?[A-Z][a-z]+(?: [A-Z][a-z]+)*|"
        r"Mission de l['’]OSCE (?:en|au|aux|à) [A-Z][\w-]+",
        "OSCE",
        "@",
    ),
    (r"ODIHR|Office for Democratic Institutions and Human Rights", "OSCE", "ODIHR"),
    (
        r"OSCE(?!\w)|Organi[sz]ation for Security and Co-?operation in Europe|"
        r"Organisation pour la s[ée]curit[ée] et la coop[ée]ration en Europe",
        "OSCE",
        None,
    ),
    (
        r"European Union Agency for [A-Z][\w-]*(?: (?:and |for |of |the )?[A-Z][\w-]*)*(?: \([A-Z]{3,8}\))?|"
        r"European [A-Z][\w-]+(?: [A-Z][\w-]+)* Agency(?: \([A-Z]{3,8}\))?|Frontex|EUROPOL|Europol",
        "European Union",
        "@",
    ),
    (r"European Union|Union europ[ée]enne|EU(?!\w)|UE(?!\w)", "European Union", None),
)

# Time zones notices state; a fixed offset, or a place whose offset on that day is looked up.
ZONES: dict[str, str] = {
    "cet": "+01:00",
    "cest": "+02:00",
    "gmt": "+00:00",
    "utc": "+00:00",
    "est": "-05:00",
    "edt": "-04:00",
    "brussels time": "Europe/Brussels",
    "heure de bruxelles": "Europe/Brussels",
    "belgian time": "Europe/Brussels",
    "central european time": "Europe/Brussels",
    "heure d'europe centrale": "Europe/Brussels",
    "new york time": "America/New_York",
    "heure de new york": "America/New_York",
    "vienna time": "Europe/Vienna",
    "heure de vienne": "Europe/Vienna",
    "the hague time": "Europe/Amsterdam",
    "geneva time": "Europe/Zurich",
    "heure de geneve": "Europe/Zurich",
    "local time": "",
}

ROMAN_LEVELS = ("VI", "IV", "V", "III", "II", "I")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first so that "june" wins over "jun"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def fold_aligned(text: str) -> str:
    """`fold()` that keeps every character in place (one output character per input character), so that
    a match found in the folded text points at the same span in the original."""
    if text.isascii():
        return text.lower()
    return text.translate(_ALIGNED_FOLD)


class _AlignedFold(dict[int, str]):
    """A str.translate table filled on first sight of each character: its unaccented lower-case form,
    always one character long."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in "’‘":
            folded = "'"
        else:
            base = unicodedata.normalize("NFKD", char)[:1] or char
            lowered = base.casefold()
            folded = lowered if len(lowered) == 1 else base
        self[code] = folded
        return folded


_ALIGNED_FOLD = _AlignedFold()
