"""The post's title and the notice's reference, as organisations and boards print them.

The title is read, in this order, from: a title field ("Job Title:", "Intitulé publication:", "Name of
the post:" with its wrapped lines, "Position and Grade:", "Vacancy:"); the line after a "Job
Description" heading; a recruiting sentence ("NATO seeks ...", "We are seeking a ... Scientist", "for
the post of ...", "The position ... is vacant"); the notice's first line of its own (after the board's
navigation, sign-up bars and field lines); a line near the top that names a post ("Officer",
"Conseiller", ...); last, a sentence that makes the post its subject ("The ... Officer works ...").

Boards and systems add to a title what is not the post's: its place (", Juba, Soudan du Sud"), grade
(", P5", "(AST2)", "NOB"), contract ("Temporaire", ", TA"), position number ("#132749"), length ("(364
days)"), tier or eligibility notes ("(Open to external applicants)"), "(H/F)", reference ("-190483",
"- Job No 487229"). They are taken off, and the place, grade and reference they give are kept for the
fields they belong to. A unit after a comma ("Officer, Digital Backbone ...") and a post count ("(2
posts)") are the title's own and stay.

The reference is the vacancy number as written: a vacancy number field first ("Vacancy Notice No:",
"No de l'appel à candidature:", "STAFF VACANCY 250974"), then a job or requisition number ("Job no:",
"Requisition ID:"), then the number boards print beside the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from concours.kernel.notices.dates import find_dates
from concours.kernel.notices.employers import names_employer
from concours.kernel.notices.grades import GRADE_CODE_RE, grade_code
from concours.kernel.notices.places import is_place, split_place
from concours.kernel.notices.sections import Label, Line, Notice, squash
from concours.kernel.notices.vocabulary import BOARD_NOISE, CONTRACT_WORDS, JOB_WORDS, fold, fold_aligned

_WORDS_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NOISE_LINE_RE = re.compile(
    r"^(?:this job (?:posting|listing)|apply (?:now|later)|job description$|position description$|"
    r"vacancy notice$|vacancy announcement$|avis de vacance(?: de poste)?$|job opening$|share\b|print\b|"
    r"home\b|menu\b|skip to|sign in|log in|search\b|back to|previous job|cookies?\b|we use cookies|accept\b|"
    r"\d+ total views|job stats|careers?$|jobs?$|vacancies$|offres d'emploi|emplois?$|latest$|"
    r"duty stations$|organi[sz]ations$|description$|details$|general$|"
    r".*\b(?:sign in|log in|se connecter|connexion)\b|nato\s*-\s*(?:otan|north atlantic)|"
    r"otan\s*-\s*nato|recrutement$|recruitment$|postuler|partager|imprimer|vacancy notification|"
    # "Vacancy in the Directorate of ...": where the post is, not what it is
    r"vacanc(?:y|ies) (?:in|at|within) )",
)
# A bar of a board's buttons, and the buttons (folded).
_BAR_SPLIT_RE = re.compile(r"\s*\|\s*|\s{2,}|\t")
_BUTTONS = frozenset(
    ("save", "apply", "share", "print", "email", "save job", "apply now", "sign in", "search jobs", "login",
     "postuler", "partager", "imprimer", "sauvegarder", "enregistrer", "favoris", "alert", "job alert")
)  # fmt: skip
# A board's or an organisation's page name: "UNHCR Careers", "OCDE – Offres d'emploi", "Careers at EMA".
_CAREERS_RE = re.compile(
    r"^(?:(?P<name>.{2,60}?)\s*[-–—|:]?\s*(?:Careers?|Jobs|Vacancies|Recruitment|Offres d['’]emploi|"
    r"Emplois|Carrières|Recrutement)|(?:Careers?|Jobs|Vacancies|Carrières) (?:at|with|à|au|chez) "
    r"(?P<after>.{2,60}))$",
    re.IGNORECASE,
)
_JOB_DESCRIPTION_RE = re.compile(
    r"^Job Description\s*[-–:]\s*(?P<title>.+?)\s*(?:\((?P<ref>[\w/.-]+)\))?\s*$"
)
_JOB_DESCRIPTION_HEADINGS = frozenset(
    ("job description", "description de l'emploi", "description du poste", "description de poste")
)
# A board's list of posts: "Poste 1 : Spécialiste SIG – (2210482)", "Position 1: ..." (the first is read).
_NUMBERED_POST_RE = re.compile(r"^(?:Poste|Post|Position|Job)\s*(?:n°\s*)?\d{1,2}\s*[:：]\s*(?P<title>\S.+)$")
_VACANCY_FIELD_RE = re.compile(
    r"^(?:[A-Z]{2,8}\s+)?(?:Vacancy|VACANCY)(?:\s+(?:Notice|NOTICE|Announcement|ANNOUNCEMENT))?\s*:\s*"
    r"(?P<title>[A-Za-zÀ-ÿ].+)$"
)
# How a recruiting sentence introduces the post; the title is the capitalised run after it.
_RECRUITING_RE = re.compile(
    r"\b(?:seeks|is seeking|are seeking|we are looking for|recrute(?: pour le poste de| au poste de)?|"
    r"recherche|for the (?:post|position) of|pour le poste d[e'’]|au poste d[e'’]|"
    r"the (?:position|post)(?: of)?)\s+(?:an?\s+|une?\s+|the\s+)?",
    re.IGNORECASE,
)
_VACANT_RE = re.compile(r"^(?P<run>.+?)\s+(?:is|est)\s+(?:vacant|available|open)\b")
_SUBJECT_RE = re.compile(
    r"(?:^|(?<=[.!?]\s))The\s+(?P<run>(?:[A-Z][\w'’/&-]*\s+){0,7}?[A-Z][\w'’/&-]*)"
    r"(?:\s+\([A-Z]{2,6}\))?\s+(?:works|will (?:serve|be responsible|support|lead|assist|provide|work)|"
    r"is responsible|serves|provides|supports|assists|leads|reports to|carries out)\b"
)
# Words that may join the capitalised words of a title ("Director of the Office", "Agent – Operations").
_JOINERS = frozenset(
    [
        "of",
        "for",
        "and",
        "the",
        "in",
        "on",
        "to",
        "at",
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l",
        "d",
        "en",
        "et",
        "à",
        "au",
        "aux",
        "&",
        "-",
        "–",
        "/",
        "sur",
        "pour",
    ]
)
_RUN_TOKEN_RE = re.compile(r"\(?[\w'’&/-]+\)?|[–-]|&|[,;:.!?]")
_PARENTHESIS_RE = re.compile(r"\s*\((?P<inner>[^()]*)\)")
_TIER_WORDS_RE = re.compile(
    r"applicants?|candidates?|internal|external|open to|nationals?|tier|re-?advert|readvert|only|"
    r"uniquement|ouvert|h/f|f/h|m/f|f/m|m/w|m/f/d|w/m|days|jours|months|mois|temporary|fixed|roster",
    re.IGNORECASE,
)
_POSTS_RE = re.compile(r"^\d+\s+(?:posts?|positions?|postes?)$", re.IGNORECASE)
_POSITION_NUMBER_RE = re.compile(r"\s*#\s*\d{4,}.*$")
_SEGMENT_SPLIT_RE = re.compile(r"\s+[-–—]\s+|\s*[-–—]\s+(?=\S)|(?<=\d)-\s*(?=[A-Z])")
# What a board or a notice writes before the post, then a dash: "Offre d'emploi – ...", "Job offer - ...",
# a competition's or vacancy's code ("EPSO/AD/412/26 — ...").
_LEADING_WORDS_RE = re.compile(
    r"^(?:job offer|offre d['’]emploi|offre|vacancy(?: notice)?|avis de vacance(?: de poste)?|job opening|"
    r"recrutement|recruitment|open competition|concours(?: general)?|appel a candidatures?|call for "
    r"applications|we are hiring|nous recrutons)$"
)
_LEADING_CODE_RE = re.compile(r"^(?=[\w./-]*\d)[A-Z][A-Za-z]*(?:[/.-][\w]+){2,}$")
_TRAILING_REFERENCE_RE = re.compile(r"\s*(?:[-–]\s*#?|\(\s*#?)(?P<ref>\d{5,7})\)?\s*$")
_JOB_NUMBER_RE = re.compile(
    r"^(?:Job|Vacancy|Req(?:uisition)?)\s*(?:No\.?|#|ID|Number)\s*:?\s*(?P<ref>\S+)$", re.I
)
_CODE_SEGMENT_RE = re.compile(r"^[A-Z0-9]+(?:\.[A-Z0-9]+)+$")
_FIELD_LINE_RE = re.compile(r"^[A-ZÀ-Ý][\w /&()'’.-]{1,40}?\s?[:：]")
_CONSULTANCY_CODE_RE = re.compile(r"\s+(?P<grade>CST\s?(?:IV|III|II|I))(?:\s+WAE)?(?=\s|$)|\s+WAE(?=\s|$)")
# Where a table's cells meet on a line of text (tabs become two spaces in normalise()).
_CELL_GAP_RE = re.compile(r"\S(?:\t|\s{2,})(?=\S)")
_QUOTES = "\"'“”«»‘’"
_HEADLINE_RE = re.compile(r"(?<=[a-z0-9])\.\s+(?=[A-Z])")
_REQUISITION_RE = re.compile(r"^(?P<ref>[A-Z0-9][\w/.-]*)\s+Requisition\s*#?\s*$", re.IGNORECASE)
_ID_AND_UNIT_RE = re.compile(r"^(?P<ref>\d{4,8})\s*\|\s*[A-Z][A-Za-z]{1,8}$")
_VACANCY_NUMBER_RE = re.compile(
    r"\b(?:(?:staff\s+)?vacancy(?:\s+(?:notice|announcement))?|VN|avis de vacance|vacance de poste)"
    r"\s*(?:no\.?|n°|nº|number|num[ée]ro|#)\s*:?\s*(?P<ref>[A-Za-z0-9][\w/.-]*\d[\w/.-]*)"
    r"|\bstaff\s+vacancy\s+(?P<staff>\d[\w/.-]*)"
    # "VACANCY NOTICE PE/312/S", "Civilian Vacancy SHAPE 26/145", "Appel à candidatures n° 2026/OIF/19"
    r"|\b(?:civilian\s+)?vacancy(?:\s+notice)?\s+(?P<code>[A-Z]{1,8}(?:/| )[\w/.-]*\d[\w/.-]*)"
    r"|\bappel à candidatures?\s+(?:n°|nº|no\.?)\s*(?P<call>[\w/.-]*\d[\w/.-]*)",
    re.IGNORECASE,
)
# Where a reference field's value ends: a wide gap, or a dash or colon before words ("26/05 : Assistant").
_AFTER_REFERENCE_RE = re.compile(r"\s{2,}|\s+[-–]\s+(?=[A-Z][a-z])|\s*[:：]\s+(?=[A-ZÀ-Ý][a-zà-ÿ])")
_AFTER_NUMBER_RE = re.compile(r"\s*[-–:]\s*(?P<title>\S.+)$")
_VACANCY_NUMBER_STARTS = (
    "vacancy",
    "vn",
    "avis de vacance",
    "vacance de poste",
    "staff vacancy",
    "civilian vacancy",
    "appel à candidature",
)
# Reference fields: a vacancy's own number before a job or requisition id (ILO's "Vacancy no." over its
# "Job ID"). Each label (folded) with its rank, lower first.
_JOB_ID_LABELS = frozenset(
    ("requisition", "requisition #", "requisition number", "requisition id", "job requisition id", "job id",
     "id", "job no", "job number", "job #", "job opening id", "reference", "reference number", "ref",
     "ref.")
)  # fmt: skip
_UNIT_NAME_RE = re.compile(
    r"\b(?:Office|Division|Department|Directorate|Bureau|Bureau régional|Direction|Département)\b"
)
_TITLE_WORD_RE = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ]{2,}$")
_DATE_AFTER_REFERENCE_RE = re.compile(r"\s+(?:du|of|dated|de)\s+\d{1,2}(?:er)?\s+\S+\s+\d{4}\s*$", re.I)


@dataclass
class Title:
    """A title with what was taken off it: its place, grade and reference, as written."""

    text: str
    end: int
    places: list[str] = field(default_factory=list)
    grade: str | None = None
    reference: str | None = None


def _folded_words(text: str) -> list[str]:
    return [fold(word) for word in _WORDS_RE.findall(text)]


def has_job_word(text: str) -> bool:
    """Whether `text` names a post: one of its words is a job noun ("Officer", "Conseillère", "Agents")."""
    for word in _folded_words(text):
        if word in JOB_WORDS or (word.endswith("s") and word[:-1] in JOB_WORDS):
            return True
        if "-" in word and any(part in JOB_WORDS for part in word.split("-")):
            return True
    return False


def is_noise(text: str) -> bool:
    """Whether a line is a board's (navigation, sign-up, cookie banner, expiry notice, breadcrumb, a bar
    of buttons, "<Organisation> Careers")."""
    folded = fold_aligned(text.strip(" •-*·"))
    if _NOISE_LINE_RE.match(folded) or any(phrase in folded for phrase in BOARD_NOISE):
        return True
    if folded.count(" > ") + folded.count("›") + folded.count(" » ") >= 2:
        return True  # "Home > Jobs > Tunisia", "Accueil > Offres d'emploi > ..."
    segments = [segment for segment in _BAR_SPLIT_RE.split(folded) if segment]
    if len(segments) >= 2 and 2 * sum(segment in _BUTTONS for segment in segments) >= len(segments):
        return True  # "Jobs in Brussels | Save | Apply", "Postuler   Partager   Imprimer"
    careers = _CAREERS_RE.match(text.strip())
    return bool(careers and names_employer(careers.group("name") or careers.group("after") or ""))


def _title_like(text: str) -> bool:
    if not 3 <= len(text) <= 160 or text[0].isdigit() or "http" in text or "www." in text:
        return False
    if text.endswith((".", ":", "：", ";", "!", "?", ",")) and not text.endswith(("etc.", ")")):
        return False
    words = text.split()
    if len(words) > 22 or sum(1 for c in text if c.isalpha()) < 4:
        return False
    if not (text[0].isupper() or text[0] in _QUOTES or text[0] == "("):
        return False
    return not (find_dates(text) and len(words) < 8)


def _contract_and_grade_only(text: str) -> bool:
    """ "Contract Agent FGIII", "Temporary Agent AD 7", "Full Time": a contract, not a post."""
    rest = GRADE_CODE_RE.sub(" ", text)
    words = _folded_words(rest)
    return bool(words) and all(
        w in CONTRACT_WORDS or w in ("contract", "agent", "agents", "staff", "full", "part", "time")
        for w in words
    )


def _strip_parentheses(text: str, title: Title) -> str:
    def keep_or_drop(match: re.Match[str]) -> str:
        inner = match.group("inner").strip()
        if not inner:
            return ""
        if _POSTS_RE.match(inner):
            return match.group()
        grade = grade_code(inner)
        if grade and (inner == grade or fold(inner).startswith("grade")):
            title.grade = title.grade or grade
            return ""
        if re.fullmatch(r"#?\d{5,7}", inner):
            title.reference = title.reference or inner.lstrip("#")
            return ""
        if _TIER_WORDS_RE.search(inner) and not has_job_word(inner):
            return ""
        if fold(inner) in CONTRACT_WORDS:
            return ""  # "(TJO)", "(FTA)": the contract
        return match.group()

    return _PARENTHESIS_RE.sub(keep_or_drop, text)


def _stop(segment: str, title: Title) -> bool:
    """Whether a dash segment ends the title, it and all after it the system's: a code ("EEAS.RM.BHR"),
    a job number ("Job No 487229"), a grade ("Grade P2 # 136135")."""
    segment = segment.strip(" ,;")
    job = _JOB_NUMBER_RE.match(segment)
    if job:
        title.reference = title.reference or job.group("ref")
        return True
    if _CODE_SEGMENT_RE.match(segment):
        return True
    grade = grade_code(segment)
    if grade is not None and (segment == grade or fold(segment).startswith(("grade", "level", "niveau"))):
        title.grade = title.grade or grade
        return True
    return False


def _droppable(segment: str, title: Title, *, word: bool = False, dash: bool = False) -> bool:
    """Whether a comma or dash segment (or, with `word`, the last word) at a title's end is a board's
    addition; keep what it gives."""
    segment = segment.strip(" ,;")
    if not segment:
        return True
    folded = fold(segment)
    if folded in CONTRACT_WORDS or all(w in CONTRACT_WORDS for w in _folded_words(segment) or ["?"]):
        return True
    if re.fullmatch(r"\(?\d+\s*(?:days?|jours|months?|mois)\)?", folded):
        return True
    grade = grade_code(segment)
    if grade is not None and (segment == grade or folded.startswith(("grade", "level", "niveau"))):
        title.grade = title.grade or grade
        return True
    if word:
        return False
    job = _JOB_NUMBER_RE.match(segment)
    if job:
        title.reference = title.reference or job.group("ref")
        return True
    if _CODE_SEGMENT_RE.match(segment):
        return True
    if is_place(segment):
        title.places.insert(0, segment)
        return True
    if dash and _contract_and_grade_only(segment):
        title.grade = title.grade or grade_code(segment)
        return True  # "Expert – Temporary Agent AD 5"
    # "Logistics Officer – United Nations Mission in South Sudan": the employer a board adds after a
    # dash (after a comma, a NATO title's unit stays).
    return dash and names_employer(segment)


def clean_title(raw: str, end: int) -> Title:
    """A title as written, without what boards and systems add to it (see the module's docstring)."""
    title = Title("", end)
    text = squash(raw).strip(_QUOTES + " ")
    # A headline of sentences ("Officer, B5/B6. EUMETSAT, Darmstadt. Open until 4 May 2020"): the post
    # is the first.
    headline = _HEADLINE_RE.split(text, maxsplit=1)
    if len(headline) == 2 and has_job_word(headline[0]):
        text = headline[0]
    text = _POSITION_NUMBER_RE.sub("", text)
    reference = _TRAILING_REFERENCE_RE.search(text)
    if reference:
        title.reference = reference.group("ref")
        text = text[: reference.start()]
    text = _strip_parentheses(text, title)
    consultancy = _CONSULTANCY_CODE_RE.search(text)
    while consultancy:
        if consultancy.group("grade"):
            title.grade = title.grade or squash(consultancy.group("grade"))
        text = text[: consultancy.start()] + text[consultancy.end() :]
        consultancy = _CONSULTANCY_CODE_RE.search(text)
    # What comes before the post and a dash: a board's "Offre d'emploi", a competition's code.
    while True:
        lead = _SEGMENT_SPLIT_RE.split(text, maxsplit=1)
        if len(lead) < 2 or not lead[1].strip():
            break
        if _LEADING_CODE_RE.match(lead[0].strip()):
            title.reference = title.reference or lead[0].strip()
        elif not (_LEADING_WORDS_RE.match(fold(lead[0].strip(" :"))) or names_employer(lead[0].strip())):
            break  # ("EEAS – Vacancy notice – Head of Division", "WFP – Programme Policy Officer")
        text = lead[1]
    # A dash segment that is a code, a number or a grade ends the title; then dash segments, comma
    # segments and last words, from the end: each one a board's addition goes.
    separators = list(_SEGMENT_SPLIT_RE.finditer(text))
    parts = _SEGMENT_SPLIT_RE.split(text)
    for index in range(1, len(parts)):
        if _stop(parts[index], title):
            for later in parts[index + 1 :]:
                _stop(later, title)
            text = text[: separators[index - 1].start()]
            break
    while True:
        parts = _SEGMENT_SPLIT_RE.split(text)
        if len(parts) > 1 and _droppable(parts[-1], title, dash=True):
            text = text[: text.rstrip().rfind(parts[-1].strip())].rstrip(" -–,")
            continue
        head, comma, last = text.rpartition(",")
        if comma and head.strip() and _droppable(last, title):
            text = head.rstrip()
            continue
        words = text.split()
        if len(words) > 1 and _droppable(words[-1], title, word=True):
            text = text[: text.rstrip().rfind(words[-1])].rstrip(" -–,")
            continue
        break
    title.text = squash(text).strip(" -–,;:")
    return title


def _capitalised_run(text: str) -> str | None:
    """The first run of capitalised words (joined by "of", "de", "–"...) that names a post."""
    tokens = _RUN_TOKEN_RE.findall(text)
    run: list[str] = []
    best: list[str] = []
    for token in tokens:
        bare = token.strip("()")
        capital = bare[:1].isupper()
        if capital or (run and (fold(token) in _JOINERS or (token.startswith("(") and token.endswith(")")))):
            run.append(token)
            continue
        if run:
            best = run
            break
    else:
        best = run
    while best and (fold(best[-1]) in _JOINERS):
        best.pop()
    candidate = " ".join(best)
    return candidate if candidate and has_job_word(candidate) else None


def _label_title(notice: Notice, label: Label) -> tuple[str, int]:
    """A title field's value with the lines a PDF wrapped it onto ("Senior Specialist - EU Regional
    Task" / "Force and First Response Manager within" / ... / "Department (AD8)")."""
    value, end = label.value, label.end
    if label.line == label.at:
        return value, end
    following: list[Line] = []
    for line in notice.lines[label.line + 1 : label.line + 12]:
        if not line.text:
            continue
        if line.heading or len(line.text) > 60 or line.text.endswith((".", ":", "：")):
            break
        following.append(line)
        if len(following) == 3 or line.text.endswith(")"):
            break
    if following and following[-1].text.endswith(")") and not value.endswith((".", ")")):
        labelled = {other.at for labels in notice.labels.values() for other in labels}
        if not any(line.number in labelled for line in following):
            value = squash(" ".join([value, *(line.text for line in following)]))
            end = following[-1].end
    return value, end


def _labelled_lines(notice: Notice) -> set[int]:
    return {
        index for labels in notice.labels.values() for label in labels for index in (label.at, label.line)
    }


def find_title(notice: Notice) -> Title | None:
    """The post's title (see the module's docstring), or None when the notice does not give one."""
    for label in notice.labels.get("title", []):
        value, end = _label_title(notice, label)
        found = clean_title(value, end)
        if found.text and not _contract_and_grade_only(found.text) and _title_like(found.text + "x"):
            return found
    lines = notice.lines
    top = lines[: max(notice.header_end, 25) + 1]
    for line in top:
        match = _JOB_DESCRIPTION_RE.match(line.text)
        if match:
            found = clean_title(match.group("title"), line.end)
            found.reference = found.reference or match.group("ref")
            return found
        match = _VACANCY_FIELD_RE.match(line.text) or _NUMBERED_POST_RE.match(line.text)
        if match and len(line.text) < 200:
            return clean_title(match.group("title"), line.end)
        # "Vacancy Notice No. 2026/014 - Procurement Officer": the post after its vacancy's number.
        numbered = _VACANCY_NUMBER_RE.match(line.text) if line.text[:1] in "VvAaSs" else None
        if numbered and len(line.text) < 200:
            rest = _AFTER_NUMBER_RE.match(line.text, numbered.end())
            if rest and has_job_word(rest.group("title")):
                found = clean_title(rest.group("title"), line.end)
                if found.text:
                    return found
    labelled = _labelled_lines(notice)
    for line in top:
        if fold(line.text.rstrip(" :")) in _JOB_DESCRIPTION_HEADINGS:
            following = notice._next_text_line(line.number)
            if (
                following is not None
                and following.number not in labelled
                and _title_like(following.text)
                and has_job_word(following.text)
            ):
                return clean_title(following.text, following.end)
    recruiting = _recruiting_title(notice)
    if recruiting:
        return recruiting
    for line in top:
        if line.number in labelled or (line.text and _FIELD_LINE_RE.match(line.text)):
            break  # the title comes before the fields
        if _structural(notice, line, labelled):
            continue
        if _title_like(line.text) and not _contract_and_grade_only(line.text):
            candidate = clean_title(line.text, line.end)
            if candidate.text:
                return candidate
        break
    for line in top:
        if _structural(notice, line, labelled) or line.bullet:
            continue
        if _title_like(line.text) and has_job_word(line.text) and not _contract_and_grade_only(line.text):
            candidate = clean_title(line.text, line.end)
            if candidate.text:
                return candidate
    return _subject_title(notice)


def _structural(notice: Notice, line: Line, labelled: set[int]) -> bool:
    """A line that is the board's or the notice's furniture rather than a title: empty, noise, a field
    (known or not: "Organization Unit: CABINET", "Organizational Unit:" and the line after it), a
    heading, a date, a reference, an organisation's or a place's name."""
    text = line.text
    if not text or line.number in labelled or sum(1 for c in text if c.isalpha()) < 4:
        return True
    if _FIELD_LINE_RE.match(text) or len(_CELL_GAP_RE.findall(text)) >= 2:
        return True  # a field, or a table's row ("NATO  International Staff  Senior Level  Brussels")
    previous = notice.lines[line.number - 1] if line.number else None
    if previous is not None and not previous.text and line.number >= 2:
        previous = notice.lines[line.number - 2]
    if previous is not None and previous.text.endswith((":", "：")) and len(previous.text) <= 40:
        return True
    if line.heading and line.heading != "other":
        return True
    if is_noise(text) or _VACANCY_NUMBER_RE.search(text) or _REQUISITION_RE.match(text):
        return True
    if _ID_AND_UNIT_RE.match(text) or (line.bullet and len(text.split()) <= 3):
        return True
    if find_dates(text) and sum(1 for c in text if c.isalpha()) < 25:
        return True
    if fold(text) in _JOB_DESCRIPTION_HEADINGS:
        return True
    if line.heading == "other" and not has_job_word(text):
        return True
    if _UNIT_NAME_RE.search(text) and not has_job_word(text) and len(text.split()) <= 8:
        return True  # an office or division of the employer ("Regional Office for Africa")
    return names_employer(text) or is_place(text)


_RECRUITING_WORDS = (
    "seek",
    "recrute",
    "recherche",
    "looking for",
    "post of",
    "position of",
    "poste d",
    "the position",
    "the post",
)


def _recruiting_title(notice: Notice) -> Title | None:
    """ "NATO seeks X", "We are seeking a passionate ... X to", "for the post of X.", "The position X is
    vacant", "recrute pour le poste de X(H/F), Bamako, Mali"."""
    text = notice.text[:4000]
    low = text.lower()
    if not any(word in low for word in _RECRUITING_WORDS):
        return None
    for match in _RECRUITING_RE.finditer(text):
        line_end = text.find("\n", match.end())
        rest = text[match.end() : line_end if line_end >= 0 else len(text)]
        if match.group().lower().startswith("the "):
            vacant = _VACANT_RE.match(rest)
            if vacant is None:
                continue
            rest = vacant.group("run")
        run = _capitalised_run(rest)
        if run is None:
            continue
        tail = rest[rest.find(run) + len(run) :]
        found = clean_title(run + _place_tail(tail), match.end() + rest.find(run) + len(run) + len(tail))
        if found.text:
            return found
    return None


def _place_tail(tail: str) -> str:
    """ "(H/F), Bamako, Mali" after a title: the marks and places boards add, for clean_title to read."""
    match = re.match(r"^\s*(?:\([^()]{1,12}\))?(?:,\s*[^,.;:\n]{2,40}){1,2}", tail)
    if match and all(is_place(part) for part in split_place(match.group().split(")")[-1])):
        return match.group()
    return ""


def _subject_title(notice: Notice) -> Title | None:
    """The post made the subject of a sentence: "The Associate ... Officer works to ensure ..."."""
    text = notice.text[:6000]
    if "The " not in text:
        return None
    for match in _SUBJECT_RE.finditer(text):
        run = match.group("run")
        words = _folded_words(run)
        if words and words[-1] in JOB_WORDS:
            return Title(run, match.end("run"))
    return None


def find_reference(notice: Notice, title: Title | None) -> tuple[str, int] | None:
    """The notice's reference as written, and where its evidence ends."""
    job_id: tuple[str, int] | None = None
    for label in notice.labels.get("reference", []):
        value = _reference_value(notice, label)
        if value is None:
            continue
        if label.name not in _JOB_ID_LABELS:
            return value, label.end
        job_id = job_id or (value, label.end)
    vacancy = notice.search(_VACANCY_NUMBER_RE, _VACANCY_NUMBER_STARTS)
    if vacancy:
        found = (
            vacancy.group("ref") or vacancy.group("staff") or vacancy.group("code") or vacancy.group("call")
        )
        ref = (found or "").rstrip(".")
        if ref:
            return ref, max(vacancy.end(), job_id[1] if job_id else 0)
    if job_id is not None:
        return job_id
    title_start = title.text[:20] if title is not None and len(title.text) >= 8 else None
    for line in notice.lines[: max(notice.header_end, 12) + 1]:
        match = _REQUISITION_RE.match(line.text) or _ID_AND_UNIT_RE.match(line.text)
        if match:
            return match.group("ref"), line.end
        if title_start and line.text.startswith(title_start):
            suffix = _TRAILING_REFERENCE_RE.search(line.text)
            if suffix:
                return suffix.group("ref"), line.end
    if title is not None and title.reference:
        return title.reference, title.end
    return None


def _reference_value(notice: Notice, label: Label) -> str | None:
    value = label.value
    dates = find_dates(value)
    if dates and dates[0].start == 0 and dates[0].end >= len(value.rstrip(" .")) - 1:
        # "Reg. n:" / "10 July 2015" / "Europol/2015/TA/AD8/203": the date is the notice's, the number next.
        following = notice._next_text_line(label.line)
        if following is None:
            return None
        value = following.text.strip()
    value = _AFTER_REFERENCE_RE.split(value)[0].strip(" .;,")
    value = _DATE_AFTER_REFERENCE_RE.sub("", value).strip(" .;,")
    # "20/23 Information Management Coordinator", "VN 2026 412 Migration Health Officer (P) Cairo": the
    # code, not the title written after it: from the first capitalised word after a code in capitals and
    # digits, with another word after it and no number of the code after it ("(P3)" aside; Inspira's
    # "26-Human Rights Affairs-OHCHR-264101-R-KYIV" is one code).
    tokens = value.split()
    cut = None
    for i in range(1, len(tokens) - 1):
        if not _TITLE_WORD_RE.match(tokens[i]):
            continue
        code = tokens[:i]
        if (
            any(c.isdigit() for token in code for c in token)
            and not any(c.islower() for token in code for c in token)
            and not any(any(c.isdigit() for c in token) and token[0] != "(" for token in tokens[i:])
        ):
            cut = i
        break
    last = max((i for i, token in enumerate(tokens) if any(c.isdigit() for c in token)), default=-1)
    after = tokens[last + 1 :] if last >= 0 else []
    if cut is not None:
        value = " ".join(tokens[:cut])
    elif len(after) >= 2 and all(token.isalpha() for token in after):
        value = " ".join(tokens[: last + 1])
    if not value or not any(c.isdigit() for c in value) or len(value) > 60:
        return None
    return value
