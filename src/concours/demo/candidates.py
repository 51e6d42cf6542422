"""Deterministic demo candidates and the applications the demo loader creates for them.

`generate_candidates()` returns profiles in the shape of shared/contracts/candidate.schema.json (plus `name`
and `email`), built only with `random.Random(seed)`: the same seed always gives the same people. Every name,
institution and firm is invented; e-mail addresses use the reserved domain example.org.

`application_plan()` says which candidate applies to which published vacancy and which state the
application should reach; `STATE_PATHS` gives the chain of workflow states that leads from draft to each
target, so the loader can drive every application through the real workflow service.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from concours.demo.catalogue import load_vacancies

Candidate = dict[str, Any]
PlanRow = tuple[int, str, str]

REFERENCE_YEAR: Final = 2026
REFERENCE_MONTH: Final = 11
"""The generator's "now" (November 2026): fixed, so the profiles never depend on the clock."""

EMAIL_DOMAIN: Final = "example.org"

# --------------------------------------------------------------------------------------------------------
# Application workflow

APPLICATION_STATES: tuple[str, ...] = (
    "draft",
    "submitted",
    "withdrawn",
    "screened_in",
    "screened_out",
    "longlisted",
    "shortlisted",
    "selected",
    "reserve",
    "not_selected",
)

_TO_SHORTLIST = ["submitted", "screened_in", "longlisted", "shortlisted"]

STATE_PATHS: dict[str, list[str]] = {
    "draft": [],
    "submitted": ["submitted"],
    "withdrawn": ["submitted", "withdrawn"],
    "screened_in": ["submitted", "screened_in"],
    "screened_out": ["submitted", "screened_out"],
    "longlisted": ["submitted", "screened_in", "longlisted"],
    "shortlisted": list(_TO_SHORTLIST),
    "selected": [*_TO_SHORTLIST, "selected"],
    "reserve": [*_TO_SHORTLIST, "reserve"],
    "not_selected": [*_TO_SHORTLIST, "not_selected"],
}
"""For each target state, the states an application passes through after draft, in order."""

OPEN_PHASE_STATES: frozenset[str] = frozenset(
    {"draft", "submitted", "withdrawn", "screened_in", "screened_out"}
)
"""States the plan uses for vacancies still open: longlisting and later stages wait for the deadline."""

# --------------------------------------------------------------------------------------------------------
# Reference data (NATO membership as in shared/design/domain.md, section 1)

NATO_MEMBERS: frozenset[str] = frozenset(
    (
        *("BE", "CA", "DK", "FR", "IS", "IT", "LU", "NL", "NO", "PT", "GB", "US"),  # 1949
        *("GR", "TR", "DE", "ES", "CZ", "HU", "PL"),  # 1952-1999
        *("BG", "EE", "LV", "LT", "RO", "SK", "SI", "AL", "HR", "ME", "MK", "FI", "SE"),  # 2004-2024
    )
)

NATO_LEVELS: tuple[str, ...] = ("I", "II", "III", "IV", "V", "VI")
CEFR_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2")
DEGREE_ORDER: tuple[str, ...] = ("secondary", "bachelor", "master", "doctorate")


@dataclass(frozen=True)
class Country:
    """Invented-but-plausible people data for one nationality."""

    name: str
    languages: tuple[str, ...]
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]
    """A surname, or "masculine|feminine" where the language inflects it."""
    institutions: tuple[str, ...]


COUNTRIES: dict[str, Country] = {
    "GB": Country(
        "the United Kingdom",
        ("en",),
        ("Oliver", "James", "Callum", "Thomas", "Rohan"),
        ("Amelia", "Harriet", "Eleanor", "Priya", "Fiona"),
        ("Whitfield", "Ashworth", "Okafor", "Pemberton", "Hughes", "Marsh", "Fletcher", "Khan"),
        ("University of Harrowfield", "Thamesbridge University", "Kingsmere College, University of Alderton"),
    ),
    "US": Country(
        "the United States",
        ("en",),
        ("Michael", "Tyler", "Daniel", "Marcus", "Andrew"),
        ("Jennifer", "Aisha", "Rebecca", "Lauren", "Megan"),
        ("Caldwell", "Ramirez", "Brennan", "Washington", "Nguyen", "Sorensen", "Hart", "Delgado"),
        ("Westbrook University", "Potomac School of International Affairs", "University of Cedar Falls"),
    ),
    "CA": Country(
        "Canada",
        ("en", "fr"),
        ("Étienne", "Liam", "Mathieu", "Ryan", "Olivier"),
        ("Chloé", "Sarah", "Geneviève", "Isabelle", "Megan"),
        ("Tremblay", "Gagnon", "MacLeod", "Bouchard", "Singh", "Côté", "Fraser", "Lavoie"),
        ("Université de Rivière-Claire", "Laurentian Shield University", "University of Port Hastings"),
    ),
    "FR": Country(
        "France",
        ("fr",),
        ("Julien", "Antoine", "Nicolas", "Guillaume", "Karim"),
        ("Camille", "Mathilde", "Élodie", "Inès", "Claire"),
        ("Lefebvre", "Moreau", "Girard", "Dubois", "Fontaine", "Mercier", "Benali", "Rousseau"),
        (
            "Université de Valrance",
            "Institut d'études politiques de Montclair",
            "École nationale de Saint-Aubry",
        ),
    ),
    "BE": Country(
        "Belgium",
        ("nl", "fr"),
        ("Pieter", "Wouter", "Thibault", "Bram", "Arnaud"),
        ("Lotte", "Amélie", "Sofie", "Manon", "Elke"),
        ("Peeters", "Janssens", "Dupont", "Claes", "Wouters", "Lambert", "Maes", "Renard"),
        ("Université libre de Hautmont", "Katholieke Hogeschool Scheldeland", "Universiteit Meersel"),
    ),
    "NL": Country(
        "the Netherlands",
        ("nl",),
        ("Joris", "Daan", "Ruben", "Thijs", "Sander"),
        ("Sanne", "Femke", "Eva", "Lieke", "Noor"),
        ("de Vries", "van Dijk", "Bakker", "Visser", "Smit", "van den Berg", "Mulder", "Hendriks"),
        ("Universiteit van Oosterwold", "Technische Universiteit Lingedal", "Hogeschool Zuidkust"),
    ),
    "DE": Country(
        "Germany",
        ("de",),
        ("Lukas", "Maximilian", "Felix", "Tobias", "Jonas"),
        ("Katharina", "Johanna", "Leonie", "Anja", "Miriam"),
        ("Schneider", "Becker", "Hoffmann", "Wagner", "Schäfer", "Krüger", "Neumann", "Vogel"),
        ("Universität Rheinfeld", "Technische Hochschule Elbau", "Hochschule für Verwaltung Tannberg"),
    ),
    "IT": Country(
        "Italy",
        ("it",),
        ("Alessandro", "Matteo", "Lorenzo", "Davide", "Giorgio"),
        ("Giulia", "Chiara", "Francesca", "Elena", "Valentina"),
        ("Rossi", "Bianchi", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci", "Marino"),
        (
            "Università di Valdoria",
            "Politecnico di Casalverde",
            "Scuola Superiore di Studi Internazionali di Montebruno",
        ),
    ),
    "ES": Country(
        "Spain",
        ("es",),
        ("Javier", "Alejandro", "Pablo", "Sergio", "Álvaro"),
        ("Lucía", "Marta", "Carmen", "Irene", "Nerea"),
        ("García", "Fernández", "López", "Martínez", "Sánchez", "Navarro", "Ortega", "Castillo"),
        (
            "Universidad de Villarreal del Campo",
            "Universidad Politécnica de Sierra Alta",
            "Instituto de Estudios Atlánticos",
        ),
    ),
    "PT": Country(
        "Portugal",
        ("pt",),
        ("João", "Tiago", "Rui", "Duarte", "Miguel"),
        ("Inês", "Beatriz", "Mariana", "Sofia", "Leonor"),
        ("Silva", "Santos", "Ferreira", "Pereira", "Costa", "Oliveira", "Rodrigues", "Almeida"),
        ("Universidade de Vale do Mondim", "Instituto Superior de Ribamar"),
    ),
    "PL": Country(
        "Poland",
        ("pl",),
        ("Łukasz", "Piotr", "Tomasz", "Michał", "Krzysztof"),
        ("Agnieszka", "Katarzyna", "Magdalena", "Zofia", "Joanna"),
        (
            "Nowak",
            "Wójcik",
            "Mazur",
            "Krawczyk",
            "Zając",
            "Kowalski|Kowalska",
            "Lewandowski|Lewandowska",
            "Dudek",
        ),
        (
            "Uniwersytet Nadwiślański",
            "Politechnika Borowiecka",
            "Akademia Stosunków Międzynarodowych w Lesznie Górnym",
        ),
    ),
    "RO": Country(
        "Romania",
        ("ro",),
        ("Mihai", "Alexandru", "Radu", "Bogdan", "Andrei"),
        ("Andreea", "Ioana", "Elena", "Cristina", "Raluca"),
        ("Popescu", "Ionescu", "Dumitrescu", "Stan", "Constantin", "Marinescu", "Georgescu", "Munteanu"),
        ("Universitatea din Valea Mureșului", "Academia de Studii Politice Carpatica"),
    ),
    "GR": Country(
        "Greece",
        ("el",),
        ("Georgios", "Dimitrios", "Nikolaos", "Konstantinos", "Panagiotis"),
        ("Eleni", "Maria", "Katerina", "Sofia", "Despina"),
        (
            "Papadopoulos|Papadopoulou",
            "Georgiou",
            "Nikolaidis|Nikolaidou",
            "Karagiannis|Karagianni",
            "Vlachos|Vlachou",
            "Antoniou",
        ),
        ("University of Western Thessaly at Kalampaka", "Aegean Institute of Political Studies"),
    ),
    "TR": Country(
        "Türkiye",
        ("tr",),
        ("Emre", "Mehmet", "Can", "Burak", "Kerem"),
        ("Elif", "Zeynep", "Ayşe", "Defne", "Selin"),
        ("Yılmaz", "Demir", "Şahin", "Çelik", "Aydın", "Öztürk", "Arslan", "Koç"),
        ("Anadolu Kıyı University", "Boğazbaşı Technical University"),
    ),
    "NO": Country(
        "Norway",
        ("no",),
        ("Henrik", "Magnus", "Sindre", "Eirik", "Jonas"),
        ("Ingrid", "Silje", "Marte", "Kari", "Ida"),
        ("Hansen", "Johansen", "Berg", "Haugen", "Lie", "Solberg", "Dahl", "Strand"),
        ("Universitetet i Fjellvik", "Norwegian School of Public Policy, Nordmo"),
    ),
    "DK": Country(
        "Denmark",
        ("da",),
        ("Rasmus", "Mads", "Frederik", "Søren", "Anders"),
        ("Mette", "Freja", "Line", "Astrid", "Camilla"),
        ("Nielsen", "Jensen", "Mortensen", "Kristensen", "Lund", "Holm", "Møller", "Thomsen"),
        ("Sønderhavn Universitet", "Danish Institute of Technology, Vestby"),
    ),
    "CZ": Country(
        "Czechia",
        ("cs",),
        ("Jakub", "Martin", "Ondřej", "Petr", "Tomáš"),
        ("Tereza", "Lucie", "Kateřina", "Barbora", "Veronika"),
        (
            "Novák|Nováková",
            "Svoboda|Svobodová",
            "Dvořák|Dvořáková",
            "Černý|Černá",
            "Procházka|Procházková",
            "Kučera|Kučerová",
        ),
        ("Univerzita Horní Vltavy", "Vysoká škola mezinárodních vztahů v Lipové"),
    ),
    "LT": Country(
        "Lithuania",
        ("lt",),
        ("Mantas", "Tomas", "Lukas", "Darius", "Paulius"),
        ("Rūta", "Ieva", "Gintarė", "Aistė", "Eglė"),
        (
            "Kazlauskas|Kazlauskienė",
            "Petrauskas|Petrauskienė",
            "Jankauskas|Jankauskienė",
            "Vasiliauskas|Vasiliauskienė",
        ),
        ("Nemunas Valley University", "Institute of International Relations, Pajūris"),
    ),
    "EE": Country(
        "Estonia",
        ("et",),
        ("Kristjan", "Rasmus", "Mart", "Andres", "Karl"),
        ("Liis", "Kadri", "Maarja", "Triin", "Kertu"),
        ("Tamm", "Saar", "Sepp", "Mägi", "Kask", "Kukk", "Rebane", "Ilves"),
        ("Läänemere University of Technology", "University of Rannamõisa"),
    ),
    "HU": Country(
        "Hungary",
        ("hu",),
        ("Bence", "Gábor", "Márton", "Zoltán", "Péter"),
        ("Eszter", "Réka", "Zsófia", "Anna", "Dóra"),
        ("Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga"),
        ("Tiszahát University", "Corvinus Institute of Public Service, Balatonvár"),
    ),
    "FI": Country(
        "Finland",
        ("fi", "sv"),
        ("Mikko", "Juha", "Antti", "Ville", "Eero"),
        ("Aino", "Laura", "Riikka", "Sanna", "Helmi"),
        ("Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Lehtonen", "Heikkinen"),
        ("University of Järvenmaa", "Saimaa Institute of Technology"),
    ),
    "SE": Country(
        "Sweden",
        ("sv",),
        ("Erik", "Oskar", "Gustav", "Johan", "Nils"),
        ("Ebba", "Karin", "Linnea", "Sara", "Maja"),
        ("Lindqvist", "Andersson", "Bergström", "Nyström", "Holmberg", "Sjöberg"),
        ("Norrviken University", "Royal Institute of Defence Studies, Mälarhamn"),
    ),
    # Not members of NATO: candidates with only these nationalities fail screening.
    "CH": Country(
        "Switzerland",
        ("de", "fr", "it"),
        ("Luca", "Reto", "Nicolas", "Simon", "Beat"),
        ("Séverine", "Nadia", "Corinne", "Lea", "Anouk"),
        ("Müller", "Meier", "Favre", "Bernasconi", "Keller", "Rochat"),
        ("Université de Val-de-Sorne", "Hochschule Aaretal"),
    ),
    "AT": Country(
        "Austria",
        ("de",),
        ("Florian", "Stefan", "Matthias", "Jakob", "Lukas"),
        ("Verena", "Theresa", "Magdalena", "Julia", "Katrin"),
        ("Gruber", "Huber", "Pichler", "Moser", "Steiner", "Hofer"),
        ("Universität Donauried", "Diplomatische Akademie Bergheim"),
    ),
    "IE": Country(
        "Ireland",
        ("en", "ga"),
        ("Cian", "Seán", "Eoin", "Ciarán", "Darragh"),
        ("Aoife", "Niamh", "Siobhán", "Orla", "Clodagh"),
        ("O'Brien", "Murphy", "Kelly", "Byrne", "Gallagher", "O'Sullivan", "Doyle"),
        ("University of Ballyconnel", "Shannonside Institute of Technology"),
    ),
    "JP": Country(
        "Japan",
        ("ja",),
        ("Haruto", "Kenji", "Takeshi", "Yuto", "Daiki"),
        ("Yui", "Haruka", "Aiko", "Sakura", "Misaki"),
        ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Nakamura"),
        ("Higashiyama University", "Kaigan Institute of Policy Studies"),
    ),
    "UA": Country(
        "Ukraine",
        ("uk",),
        ("Oleksandr", "Andrii", "Dmytro", "Taras", "Bohdan"),
        ("Olena", "Iryna", "Kateryna", "Oksana", "Yuliia"),
        ("Shevchenko", "Bondarenko", "Kovalenko", "Tkachenko", "Melnyk", "Kravchuk"),
        ("Dnipro Riverside University", "Institute of International Relations, Podillia"),
    ),
}

MEMBER_WEIGHTS: dict[str, int] = {
    "GB": 12, "US": 10, "FR": 11, "DE": 9, "IT": 8, "ES": 6, "BE": 7, "NL": 6, "CA": 5, "PL": 6, "RO": 4,
    "PT": 3, "GR": 3, "TR": 3, "NO": 3, "DK": 3, "CZ": 3, "LT": 2, "EE": 2, "HU": 2, "FI": 2, "SE": 2,
}  # fmt: skip
NON_MEMBERS: tuple[str, ...] = ("CH", "AT", "IE", "JP", "UA")
NON_MEMBER_SHARE: Final = 0.11
"""Share of candidates whose first nationality is not a member; about a quarter of them hold a second,
member nationality, so roughly 8-9% of all candidates cannot pass the nationality rule."""

SECOND_NATIONALITY: dict[str, tuple[str, ...]] = {
    "FR": ("CA", "BE"),
    "CA": ("FR", "GB", "US"),
    "GB": ("IE", "US", "CA"),
    "US": ("IT", "GB", "IE"),
    "IT": ("US", "CH"),
    "DE": ("AT", "PL", "TR"),
    "BE": ("NL", "FR"),
    "NL": ("BE", "DE"),
    "PL": ("DE", "LT"),
    "FI": ("SE",),
    "SE": ("FI", "NO"),
    "ES": ("PT",),
    "PT": ("ES", "FR"),
    "GR": ("CA",),
    "TR": ("DE",),
    "CH": ("FR", "IT", "DE"),
    "AT": ("DE",),
    "IE": ("GB",),
    "UA": ("PL", "CA"),
    "JP": ("US",),
}

# --------------------------------------------------------------------------------------------------------
# Careers

TAG = str


@dataclass(frozen=True)
class Track:
    """A line of work: its post titles by seniority rank (0 junior .. 4 executive), employers and tags."""

    titles: tuple[str, str, str, str, str]
    employers: tuple[str, ...]
    """`{country}` is replaced by the candidate's country name."""
    tags: tuple[TAG, ...]
    fields: tuple[str, ...]
    weight: int


TRACKS: dict[str, Track] = {
    "diplomatic": Track(
        ("Attaché", "Desk Officer", "First Secretary", "Counsellor", "Deputy Head of Mission"),
        (
            "Ministry of Foreign Affairs of {country}",
            "Embassy of {country} in Vienna",
            "Permanent Delegation of {country} to NATO",
            "Permanent Mission of {country} to the OSCE",
        ),
        ("diplomatic", "policy", "political_analysis"),
        ("International Relations", "Political Science", "Law", "History", "Economics"),
        15,
    ),
    "defence": Track(
        (
            "Junior Analyst, Defence Planning",
            "Capability Planner",
            "Programme Manager, Armaments",
            "Head of Armaments Cooperation",
            "Deputy National Armaments Director",
        ),
        (
            "Ministry of Defence of {country}",
            "Defence Materiel Organisation of {country}",
            "Permanent Delegation of {country} to NATO",
            "Armed Forces of {country}",
        ),
        ("defence", "policy"),
        (
            "Mechanical Engineering",
            "Defence Studies",
            "Economics",
            "Systems Engineering",
            "Public Administration",
        ),
        17,
    ),
    "security": Track(
        (
            "Security Analyst",
            "Security Engineer",
            "Senior Security Engineer",
            "Lead Security Architect",
            "Head of Security Engineering",
        ),
        (
            "National Cyber Security Centre of {country}",
            "Northgate Secure Systems",
            "Bastion Networks",
            "Helix Defence Technologies",
            "NATO Communications and Information Agency",
        ),
        ("security",),
        ("Computer Science", "Electrical Engineering", "Information Security", "Mathematics"),
        15,
    ),
    "international": Track(
        (
            "Associate Programme Officer",
            "Programme Officer",
            "Political Affairs Officer",
            "Senior Political Adviser",
            "Head of Unit",
        ),
        (
            "OSCE Secretariat",
            "European External Action Service",
            "United Nations Office at Geneva",
            "Council of Europe",
            "NATO International Staff",
        ),
        ("international_organisation", "multilateral", "policy", "political_analysis"),
        ("International Relations", "European Studies", "Political Science", "Economics"),
        15,
    ),
    "legal": Track(
        (
            "Legal Assistant",
            "Legal Officer",
            "Data Protection Counsel",
            "Senior Legal Adviser",
            "Head of Legal Affairs",
        ),
        (
            "Data Protection Authority of {country}",
            "Ministry of Justice of {country}",
            "Vermeer & Castell LLP",
            "Aldwin Partners",
            "European Data Protection Supervisor",
        ),
        ("policy",),
        ("Law", "European Law", "Information Law", "Public International Law"),
        10,
    ),
    "admin": Track(
        (
            "Administrative Assistant",
            "Team Assistant",
            "Executive Assistant",
            "Senior Executive Assistant",
            "Office Manager",
        ),
        (
            "Ministry of Foreign Affairs of {country}",
            "European External Action Service",
            "Harlow & Finch Consulting",
            "Permanent Delegation of {country} to NATO",
            "NATO International Staff",
        ),
        (),
        ("Office Administration", "Business Administration", "Languages and Translation", "Communication"),
        13,
    ),
    "research": Track(
        (
            "Research Assistant",
            "Research Fellow",
            "Senior Research Fellow",
            "Programme Director",
            "Director of Studies",
        ),
        (
            "Institute for Atlantic Security Studies",
            "Centre for Strategic Resilience",
            "Institute of International Affairs of {country}",
        ),
        ("political_analysis", "security", "policy"),
        ("International Relations", "Security Studies", "Political Science", "History"),
        7,
    ),
    "civil": Track(
        (
            "Emergency Planning Officer",
            "Crisis Management Officer",
            "Head of Crisis Coordination",
            "Director of Civil Protection",
            "Director-General, Civil Protection",
        ),
        (
            "National Crisis Centre of {country}",
            "Ministry of the Interior of {country}",
            "Civil Protection Agency of {country}",
        ),
        ("security", "policy"),
        ("Public Administration", "Emergency Management", "Geography", "Public Health"),
        8,
    ),
}

NEIGHBOUR_TRACKS: dict[str, tuple[str, ...]] = {
    "diplomatic": ("international", "research"),
    "defence": ("security", "international", "civil"),
    "security": ("defence",),
    "international": ("diplomatic", "research"),
    "legal": ("international",),
    "admin": ("admin",),
    "research": ("international", "diplomatic"),
    "civil": ("defence", "diplomatic"),
}

MULTILATERAL_EMPLOYERS = ("NATO", "OSCE", "European", "United Nations", "Council of Europe", "Permanent")
IO_EMPLOYERS = ("NATO", "OSCE", "European", "United Nations", "Council of Europe")


# --------------------------------------------------------------------------------------------------------
# Generation


def _ascii(text: str) -> str:
    """Lower-case ASCII for e-mail addresses: accents dropped, spaces and apostrophes removed."""
    special = str.maketrans(
        {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "ß": "ss", "ı": "i", "đ": "d"}
    )
    folded = unicodedata.normalize("NFKD", text.translate(special)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9-]", "", folded.lower())


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _pick_nationalities(rng: random.Random) -> list[str]:
    if rng.random() < NON_MEMBER_SHARE:
        first = rng.choice(NON_MEMBERS)
        dual = rng.random() < 0.2
    else:
        codes = list(MEMBER_WEIGHTS)
        first = rng.choices(codes, weights=[MEMBER_WEIGHTS[c] for c in codes])[0]
        dual = rng.random() < 0.08
    nationalities = [first]
    if dual and first in SECOND_NATIONALITY:
        nationalities.append(rng.choice(SECOND_NATIONALITY[first]))
    return nationalities


def _level(rng: random.Random, weights: Sequence[int]) -> int:
    """A NATO level index 0..5 (I..VI), drawn with the given weights, or -1 for none."""
    return rng.choices(range(-1, 6), weights=weights)[0]


def _languages(rng: random.Random, country: Country) -> list[dict[str, str]]:
    native = rng.choice(country.languages)
    en = 5 if native == "en" else _level(rng, (0, 0, 1, 6, 18, 45, 30))
    fr = 5 if native == "fr" else _level(rng, (5, 10, 15, 20, 18, 20, 12))
    use_cefr = rng.random() < 0.06
    out: list[dict[str, str]] = []
    for code, index in (("en", en), ("fr", fr)):
        if index < 0:
            continue
        if use_cefr:
            out.append({"language": code, "scale": "CEFR", "level": CEFR_LEVELS[index]})
        else:
            out.append({"language": code, "scale": "NATO", "level": NATO_LEVELS[index]})
    if native not in ("en", "fr"):
        out.append({"language": native, "scale": "NATO", "level": "VI"})
    if rng.random() < 0.25:
        extra = rng.choice([code for code in ("de", "es", "it", "ru", "pl", "ar") if code != native])
        out.append({"language": extra, "scale": "CEFR", "level": rng.choice(("B1", "B2", "C1"))})
    return out


def _rank(years_in: float, seniority_cap: int) -> int:
    for rank, limit in enumerate((3, 7, 12, 18)):
        if years_in < limit:
            return min(rank, seniority_cap)
    return min(4, seniority_cap)


def _post(
    rng: random.Random,
    *,
    track_name: str,
    rank: int,
    country: Country,
    start: tuple[int, int],
    end: tuple[int, int] | None,
    serving: bool,
) -> dict[str, Any]:
    track = TRACKS[track_name]
    employer = rng.choice(track.employers).format(country=country.name)
    if serving:
        employer = (
            "NATO Communications and Information Agency"
            if track_name == "security"
            else "NATO International Staff"
        )
    tags: set[str] = set(track.tags)
    if any(word in employer for word in MULTILATERAL_EMPLOYERS):
        tags.add("multilateral")
    if any(word in employer for word in IO_EMPLOYERS):
        tags.add("international_organisation")
    if "NATO" in employer or "Defence" in employer or "Armed Forces" in employer:
        tags.add("defence")
    if rank >= 2 and track_name != "admin":
        tags.add("management")
    if rank >= 3:
        tags.add("senior")
        if rng.random() < 0.5:
            tags.add("chairing")
        if rng.random() < 0.4:
            tags.add("change_management")
    if track_name == "admin" and rank == 4:
        tags.add("management")
    post: dict[str, Any] = {
        "start": _month(*start),
        "end": None if end is None else _month(*end),
        "title": track.titles[rank],
        "employer": employer,
    }
    if rng.random() < 0.1:
        post["fte"] = rng.choice((0.5, 0.8))
    post["tags"] = sorted(tags)
    return post


def _career(
    rng: random.Random, *, track_name: str, country: Country, serving: bool
) -> tuple[list[dict[str, Any]], int]:
    """Dated posts, oldest first, and the year the career started."""
    if track_name == "admin":
        years = rng.randint(3, 20)
        cap = 4 if years > 14 else 3
    else:
        band = rng.choices(("junior", "mid", "senior"), weights=(30, 40, 30))[0]
        years = {"junior": rng.randint(3, 8), "mid": rng.randint(9, 16), "senior": rng.randint(17, 30)}[band]
        cap = 4
    count = max(2, min(6, rng.randint(2, 2 + years // 4)))
    total = years * 12
    shares = [rng.uniform(0.6, 1.6) for _ in range(count)]
    bounds = [0]
    for share in shares[:-1]:
        bounds.append(bounds[-1] + max(6, round(total * share / sum(shares))))
    bounds.append(max(total, bounds[-1] + 6))
    total = bounds[-1]
    start_year, start_month = _add_months(REFERENCE_YEAR, REFERENCE_MONTH, -total)
    posts: list[dict[str, Any]] = []
    neighbours = NEIGHBOUR_TRACKS[track_name]
    for index in range(len(bounds) - 1):
        begin, finish = bounds[index], bounds[index + 1]
        if index > 0 and rng.random() < 0.15:
            begin -= rng.randint(1, 4)  # overlaps the previous post: a hand-over or a notice period
        elif index > 0 and rng.random() < 0.15:
            begin += min(rng.randint(1, 5), max(0, finish - begin - 3))  # a short gap between posts
        last = index == len(bounds) - 2
        this_track = track_name if rng.random() < 0.75 else rng.choice(neighbours)
        end: tuple[int, int] | None = _add_months(start_year, start_month, finish - 1)
        if last:
            left_early = min(rng.randint(1, 8), finish - begin - 3)
            end = None if rng.random() < 0.8 else _add_months(start_year, start_month, finish - left_early)
        posts.append(
            _post(
                rng,
                track_name=this_track,
                rank=_rank(begin / 12, cap),
                country=country,
                start=_add_months(start_year, start_month, begin),
                end=end,
                serving=serving and last,
            )
        )
    if years > 6 and len(posts) < 6 and rng.random() < 0.1:
        side_start = _add_months(start_year, start_month, rng.randint(12, total - 12))
        posts.append(
            {
                "start": _month(*side_start),
                "end": _month(*_add_months(*side_start, rng.randint(6, 24))),
                "title": "Visiting Lecturer",
                "employer": rng.choice(country.institutions),
                "fte": 0.5,
                "tags": ["policy"] if track_name != "security" else ["security"],
            }
        )
        posts.sort(key=lambda post: str(post["start"]))
    return posts, start_year


def _education(
    rng: random.Random, *, track_name: str, country: Country, career_start: int
) -> list[dict[str, Any]]:
    track = TRACKS[track_name]
    institution = rng.choice(country.institutions)
    if track_name == "admin" and rng.random() < 0.45:
        return [
            {
                "level": "secondary",
                "field": rng.choice(("Office Administration", "General Studies", "Languages")),
                "institution": f"Secondary school, {country.name}",
                "completed": _month(career_start - 1, 6),
            }
        ]
    field = rng.choice(track.fields)
    bachelor_year = career_start - rng.choice((0, 1, 2))
    out: list[dict[str, Any]] = [
        {
            "level": "bachelor",
            "field": field,
            "institution": institution,
            "completed": _month(bachelor_year, 6),
        }
    ]
    if track_name == "admin" or rng.random() > 0.75:
        return out
    master_year = bachelor_year + rng.choice((1, 2))
    studying = master_year > REFERENCE_YEAR or rng.random() < 0.03
    out.append(
        {
            "level": "master",
            "field": rng.choice(track.fields),
            "institution": rng.choice(country.institutions),
            "completed": None
            if studying
            else _month(min(master_year, REFERENCE_YEAR), rng.choice((6, 7, 9))),
        }
    )
    if (
        not studying
        and track_name in ("research", "diplomatic", "international", "legal")
        and rng.random() < 0.2
    ):
        out.append(
            {
                "level": "doctorate",
                "field": rng.choice(track.fields),
                "institution": rng.choice(country.institutions),
                "completed": _month(min(master_year + rng.randint(3, 6), REFERENCE_YEAR), rng.randint(1, 12)),
            }
        )
    return out


def generate_candidates(count: int = 240, *, seed: int = 2026) -> list[Candidate]:
    """`count` candidate profiles, the same for the same seed, in candidate.schema.json shape with name and
    e-mail (`firstname.lastname.N@example.org`, N the 1-based position, so addresses are unique)."""
    rng = random.Random(seed)
    track_names = list(TRACKS)
    track_weights = [TRACKS[name].weight for name in track_names]
    candidates: list[Candidate] = []
    for number in range(1, count + 1):
        nationalities = _pick_nationalities(rng)
        country = COUNTRIES[nationalities[0]]
        female = rng.random() < 0.5
        first = rng.choice(country.female if female else country.male)
        surname_forms = rng.choice(country.surnames).split("|")
        last = surname_forms[-1] if female else surname_forms[0]
        track_name = rng.choices(track_names, weights=track_weights)[0]
        is_member = any(code in NATO_MEMBERS for code in nationalities)
        serving = is_member and rng.random() < 0.08
        experience, career_start = _career(rng, track_name=track_name, country=country, serving=serving)
        senior = any("senior" in post["tags"] for post in experience)
        seconded_by = None
        if is_member and senior and track_name in ("diplomatic", "defence", "civil") and rng.random() < 0.2:
            seconded_by = next(code for code in nationalities if code in NATO_MEMBERS)
        candidates.append(
            {
                "id": f"demo-{number:04d}",
                "name": f"{first} {last}",
                "email": f"{_ascii(first)}.{_ascii(last)}.{number}@{EMAIL_DOMAIN}",
                "nationalities": nationalities,
                "languages": _languages(rng, country),
                "education": _education(
                    rng, track_name=track_name, country=country, career_start=career_start
                ),
                "experience": experience,
                "serving_staff": serving,
                "seconded_by": seconded_by,
            }
        )
    return candidates


# --------------------------------------------------------------------------------------------------------
# Application plan

AFFINITY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "260114": (("Armament", "Capability", "Programme Manager", "Defence Planning"), ("defence",)),
    "260127": (("Political", "Research", "Security Analyst", "Crisis"), ("political_analysis", "security")),
    "260139": (("Crisis", "Civil Protection", "Emergency", "Deputy Head of Mission"), ("senior", "chairing")),
    "260142": (("Legal", "Data Protection"), ()),
    "260151": (("Assistant", "Office Manager"), ()),
    "260163": (("Security Engineer", "Security Architect", "Security Analyst", "Security Engineering"), ()),
}
"""Which demo vacancies a profile is drawn to: words in its post titles, then tags of its posts."""


@dataclass(frozen=True)
class _Vacancy:
    reference: str
    posts: int
    closed: bool
    languages: Mapping[str, Any] | None
    min_years: float
    min_degree: str | None


def _months_worked(candidate: Candidate) -> int:
    """Months covered by at least one post, up to the reference month (overlaps counted once)."""
    months: set[int] = set()
    now = REFERENCE_YEAR * 12 + REFERENCE_MONTH - 1
    for post in candidate["experience"]:
        start_year, start_month = (int(part) for part in str(post["start"])[:7].split("-"))
        end = post.get("end")
        if end is None:
            stop = now
        else:
            end_year, end_month = (int(part) for part in str(end)[:7].split("-"))
            stop = end_year * 12 + end_month - 1
        months.update(range(start_year * 12 + start_month - 1, stop + 1))
    return len(months)


def _screening_guess(candidate: Candidate, vacancy: _Vacancy) -> str:
    """ "eligible", "ineligible" or "review": a rough preview of screening, so planned outcomes look sane."""
    if not any(code in NATO_MEMBERS for code in candidate["nationalities"]):
        return "ineligible"
    if _months_worked(candidate) < vacancy.min_years * 12:
        return "ineligible"
    if vacancy.min_degree is not None:
        levels = [
            DEGREE_ORDER.index(item["level"]) for item in candidate["education"] if item.get("completed")
        ]
        if not levels or max(levels) < DEGREE_ORDER.index(vacancy.min_degree):
            return "ineligible"
    if not vacancy.languages:
        return "eligible"
    held: dict[str, int] = {}
    for item in candidate["languages"]:
        if item.get("scale", "NATO") != "NATO" and item["language"] in ("en", "fr"):
            return "review"
        if item["level"] in NATO_LEVELS:
            held[item["language"]] = NATO_LEVELS.index(item["level"])
    for alternative in vacancy.languages.get("any_of", []):
        if all(
            held.get(need["language"], -1) >= NATO_LEVELS.index(need["min_level"]) for need in alternative
        ):
            return "eligible"
    return "ineligible"


def _affinity(candidate: Candidate, reference: str) -> float:
    words, tags = AFFINITY.get(reference, ((), ()))
    titles = " ".join(str(post.get("title", "")) for post in candidate["experience"])
    held = {tag for post in candidate["experience"] for tag in post.get("tags", [])}
    score = 0.35
    if any(word in titles for word in words):
        score += 4.0
    score += 0.6 * len(held.intersection(tags))
    return score


def _strength(candidate: Candidate, rng: random.Random) -> float:
    years = _months_worked(candidate) / 12
    levels = [
        NATO_LEVELS.index(item["level"]) for item in candidate["languages"] if item["level"] in NATO_LEVELS
    ]
    return min(years, 20) + sum(sorted(levels, reverse=True)[:2]) + rng.uniform(0, 6)


def _vacancy_index(
    vacancy_refs: Sequence[str], vacancies: Sequence[Mapping[str, Any]] | None
) -> list[_Vacancy]:
    known = {str(item["reference"]): item for item in (load_vacancies() if vacancies is None else vacancies)}
    out: list[_Vacancy] = []
    for reference in dict.fromkeys(vacancy_refs):
        notice = known.get(reference)
        if notice is None:  # a vacancy the demo does not know: taken as published, open, one post
            out.append(_Vacancy(reference, 1, False, None, 0, None))
            continue
        if notice.get("status", "published") != "published":
            continue
        degree = notice.get("degree") or {}
        out.append(
            _Vacancy(
                reference=reference,
                posts=max(1, len(notice.get("posts") or [])),
                closed=int(notice.get("deadline_offset_days", 1)) < 0,
                languages=notice.get("languages"),
                min_years=float(notice.get("min_years_experience") or 0),
                min_degree=degree.get("min_level"),
            )
        )
    return out


def _share(pool: list[int], fraction: float) -> tuple[list[int], list[int]]:
    cut = round(len(pool) * fraction)
    return pool[:cut], pool[cut:]


def _open_states(applicants: list[int], guesses: dict[int, str], rng: random.Random) -> dict[int, str]:
    states: dict[int, str] = {}
    drafts, rest = _share(applicants, 0.10)
    withdrawn, rest = _share(rest, 0.05)
    states.update(dict.fromkeys(drafts, "draft"))
    states.update(dict.fromkeys(withdrawn, "withdrawn"))
    for index in rest:
        roll = rng.random()
        if guesses[index] == "ineligible":
            states[index] = "screened_out" if roll < 0.7 else "submitted"
        elif guesses[index] == "review":
            states[index] = "submitted"
        else:
            states[index] = "screened_in" if roll < 0.45 else ("screened_out" if roll < 0.5 else "submitted")
    return states


def _closed_states(
    applicants: list[int],
    guesses: dict[int, str],
    vacancy: _Vacancy,
    candidates: Sequence[Candidate],
    rng: random.Random,
) -> dict[int, str]:
    states: dict[int, str] = {}
    drafts, rest = _share(applicants, 0.06)
    withdrawn, rest = _share(rest, 0.05)
    states.update(dict.fromkeys(drafts, "draft"))
    states.update(dict.fromkeys(withdrawn, "withdrawn"))
    passed: list[int] = []
    for index in rest:
        guess = guesses[index]
        if guess == "eligible" or (guess == "review" and rng.random() < 0.5):
            passed.append(index)
        else:
            states[index] = "screened_out"
    passed.sort(key=lambda index: _strength(candidates[index], rng), reverse=True)
    ladder = (
        ("selected", vacancy.posts),
        ("reserve", 2),
        ("not_selected", 4),
        ("shortlisted", 2),
        ("longlisted", max(6, len(passed) // 3)),
    )
    position = 0
    for state, size in ladder:
        for index in passed[position : position + size]:
            states[index] = state
        position += size
    for index in passed[position:]:
        states[index] = "screened_in"
    return states


def application_plan(
    candidates: Sequence[Candidate],
    vacancy_refs: Sequence[str],
    *,
    seed: int = 2026,
    vacancies: Sequence[Mapping[str, Any]] | None = None,
) -> list[PlanRow]:
    """(candidate index, vacancy reference, target state) for every demo application.

    Only published vacancies receive applications (status from `vacancies`, by default the demo catalogue;
    an unknown reference is taken as a published, open, one-post vacancy); a candidate applies at most once
    to each. Open vacancies only reach the states in OPEN_PHASE_STATES. A closed vacancy (negative
    deadline offset) runs the whole funnel: at most one `selected` per post and two on the `reserve` list.
    Outcomes follow a rough preview of screening, so non-members and under-qualified profiles are the ones
    screened out. Rows are ordered by vacancy, then candidate index.
    """
    rng = random.Random(f"concours-demo-plan-{seed}")
    targets = _vacancy_index(vacancy_refs, vacancies)
    if not targets:
        return []
    chosen: dict[str, list[int]] = {vacancy.reference: [] for vacancy in targets}
    for index, candidate in enumerate(candidates):
        if rng.random() < 0.05:
            continue  # registered, never applied
        wanted = min(len(targets), rng.choices((1, 2, 3), weights=(55, 33, 12))[0])
        pool = list(targets)
        weights = [_affinity(candidate, vacancy.reference) for vacancy in pool]
        for _ in range(wanted):
            pick = rng.choices(range(len(pool)), weights=weights)[0]
            chosen[pool[pick].reference].append(index)
            del pool[pick], weights[pick]
    plan: list[PlanRow] = []
    for vacancy in targets:
        applicants = list(chosen[vacancy.reference])
        rng.shuffle(applicants)
        guesses = {index: _screening_guess(candidates[index], vacancy) for index in applicants}
        if vacancy.closed:
            states = _closed_states(applicants, guesses, vacancy, candidates, rng)
        else:
            states = _open_states(applicants, guesses, rng)
        plan.extend((index, vacancy.reference, states[index]) for index in sorted(states))
    return plan
