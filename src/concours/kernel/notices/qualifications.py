"""What a candidate must and may bring: the essential and desirable qualifications, the years of
experience they ask for, and the level of degree.

NATO-style notices list qualifications as bullets under ESSENTIAL / DESIRABLE (or after "The incumbent
must:"); UN-style notices write paragraphs under Education / Work Experience / Languages, one item each;
boards and the agencies' systems add their own sub-headings ("Desired skills:", "Skills and experience:",
"LANGUES ::"). The heading decides the list, whatever an item says of itself, except a UN "Job-Specific
Qualification", which is desirable when it says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from concours.kernel.notices.sections import Line, Notice, may_match, mentions, squash
from concours.kernel.notices.vocabulary import NUMBER_WORDS, alternation

_ESSENTIAL_INTRO_RE = re.compile(
    r"^(?:The|Le|La|Le/La|La/Le)\s+(?:successful\s+)?(?:candidates?|incumbent|applicants?|"
    r"titulaire(?: du poste)?|"
    r"candidat(?:e|\(e\))?s?)\s+(?:must|should|shall|will need to|doit|doivent|devra)"
    r"(?:\s+(?:possess|have|meet|posséder|avoir|remplir|justifier))?(?:\s+(?:the following|les "
    r"conditions suivantes))?"
    r"\s*[:：]\s*$",
    re.IGNORECASE,
)
_DESIRABLE_INTRO_RE = re.compile(
    r"considered an? (?:advantage|asset)|would be an? (?:advantage|asset)|consid[ée]r[ée]e?s? "
    r"comme (?:un )?atouts?|"
    r"constituerai(?:en)?t un atout|seraient un atout|(?:would be|are) desirable|the following "
    r"(?:are )?assets",
    re.IGNORECASE,
)
_DESIRABLE_WORDS_RE = re.compile(
    r"desirable|an? (?:advantage|asset)|advantageous|souhaitable|un atout|serait appréciée?|would "
    r"be preferred",
    re.IGNORECASE,
)
_REQUIRED_WORDS_RE = re.compile(
    r"\bis required|\bare required|\brequired\b|\bis essential|\bmust\b|\bminimum\b|\bin lieu\b|"
    r"may be accepted|"
    r"requise?s?|exigée?s?|indispensable|obligatoire|doit|à défaut|peut être acceptée?|à la place",
    re.IGNORECASE,
)
_NUMBER = rf"(?:\d{{1,2}}|{alternation(NUMBER_WORDS)})"
_YEARS_WORD = r"(?:years?|ans|années)"
_YEARS_WORDS = ("year", "ans", "années")
_EXPERIENCE_RE = re.compile(
    rf"(?<![\w-])(?P<a>{_NUMBER})(?:\s*\(\d{{1,2}}\))?\s*(?:-|–|to|à)\s*(?P<b>{_NUMBER})(?:\s*\(\d{{1,2}}\))?"
    rf"\s*\+?\s*{_YEARS_WORD}"
    rf"|(?:at least|a minimum of|minimum(?: of)?|not less than|no less than|more than|over|au moins|"
    rf"un minimum de|minimum de|au minimum|plus de)\s+(?P<min>{_NUMBER})(?:\s*\(\d{{1,2}}\))?\s*\+?\s*"
    rf"(?:full[- ]time\s+)?{_YEARS_WORD}"
    rf"|(?<![\w-])(?P<plain>{_NUMBER})(?:\s*\(\d{{1,2}}\))?\s*\+?(?:\s+or more|\s+ou plus)?\s*{_YEARS_WORD}"
    r"(?:['’]|\s+of|\s+d['’])?\s*"
    r"(?=(?:[\w-]+\s+){0,3}?(?:experience|expérience))",
    re.IGNORECASE,
)
_OF_LEAD_RE = re.compile(
    r"^\s*(?:['’]s?\s*)?(?:of\s+|d['’]\s*|de\s+)?(?:[\w-]+\s+){0,3}?(?:experience|expérience)\s*"
    r"(?:(?:in|of|with|at|dans|en|de|du|des)\b)?\s*",
    re.IGNORECASE,
)
_OF_END_RE = re.compile(r"[;.,(]|\s+(?:and be|and have|out of which|dont au moins|et être)\b", re.IGNORECASE)
_BACKGROUND_RE = re.compile(
    r"background in (?P<of>.+?),?\s+(?:developed|gained|acquired) through", re.IGNORECASE
)
_DEGREE_RE = re.compile(
    r"(?P<doctorate>\bph\.?\s?d\b|\bdoctora(?:te|l)(?:\s+degree)?\b|\bdoctorat\b)"
    r"|(?P<master>\badvanced university degree|\bsecond[- ]level university degree|\bgraduate degree|"
    r"\bmaster['’]?s?(?:\s+degree)?\b|\bpost-?graduate(?:\s+degree)?\b|"
    r"diplôme universitaire supérieur|diplôme de (?:deuxième|second) cycle|\bMBA\b)"
    r"|(?P<bachelor>\bfirst[- ]level university degree|\buniversity degree|\bbachelor['’]?s?(?:\s+degree)?\b|"
    r"\bundergraduate(?:\s+degree)?\b|"
    r"diplôme universitaire|\blicence\b|completed university studies|études universitaires|"
    r"diplôme de premier cycle|\bdegree\b|higher education|enseignement supérieur)"
    r"|(?P<secondary>secondary (?:education|school)|high school|baccalauréat|enseignement secondaire|"
    r"études secondaires)",
    re.IGNORECASE,
)
# The generic names of a degree, whose level a bracket may make precise ("University degree (Master or
# higher ...)").
_GENERIC_DEGREE_RE = re.compile(
    r"^(?:university degree|degree|diplôme universitaire|higher education|enseignement supérieur|"
    r"études universitaires)$",
    re.I,
)
_BRACKETED_LEVEL_RE = re.compile(
    r"\s*,?\s*(?:\((?P<inner>[^()]{0,60})|(?:du niveau d[ue]s?|au niveau d[ue]s?|de niveau|at(?: the)?|of)\s+"
    r"(?P<after>\S+(?: \S+)?))",
    re.IGNORECASE,
)
# A degree named as the condition of another path ("Applicants with a bachelor's degree ...", "avec le
# diplôme de licence", "pour les titulaires d'une licence", "if graduated with advanced ...").
_CONDITION_RE = re.compile(
    r"(?:\b(?:with|holding|avec)\s+(?:an?\s+|the\s+|le\s+|la\s+|une?\s+|l['’]\s*)?|"
    r"\bholders? of\s+(?:an?\s+)?|"
    r"(?:les|aux|des)\s+titulaires\s+d['’]\s*(?:une?\s+)?)(?:[\w'’-]+\s+){0,2}(?:[dl]['’])?$",
    re.IGNORECASE,
)
# A degree accepted in place of the one required: an alternative, not the requirement.
_ALTERNATIVE_RE = re.compile(
    r"in lieu|instead of|à la place|au lieu|may be accepted|due consideration|pris en consid|pas requis|"
    r"not required|peut être acceptée?",
    re.IGNORECASE,
)
# An item that calls itself desirable ("... est souhaitable", "... is an asset"), not one that only prefers
# a field or a level inside it ("a university degree (Master's level preferred)", "preferably in law").
_DESIRABLE_ITEM_RE = re.compile(
    r"\b(?:is|are|est|sont|would be|serait|seraient) (?:highly |strongly |also )?(?:desirable|preferred|"
    r"souhaitables?|an asset|un atout|an advantage|un avantage)",
    re.IGNORECASE,
)
_CLAUSE_RE = re.compile(r"\s*;\s+")
# Where one path of requirements ends and another begins: "...; or" / "or ...".
_OR_END_RE = re.compile(r"(?:^|[\s;,])(?:or|ou|alternatively)\W*$", re.IGNORECASE)
_OR_START_RE = re.compile(r"^\W*(?:or|ou|alternatively|alternativement)\b", re.IGNORECASE)
_PREFERRED_RE = re.compile(r"preferred|preferably|de préférence|idéalement|souhaité", re.IGNORECASE)
_STUDY_RE = re.compile(r"stud|educat|étud|formation|schooling", re.IGNORECASE)
_LEVELS = ("secondary", "bachelor", "master", "doctorate")


@dataclass(frozen=True)
class Qualifications:
    """The essential and desirable qualifications, one string per bullet (or per sentence)."""

    essential: list[str]
    desirable: list[str]


def _add(target: list[str], items: list[str]) -> None:
    for item in items:
        if item not in target:
            target.append(item)


# Which list a requirements section's own sub-heading ("Desired skills:", "Education:", "Travel:")
# starts, told by its words.
_DESIRABLE_HEADING_RE = re.compile(r"desir|souhait|asset|atout|preferred|advantag|\bplus\b", re.IGNORECASE)
_SKIP_HEADING_RE = re.compile(
    r"expertise|fields? of|certificat|licen[cs]e|functional skills|driving|travel|voyage|tags|"
    r"other information|"
    r"competenc|compétence(?!s requises)|valeurs|values",
    re.IGNORECASE,
)
_REQUIREMENT_HEADING_RE = re.compile(
    r"requir|requis|minimum|educat|formation|experien|expérien|skill|knowledge|connaissance|language|langue|"
    r"qualif|profil|crit[eè]r|essential|essentiel|degree|diplôme|certification|aptitude|background|academ|acadé|"
    r"parcours",
    re.IGNORECASE,
)
_FIELD_RE = re.compile(r"^(?P<name>[A-ZÀ-Ýa-z][\w ()/&'’.?-]{1,45}?)\s?[:：]+\s*(?P<value>.*)$")
# Fields of a UN Volunteer eligibility box and the like, not requirements ("Age: 18 - 80").
_BOX_FIELDS = frozenset(
    ("age", "nationality", "nationalite", "gender", "sexe", "duration", "duree", "type", "location", "lieu",
     "city", "country", "pays", "grade", "level", "niveau", "contract", "contrat", "modality", "sdg")
)  # fmt: skip
_NOT_QUALIFICATION_RE = re.compile(
    r"^(?:la )?priorit[ée] sera|^priority will be given|^preference will be given", re.IGNORECASE
)
# What is not an item: a UN Volunteer language row ("French, Level: Fluent, Required"), a length alone
# ("3 years"), the UN's language boilerplate, a placeholder.
_NOT_AN_ITEM_RE = re.compile(
    r",\s*Level:\s|^\d{1,2}\s*(?:years?|ans|months?|mois)\.?$|"
    r"^(?:No experience required|Not specified|N/?A)\.?$|"
    r"^English and French are the working languages|^L['’]anglais et le français sont les langues de travail|"
    r"\bUN Level\b|^Language\s+Reading\s+Writing|^(?:Will|To) be (?:added|provided|determined)",
    re.IGNORECASE,
)
_LEADING_GLYPHS = " ·•.-–*▪○◦"
# A paragraph that speaks to the candidate or of the organisation ends a list of requirements.
_CLOSING_RE = re.compile(
    r"^(?:If you\b|We (?:offer|are|encourage|value)\b|Please\b|Click\b|For more\b|Note:|Si vous\b|Nous\b|"
    r"Veuillez\b)|would like to hear from you|equal opportunity|zero[- ]tolerance|does not charge",
    re.IGNORECASE,
)
_INTRO_START_RE = re.compile(
    r"^(?:The|Le|La|Les|Applicants?|Candidates?|Successful|Please|In addition|Further|Le/La)\b", re.IGNORECASE
)
_SENTENCE_END_RE = re.compile(r"[.;!?]\s")
_THREE_LETTERS_RE = re.compile(r"[^\W\d_](?:[\W\d_]*[^\W\d_]){2}")
# A sub-heading in title case, of a few words ("Level of Professional Competence Requirements").
_TITLE_CASE_HEADING_RE = re.compile(
    r"^(?:[A-ZÀ-Ý][\w’'&/-]*|of|and|for|the|de|des|du|et)(?:\s+(?:[A-ZÀ-Ý][\w’'&/-]*|of|and|for|the|de|des|du|et)){1,5}$"
)
# Items run together without separators ("Excellent physical condition Possession of a valid driving
# license ..."): a new item starts with one of the words requirements start with, after a lower-case word.
_RUN_TOGETHER_RE = re.compile(
    r"(?<=[a-z)]) (?=(?:Experience|Excellent|Knowledge|Ability|Possession|Proven|Strong|Good|Demonstrated|"
    r"Familiarity|Fluency|Understanding|Some|Sound|Diplomatic|Willingness|Capacity|Commitment|Very good|"
    r"Expérience|Excellente?s?|Connaissance|Capacité|Maîtrise|Aptitude|Bonne)\b)"
)
_SENTENCE_WORDS_RE = re.compile(r"\b(?:is|are|est|sont|must|doit|requi\w*|atout|asset|have|avoir)\b", re.I)
_SKILLS_RE = re.compile(r"skill|knowledge|compétences|connaissances|aptitude", re.IGNORECASE)
_REQUIRED_NAME_RE = re.compile(r"requir|requis|essential|essentiel|obligatoire|mandatory", re.IGNORECASE)
_BLOCK_KINDS = frozenset(("qualifications", "essential", "desirable"))
_PART_KINDS = frozenset(("education", "work_experience", "languages", "skills", "job_specific"))
_WITHIN_BLOCK_SKIP = frozenset(("competencies", "values", "expertise"))


def qualifications(notice: Notice) -> Qualifications:
    """The notice's essential and desirable qualifications (see `_Walk`)."""
    essential: list[str] = []
    desirable: list[str] = []
    starts = [line.number for line in notice.lines if line.heading in _BLOCK_KINDS]
    standalone = not starts
    if standalone:
        starts = [line.number for line in notice.lines if line.heading in _PART_KINDS]
    seen: set[int] = set()
    for start in starts:
        if start in seen:
            continue
        walk = _Walk(notice, start, within_block=not standalone)
        seen.update(walk.covered)
        _add(essential, walk.essential)
        _add(desirable, walk.desirable)
    for line in notice.lines:
        if line.number in seen or not line.text or line.bullet or line.heading:
            continue
        if line.text.endswith((":", "：")) and _ESSENTIAL_INTRO_RE.match(line.text):
            _add(essential, [item.item for item in notice.items_after(line.number, intro_lines=0)])
        elif line.text.endswith((":", "：")) and _DESIRABLE_INTRO_RE.search(line.text):
            _add(desirable, [item.item for item in notice.items_after(line.number, intro_lines=0)])
    return Qualifications(essential, desirable)


class _Walk:
    """The items of a requirements section, read line by line from its heading.

    The section's sub-headings decide the list ("Desired skills:" -> desirable, "Required Language(s):"
    -> essential, "Area(s) of expertise:" -> none); a field with its value on the line ("Skills:
    Familiarity with ...", "Desirable: French ...") is an item of the list its name says. Each bullet, or
    each paragraph where there are no bullets, is an item; a line that starts in lower case, or ends a
    line the PDF wrapped, continues the item above. The section ends at a heading of another kind, a
    sub-heading that names no requirement, or a paragraph addressed to the reader.
    """

    def __init__(self, notice: Notice, start: int, *, within_block: bool) -> None:
        self.notice = notice
        self.essential: list[str] = []
        self.desirable: list[str] = []
        self.covered: set[int] = {start}
        heading = notice.lines[start].heading
        self.mode = (
            "desirable"
            if heading == "desirable"
            else ("specific" if heading == "job_specific" else "essential")
        )
        self.within_block = within_block
        self.block_mode = "desirable" if self.mode == "desirable" else "essential"
        self.bullets: bool | None = None  # whether the current list is made of bullets
        self.current_is_skills = False  # under "Skills:", "Name: description" lines are items
        self.first_indent = 0
        self.current: list[str] = []
        self.current_mode = self.mode
        self._run(start)

    def _flush(self) -> None:
        if not self.current:
            return
        item = squash(" ".join(self.current)).lstrip(_LEADING_GLYPHS).strip()
        self.current = []
        if not item or _NOT_AN_ITEM_RE.search(item) or not _THREE_LETTERS_RE.search(item):
            return
        if _NOT_QUALIFICATION_RE.search(item) or (" " not in item and not self.bullets):
            return  # (a word alone, not a bullet, is a heading or a board's field, not a requirement)
        mode = self.current_mode
        if len(item) > 150 and not self.bullets and not _SENTENCE_END_RE.search(item):
            parts = _RUN_TOGETHER_RE.split(item)
            if len(parts) >= 3:
                for part in parts:
                    self.current, self.current_mode = [part], mode
                    self._flush()
                return
        if mode == "specific":
            mode = "desirable" if _DESIRABLE_WORDS_RE.search(item) else "essential"
        if mode == "desirable":
            _add(self.desirable, [item])
        elif mode == "essential":
            _add(self.essential, [item])

    def _start(self, text: str) -> None:
        self._flush()
        self.current = [text]
        self.current_mode = self.mode

    def _sub_heading(self, name: str) -> bool:
        """Set the list a sub-heading starts; False when it names no requirement (the section ends)."""
        self._flush()
        self.bullets = None
        self.current_is_skills = bool(_SKILLS_RE.search(name))
        if _DESIRABLE_HEADING_RE.search(name):
            self.mode = "desirable"
        elif _SKIP_HEADING_RE.search(name):
            self.mode = "skip"
        elif _REQUIREMENT_HEADING_RE.search(name):
            self.mode = "specific" if "specific" in name.lower() else "essential"
        else:
            # A sub-heading that names no requirement ends the section, unless the section is passing
            # over a list that is not one ("Organizational Competencies:" / "Level 1:").
            return self.mode == "skip"
        return True

    def _run(self, start: int) -> None:
        lines = self.notice.lines
        blank_before = False
        for line in lines[start + 1 :]:
            text = line.text
            if not text:
                blank_before = True
                continue
            heading = line.heading
            if heading == "board":
                break
            if heading in _BLOCK_KINDS or heading in _PART_KINDS:
                if not self.within_block and heading in _BLOCK_KINDS:
                    break
                if not self.within_block and heading in _PART_KINDS and heading != lines[start].heading:
                    break
                self.covered.add(line.number)
                self._flush()
                self.bullets = None
                if heading in _BLOCK_KINDS:
                    self.mode = "desirable" if heading == "desirable" else "essential"
                    if not text.endswith((":", "：")):
                        self.block_mode = self.mode  # a block's heading, not a list's ("Desired skills:")
                elif heading == "job_specific":
                    self.mode = "specific"
                else:
                    # A topic ("Languages") within a block is of the block's list (UNESCO's "DESIRABLE
                    # QUALIFICATIONS" / "Languages"), unless it says it is required.
                    self.mode = "essential" if _REQUIRED_NAME_RE.search(text) else self.block_mode
                blank_before = False
                continue
            if heading in _WITHIN_BLOCK_SKIP:
                if not self.within_block or text[0].isdigit():
                    break  # (a numbered section of its own: "4. COMPETENCIES")
                self._flush()
                self.bullets = None
                self.mode = "skip"
                continue
            if heading is not None and heading != "other":
                break
            if not self._line(line, blank_before):
                break
            self.covered.add(line.number)
            blank_before = False
        self._flush()

    def _line(self, line: Line, blank_before: bool) -> bool:
        """Read one line; False when it ends the section."""
        text = line.text
        field = _FIELD_RE.match(text) if not line.bullet else None
        if field and len(field.group("name").split()) <= 6:
            name, value = field.group("name"), field.group("value").strip()
            if not value:
                if len(text) <= 60 and not _INTRO_START_RE.match(text):
                    return self._sub_heading(name)
                return self._intro(text)
            if _REQUIREMENT_HEADING_RE.search(name) or _DESIRABLE_HEADING_RE.search(name):
                previous = self.mode
                if not self._sub_heading(name):
                    return False
                if self.mode != "skip":
                    self._start(value)
                    if _DESIRABLE_HEADING_RE.search(name):
                        self.current_mode = "desirable"
                        self.mode = previous if previous != "skip" else "essential"
                return True
            if self.mode == "skip":
                return True
            folded = name.strip().lower()
            if folded in _BOX_FIELDS:
                return True  # "Age: 18 - 80", "Nationality: ...": a field of the box, not a requirement
            if (
                len(name.split()) >= 3
                and (name.isupper() or name.endswith("?"))
                and not self.current_is_skills
            ):
                return False  # "CADRE DE LEADERSHIP DU PAM: ...", "Who Can Apply?: ...": another section
            self._start(text)  # "Advocacy: Know-how in advocacy, ...": an item, named
            return True
        if text.endswith((":", "：")):
            return self._intro(text)
        if not line.bullet and _TITLE_CASE_HEADING_RE.match(text):
            # "Field of Expertise Requirements", "Mission Specific Requirements": a sub-heading.
            return self._sub_heading(text)
        if line.heading == "other" and not line.bullet:
            if _SKIP_HEADING_RE.search(text):
                self._sub_heading(text)
                return True
            return self._sub_heading(text) if len(text) < 60 else True
        if self.mode == "skip":
            if (
                not line.bullet
                and self._next_is_bullet(line)
                and not text.endswith((".", ";"))
                and len(text) < 80
                and not _SKIP_HEADING_RE.search(text)
            ):
                self._flush()
                self.mode, self.bullets = "essential", None  # "Le volontaire doit également" + bullets
            return True
        if line.bullet:
            if self.bullets is None:
                self.bullets, self.first_indent = True, line.indent
            elif self.current and line.indent > self.first_indent + 1:
                self.current.append(line.item)
                return True
            self._start(line.item)
            return True
        if self.current and self._continues(text, blank_before):
            self.current.append(text)
            return True
        if self.bullets is False and blank_before and self._short_run(line):
            return False  # long items, then short lines: another list (a board's fields)
        if self.bullets:
            # A paragraph after a list of bullets is not one of its items.
            self._flush()
            return not _CLOSING_RE.search(text)
        if _CLOSING_RE.search(text) or self._unknown_heading(line):
            return False
        if self._next_is_bullet(line) and len(text) < 80 and not text.endswith((".", ";")):
            self._flush()  # an introducing line ("Le volontaire doit également")
            return True
        self.bullets = False
        self._start(text)
        return True

    def _intro(self, text: str) -> bool:
        self._flush()
        self.bullets = None
        if _DESIRABLE_INTRO_RE.search(text):
            self.mode = "desirable"
        elif _ESSENTIAL_INTRO_RE.match(text):
            self.mode = "essential"
        return not _CLOSING_RE.search(text)

    def _unknown_heading(self, line: Line) -> bool:
        """A short title-like line that names no requirement and heads a paragraph ("Equal opportunity",
        "Égalité des chances")."""
        text = line.text
        words = text.split()
        following = self.notice._next_text_line(line.number)
        return (
            following is not None
            and len(following.text) >= 120
            and len(words) <= 6
            and not text.endswith((".", ";", ",", ":"))
            and text[:1].isupper()
            and not _REQUIREMENT_HEADING_RE.search(text)
            and not any(c.isdigit() for c in text)
        )

    def _short_run(self, line: Line) -> bool:
        following = self.notice._next_text_line(line.number, within=4)
        items = self.essential + self.desirable + [" ".join(self.current)]
        return (
            len(line.text) < 50
            and not line.text.endswith((".", ";", ":", ","))
            and not _SENTENCE_WORDS_RE.search(line.text)
            and following is not None
            and following.heading is None
            and len(following.text) < 50
            and not following.text.endswith((":", "："))
            and sum(len(item) for item in items) / max(len(items), 1) >= 60
        )

    def _continues(self, text: str, blank_before: bool) -> bool:
        previous = self.current[-1]
        if text[:1].islower():
            return True
        return (
            not blank_before
            and len(previous) >= 60
            and not previous.rstrip().endswith((".", ";", ":", "!", "?", ","))
        )

    def _next_is_bullet(self, line: Line) -> bool:
        following = self.notice._next_text_line(line.number)
        return following is not None and following.bullet is not None


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower())


def _of(item: str, end: int) -> str:
    background = _BACKGROUND_RE.search(item)
    if background:
        return background.group("of").strip()
    rest = _OF_LEAD_RE.sub("", item[end:], count=1)
    cut = _OF_END_RE.search(rest)
    rest = (rest[: cut.start()] if cut else rest).strip()
    return rest or item.strip(" ;.")


def experience(
    items: list[str],
    *,
    main_level: str | None = None,
    notice: Notice | None = None,
    desirable: list[str] | None = None,
) -> list[dict[str, object]]:
    """Each span of years of experience the items ask for: min_years, max_years (or None), and of what.

    With `main_level` (the degree the notice requires), years asked of the holders of a lower degree
    belong to another path ("or 2 years with a first-level degree") and are left out; "not required to
    have professional experience" with the main degree is a minimum of 0 years. Where the items ask for
    none, the `notice`'s sentences are read (see `experience_in_prose`)."""
    found = _experience(items, main_level)
    if not found and notice is not None:
        found = experience_in_prose(notice, desirable or [], main_level=main_level)
    return found


def _experience(items: list[str], main_level: str | None) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for item in items:
        # Every match names years ("years", "ans", "années"): most items do not, and skip the costly scan.
        if may_match(item, _YEARS_WORDS):
            matches = list(_EXPERIENCE_RE.finditer(item))
            for index, match in enumerate(matches):
                if match.group("a"):
                    low, high = _number(match.group("a")) or 0, _number(match.group("b")) or 0
                    if low > high or high > 45:
                        continue
                    years: tuple[int | None, int | None] = (low, high)
                else:
                    years = (_number(match.group("min") or match.group("plain") or ""), None)
                if (
                    years[0] is None
                    or years[0] > 45
                    or _STUDY_RE.search(item[max(0, match.start() - 20) : match.start()])
                ):
                    continue
                start = matches[index - 1].end() if index else 0
                end = matches[index + 1].start() if index + 1 < len(matches) else len(item)
                # "5 years (with master's degree) or 7 years (with bachelor's degree)": the other path
                # starts at "or".
                other = _OR_RE.search(item, match.end(), end)
                end = other.start() if other else end
                if _lower_path(item[start:end], main_level):
                    continue
                found.append({"min_years": years[0], "max_years": years[1], "of": _of(item, match.end())})
        if main_level and _NO_EXPERIENCE_RE.search(item) and not _lower_path(item, main_level):
            found.append({"min_years": 0, "max_years": None, "of": _of(item, 0)})
    return found


def experience_in_prose(
    notice: Notice, desirable: list[str], *, main_level: str | None = None
) -> list[dict[str, object]]:
    """The years of experience the notice's sentences ask for, where its lists name none ("Expérience :
    cinq ans d'expérience ...", a requirement written as prose under a heading the lists do not know);
    a sentence that calls itself desirable, or a desirable item, is left out."""
    sentences = [
        sentence
        for sentence in notice.sentences_mentioning(("experience", "expérience", "experiência"))
        if may_match(sentence, _YEARS_WORDS)
        and not _DESIRABLE_WORDS_RE.search(sentence)
        and not any(sentence in item or item in sentence for item in desirable)
    ]
    return _experience(sentences, main_level)


_OR_RE = re.compile(r"\s(?:or|ou)\s")
_NO_EXPERIENCE_RE = re.compile(
    r"not required to have (?:any )?(?:professional |relevant |prior )?(?:work )?experience|"
    r"ne sont pas tenus d['’]avoir (?:une )?expérience",
    re.IGNORECASE,
)


def _lower_path(text: str, main_level: str | None) -> bool:
    """Whether `text` names a degree below `main_level` (the years it asks are that degree's path)."""
    if main_level is None:
        return False
    rank = _LEVELS.index(main_level)
    return any(_LEVELS.index(level) < rank for _, level in _mentions(text))


def min_years(found: list[dict[str, object]], stated: int | None = None) -> int | None:
    """The largest minimum of years among the experience requirements, or the years a notice's own
    "Relevant experience" field states."""
    if stated is not None:
        return stated
    values = [value for value in (entry["min_years"] for entry in found) if isinstance(value, int)]
    return max(values) if values else None


_STATED_YEARS_RE = re.compile(
    r"^(?:relevant experience|expérience pertinente)\s*[:：]\s*(?P<value>.*)$", re.IGNORECASE
)
_STATED_VALUE_RE = re.compile(rf"^(?P<n>{_NUMBER})\s*(?:\(\d+\)\s*)?(?:years?|ans|années)\b", re.IGNORECASE)


def stated_years(notice: Notice) -> int | None:
    """The years a "Relevant experience:" field states (UN Volunteer notices), where the notice has one."""
    for line in notice.lines_mentioning(("relevant experience", "expérience pertinente")):
        match = _STATED_YEARS_RE.match(line.text)
        if match is None:
            continue
        value = match.group("value").strip()
        if not value:
            following = notice._next_text_line(line.number)
            value = following.text if following is not None else ""
        years = _STATED_VALUE_RE.match(value)
        if years:
            return _number(years.group("n"))
    return None


_DEGREE_HINTS = (
    "degree",
    "dipl",
    "master",
    "bachelor",
    "ph",
    "doctor",
    "univers",
    "licence",
    "secondary",
    "high school",
    "études",
    "education",
    "baccalauréat",
    "mba",
    "graduate",
    "enseignement",
)


def _mentions(item: str) -> list[tuple[int, str]]:
    if not mentions(item.lower(), _DEGREE_HINTS):
        return []
    return [(m.start(), m.lastgroup or "bachelor") for m in _DEGREE_RE.finditer(item)]


def _required_degree(item: str) -> tuple[str | None, str | None]:
    """(the level an item requires, the level it prefers) from its first degree named for itself."""
    for match in _DEGREE_RE.finditer(item):
        level = match.lastgroup or "bachelor"
        if _CONDITION_RE.search(item[max(0, match.start() - 40) : match.start()]):
            continue  # "Applicants with a bachelor's degree ...": another path's condition
        preferred = None
        if _GENERIC_DEGREE_RE.match(match.group()):
            bracket = _BRACKETED_LEVEL_RE.match(item, match.end())
            words = (bracket.group("inner") or bracket.group("after") or "") if bracket else ""
            inner = _DEGREE_RE.search(words) if words else None
            if inner is not None and inner.lastgroup:
                if _PREFERRED_RE.search(words):
                    preferred = inner.lastgroup  # "a university degree (Master's level preferred)"
                else:
                    level = inner.lastgroup  # "University degree (Master or higher ...)"
        return level, preferred
    return None, None


def degree(
    essential: list[str], desirable: list[str], fields: list[str] | None = None
) -> dict[str, str | None] | None:
    """The degree the notice requires and the higher one it prefers, or None if it names none.

    Each item gives the degree it names first for itself; an item that offers a degree in place of the
    required one ("... may be accepted in lieu of the advanced university degree") is an alternative and
    gives none, unless it is the only one that names a degree. `fields`: a notice's own degree fields
    ("Bachelor's (Required)")."""
    required: list[str] = list(fields or [])
    preferred: list[str] = []
    # "Diplôme d'études secondaires ; un diplôme universitaire serait un atout": each clause of an item
    # says for itself whether its degree is required or an asset.
    clauses = [clause for item in essential for clause in _CLAUSE_RE.split(item)]
    # "Master's degree ... with two years; or" / "University degree ... with four years": a clause after
    # an "or" that ends the one before, or one that starts with "or", is another path (the first is the
    # main one, as the gold labels read alternative paths).
    other_path = {
        index
        for index, clause in enumerate(clauses)
        if (_OR_START_RE.match(clause) or (index and _OR_END_RE.search(clauses[index - 1])))
        and not _DESIRABLE_ITEM_RE.search(clause)  # "..., ou" / "un diplôme ... est souhaitable"
    }
    naming = [clause for index, clause in enumerate(clauses) if _mentions(clause) and index not in other_path]
    if not naming:
        naming = [clause for clause in clauses if _mentions(clause)]
    for item in naming:
        if len(naming) > 1 and _ALTERNATIVE_RE.search(item):
            continue
        level, better = _required_degree(item)
        if level is None:
            continue
        if _DESIRABLE_ITEM_RE.search(item) and not _REQUIRED_WORDS_RE.search(item):
            preferred.append(level)
        else:
            required.append(level)
        if better:
            preferred.append(better)
    for item in desirable:
        preferred.extend(level for _, level in _mentions(item))
    low = min(required, key=_LEVELS.index) if required else None
    high = max(preferred, key=_LEVELS.index) if preferred else None
    if high is not None and low is not None and _LEVELS.index(high) <= _LEVELS.index(low):
        high = None  # a preference only for a higher degree
    if low is None and high is None:
        return None
    return {"min_level": low, "preferred_level": high}


_DEGREE_FIELD_RE = re.compile(
    r"^(?P<level>Bachelor|Master|Doctorate|PhD|Secondary)(?:['’]s)?(?: degree)?\s*\((?:Required|Requis)\)$",
    re.IGNORECASE,
)
_FIELD_LEVELS = {"bachelor": "bachelor", "master": "master", "doctorate": "doctorate", "phd": "doctorate",
                 "secondary": "secondary"}  # fmt: skip


def degree_fields(notice: Notice) -> list[str]:
    """The degrees a notice's own fields require ("Bachelor's (Required)", as Workday prints them)."""
    found = []
    for line in notice.lines_mentioning(("(required)", "(requis)")):
        match = _DEGREE_FIELD_RE.match(line.text)
        if match:
            found.append(_FIELD_LEVELS[match.group("level").lower()])
    return found
