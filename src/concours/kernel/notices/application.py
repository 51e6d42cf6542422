"""The rules of applying: who may apply, the essay to attach, the ban on generative AI, and the
selection timeline the notice announces."""

from __future__ import annotations

import re

from concours.kernel.notices.dates import find_dates
from concours.kernel.notices.header import place
from concours.kernel.notices.sections import Notice, mentions, squash
from concours.kernel.notices.vocabulary import MONTHS, NUMBER_WORDS, alternation

_NATIONALITY_RES = (
    re.compile(r"only (?:accept|consider) applications (?:from|of) (?P<who>nationals? of [^.;\n]+)", re.I),
    re.compile(
        r"(?:open|restricted|limited|reserved)(?: for \w+)? (?:only )?to (?P<who>nationals? of [^.;\n]+)",
        re.I,
    ),
    re.compile(
        r"applications (?:can|will|may) only be (?:accepted|considered) from (?P<who>nationals? of [^.;\n]+)",
        re.I,
    ),
    re.compile(
        r"applications from (?P<who>nationals? of [^.;\n]+?) (?:can|will|may) (?:only )?be "
        r"(?:accepted|considered)",
        re.I,
    ),
    re.compile(r"\bonly (?P<who>nationals? of [^.;\n]+?) (?:may|can|are eligible to) apply", re.I),
    re.compile(r"\b(?:be|being) a (?P<who>national of (?:a|one of the) [^.;\n]+)", re.I),
    re.compile(
        r"(?:uniquement|que) (?:les |des )?candidatures (?:de |des |émanant de "
        r")(?P<who>ressortissants?[^.;\n]+)",
        re.I,
    ),
    re.compile(r"(?:réservée?s?|ouverte?s?) (?:uniquement )?aux (?P<who>ressortissants?[^.;\n]+)", re.I),
    re.compile(r"\bêtre (?P<who>ressortissante? d['’]un [^.;\n]+)", re.I),
)
_ESSAY_RE = re.compile(
    r"\bessay\b|\bMS Word document\b|\bWord document\b|document Word|\bune (?:dissertation|rédaction)\b|"
    r"\bun exposé\b|note de réflexion",
    re.I,
)
_ESSAY_WORDS = ("essay", "word", "dissertation", "exposé", "réflexion", "rédaction")
_GENAI_WORDS = ("generative", "gpt", "générative", "ia ", "intelligence artificielle")
_ATTACH_RE = re.compile(r"attach|upload|submit|joindre|télécharger|soumettre|annexer", re.I)
_PAGES_RE = re.compile(
    rf"(?:no more than|not more than|maximum(?: of)?|max\.?|not exceed(?:ing)?|limit(?:ed)? (?:yourself )?to|"
    rf"up to|ne (?:doit |devra )?pas dépasser|maximum de|au maximum|au plus|limitée? à)\s+"
    rf"(?P<n>\d{{1,2}}|{alternation(NUMBER_WORDS)})\s+(?:A4\s+)?pages?"
    rf"|(?P<n2>\d{{1,2}}|{alternation(NUMBER_WORDS)})\s+(?:A4\s+)?pages?\s+(?:A4\s+)?(?:maximum|"
    rf"max\b|au maximum|at most|long)",
    re.I,
)
_QUOTED_RE = re.compile(r"[“\"«]\s*(?P<q>[^”\"»]{2,60}?)\s*[”\"»]")
_TITLE_RULE_RE = re.compile(
    r"(?:title|name) of (?:the|your) (?:attachment|file|document)|titre (?:du|de la) (?:pièce "
    r"jointe|fichier|document)|nom du fichier",
    re.I,
)
_REFERENCE_WORDS_RE = re.compile(
    r"vacancy reference|reference number|référence (?:de l['’]avis|du poste)", re.I
)
_GENAI_RE = re.compile(
    r"generative (?:artificial[- ]intelligence|AI)|Chat ?GPT|intelligence artificielle(?: \(IA\))? "
    r"générative|"
    r"IA générative|outils d['’]IA",
    re.I,
)
_BAN_RE = re.compile(
    r"not accept|prohibit|not (?:be )?(?:permitted|allowed)|may be rejected|will be rejected|must not|"
    r"n['’]acceptera|interdit|ne sont pas (?:autorisé|admis)|pourront être rejetée|seront rejetée",
    re.I,
)
_MONTH = rf"(?:{alternation(MONTHS)}|février|août|décembre)"
_WHEN_RE = re.compile(
    r"(?P<when>(?:(?:early|mid|late|the (?:first|second) half of|the (?:beginning|end|middle) of|the week of|"
    r"début|mi-|fin|courant|la (?:première|deuxième|seconde) (?:moitié|quinzaine) (?:de|d['’]))\s*)?"
    rf"(?:\d{{1,2}}(?:er)?\s+)?{_MONTH}\.?\s+\d{{4}})",
    re.I,
)
_TIMELINE_CUE_RE = re.compile(
    r"(?:expected|scheduled|planned|foreseen) to (?:take place|be held)|will take place|will be held|"
    r"provisionally scheduled|devrai(?:en)?t (?:avoir lieu|se tenir|se dérouler)|aur(?:a|ont) lieu|"
    r"se tiendr|se déroulera|"
    r"(?:est|sont) prévue?s?",
    re.I,
)
_TIMELINE_INTRO_RE = re.compile(
    r"scheduled as follows|provisional (?:timeline|schedule)|indicative (?:timeline|schedule)|"
    r"calendrier (?:prévisionnel|provisoire|indicatif)|comme suit\s*:",
    re.I,
)
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_NOT_TIMELINE_RE = re.compile(
    r"deadline|date limite|by latest|no later than|au plus tard|attach|joindre", re.I
)
_STAGE_BEFORE_CUE_RE = re.compile(
    r"^(?P<stage>.+?)\s+(?:is|are|will|should|devrai(?:en)?t|aur(?:a|ont)|se|(?:est|sont) prévue?s?)\b", re.I
)
_LEADING_ARTICLE_RE = re.compile(r"^(?:the|les?|la|l['’])\s*", re.I)
_TRAILING_LINK_RE = re.compile(r"\s+(?:in|en|on|during|au cours de|pendant|le|à|at)\s*$", re.I)


def nationality_restriction(notice: Notice) -> str | None:
    """Who alone may apply, as written ("nationals of NATO member countries"), or None."""
    if not mentions(notice.lower, ("national", "ressortissant")):
        return None
    text = "\n".join(notice.sentences_mentioning(("national", "ressortissant")))
    for pattern in _NATIONALITY_RES:
        match = pattern.search(text)
        if match:
            return squash(match.group("who")).rstrip(" ,.")
    return None


def genai_prohibited(notice: Notice) -> bool:
    """Whether the notice refuses applications prepared with generative AI tools."""
    if not mentions(notice.lower, _GENAI_WORDS):
        return False
    return any(
        _GENAI_RE.search(s) and _BAN_RE.search(s)
        for s in notice.sentences_mentioning(_GENAI_WORDS)
        if len(s) < 2000
    )


def essay(notice: Notice, reference: str | None) -> dict[str, object] | None:
    """The essay the candidate must attach, with its limits, or None if the notice asks for none."""
    if not mentions(notice.lower, _ESSAY_WORDS):
        return None
    every = notice.sentences
    essay_sentences = [s for s in notice.sentences_mentioning(_ESSAY_WORDS) if _ESSAY_RE.search(s)]
    if not any(_ATTACH_RE.search(s) for s in essay_sentences):
        return None
    # Limits often follow in the next sentence ("Please limit yourself to 1 A4 page").
    following = [every[i + 1] for i, s in enumerate(every[:-1]) if s in essay_sentences]
    text = " ".join(essay_sentences + following)
    pages = _PAGES_RE.search(text)
    count = None
    if pages:
        word = (pages.group("n") or pages.group("n2")).lower()
        count = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
    fmt = None
    if re.search(r"\bMS Word\b|\bWord document|document Word|\.docx\b", text, re.I):
        fmt = "docx"
    elif re.search(r"\bPDF\b", text):
        fmt = "pdf"
    paper = (
        "A4"
        if re.search(r"\bA4\b", text)
        else ("Letter" if re.search(r"\bletter[- ]size", text, re.I) else None)
    )
    title_must_include: list[str] = []
    due = None
    for sentence in every:
        if mentions(sentence.lower(), ("title", "name of", "titre", "nom du")) and _TITLE_RULE_RE.search(
            sentence
        ):
            if _REFERENCE_WORDS_RE.search(sentence):
                title_must_include.append(reference or "vacancy reference")
            title_must_include.extend(m.group("q") for m in _QUOTED_RE.finditer(sentence))
    for sentence in essay_sentences:
        dates = find_dates(sentence)
        if dates and _ATTACH_RE.search(sentence):
            due = dates[0].value
            break
    return {
        "required": True,
        "max_pages": count,
        "paper": paper,
        "format": fmt,
        "title_must_include": title_must_include,
        "due": due,
    }


def _stage(sentence: str, when_start: int) -> str:
    head = sentence[:when_start]
    cue = _TIMELINE_CUE_RE.search(head)
    if cue:
        before = head[: cue.start()]
        if re.search(r",\s*(?:which|qui)\s+\S*\s*$", before, re.I) or re.search(
            r",\s*(?:which|qui)\b", before
        ):
            clause = re.split(r",\s*(?:which|qui)\b", before)[0]
            words = re.split(r"\b(?:the|le|la|les|l['’])\s+", clause)
            return words[-1].strip(" ,")
        match = _STAGE_BEFORE_CUE_RE.match(before.strip() + " is")
        stage = match.group("stage") if match else before
    else:
        stage = _TRAILING_LINK_RE.sub("", head)
        place_cut = re.search(r",\s*(?:in|à|en)\s+[A-Z]", stage)
        stage = stage[: place_cut.start()] if place_cut else stage
    stage = _LEADING_ARTICLE_RE.sub("", stage.strip(" ,;:-•"))
    return stage[:1].upper() + stage[1:] if stage else stage


def selection_timeline(notice: Notice) -> list[dict[str, str | None]]:
    """The stages of selection the notice dates: what, when (as written) and where (if it says)."""
    timeline: list[dict[str, str | None]] = []
    in_list = False
    for sentence in notice.sentences:
        if sentence.endswith(":") and _TIMELINE_INTRO_RE.search(sentence):
            # "... provisionally scheduled as follows:" - the dated lines after it are stages.
            in_list = True
            continue
        # Cheap tests first: a stage names a year, and is listed or says "expected to take place".
        # ("19"/"20" first: a year contains one of them, and most sentences have neither.)
        if (
            not ("20" in sentence or "19" in sentence)
            or not _YEAR_RE.search(sentence)
            or not (in_list or _TIMELINE_CUE_RE.search(sentence))
        ):
            in_list = False
            continue
        when = _WHEN_RE.search(sentence)
        listed, in_list = in_list and when is not None, in_list and when is not None
        if when is None or _NOT_TIMELINE_RE.search(sentence):
            continue
        if not listed and not _TIMELINE_CUE_RE.search(sentence):
            continue
        stage = _stage(sentence, when.start())
        if not stage or len(stage) > 80:
            continue
        city = place(sentence[when.end() :]) or place(sentence[: when.start()])
        value = _LEADING_ARTICLE_RE.sub("", when.group("when"))
        timeline.append({"stage": stage, "when": value, "where": city})
    return timeline
