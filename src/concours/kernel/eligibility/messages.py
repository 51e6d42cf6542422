"""The reasons of a verdict, in English and French: a catalogue of %-style messages and the formatting
of their parameters.

A check stores a message code and language-neutral parameters (country codes, ISO dates, level codes,
numbers); `render` turns them into a sentence in the reader's language, formatting each parameter by
its name (`countries` -> country names, `on` -> a written date, ...). The web application renders the
same codes and parameters again in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Literal, TypeAlias
from zoneinfo import ZoneInfo

from concours.kernel.reference.countries import country_name
from concours.kernel.reference.degrees import degree_name
from concours.kernel.reference.language_scales import language_scales
from concours.kernel.reference.languages import language_name
from concours.kernel.reference.memberships import memberships
from concours.kernel.reference.organisations import organisations

JSON: TypeAlias = "str | int | float | bool | list[JSON] | dict[str, JSON] | None"

LANGUAGES = ("en", "fr")

_NOTICE_OPEN_EN = "The post is open to nationals of %(members)s%(standing)s"
_NOTICE_OPEN_FR = "Le poste est ouvert aux ressortissants des %(members)s%(standing)s"

MESSAGES: dict[str, dict[str, str]] = {
    "nationality.pass": {
        "en": _NOTICE_OPEN_EN + "; on %(on)s your nationality, %(country)s, qualifies.",
        "fr": _NOTICE_OPEN_FR + " ; au %(on)s, votre nationalité (%(country)s) remplit cette condition.",
    },
    "nationality.fail": {
        "en": _NOTICE_OPEN_EN + "; on %(on)s none of your nationalities (%(countries)s) qualifies.",
        "fr": _NOTICE_OPEN_FR
        + " ; au %(on)s, aucune de vos nationalités (%(countries)s) ne remplit cette condition.",
    },
    "nationality.fail_not_yet": {
        "en": _NOTICE_OPEN_EN
        + "; on %(on)s none of your nationalities (%(countries)s) qualifies: %(country)s is a member only"
        " since %(since)s.",
        "fr": _NOTICE_OPEN_FR
        + " ; au %(on)s, aucune de vos nationalités (%(countries)s) ne remplit cette condition :"
        " %(country)s n'est membre que depuis le %(since)s.",
    },
    "nationality.fail_left": {
        "en": _NOTICE_OPEN_EN
        + "; on %(on)s none of your nationalities (%(countries)s) qualifies: %(country)s ceased to be a"
        " member after %(until)s.",
        "fr": _NOTICE_OPEN_FR
        + " ; au %(on)s, aucune de vos nationalités (%(countries)s) ne remplit cette condition :"
        " %(country)s a cessé d'être membre après le %(until)s.",
    },
    "nationality.fail_none": {
        "en": _NOTICE_OPEN_EN + "; your profile gives no nationality.",
        "fr": _NOTICE_OPEN_FR + " ; votre profil n'indique aucune nationalité.",
    },
    "nationality.open": {
        "en": "The notice sets no nationality restriction.",
        "fr": "L'avis ne fixe aucune condition de nationalité.",
    },
    "nationality.review_restriction": {
        "en": "The notice restricts nationality in words we cannot match to a list of countries"
        " (“%(restriction)s”); a person will check your nationalities (%(countries)s).",
        "fr": "L'avis restreint la nationalité en des termes que nous ne pouvons rattacher à une liste de"
        " pays (« %(restriction)s ») ; une personne vérifiera vos nationalités (%(countries)s).",
    },
    "nationality.review_organisation": {
        "en": "We do not know the nationality rule of the organisation “%(organisation)s”; a person will"
        " check your nationalities (%(countries)s).",
        "fr": "Nous ne connaissons pas la règle de nationalité de l'organisation « %(organisation)s » ;"
        " une personne vérifiera vos nationalités (%(countries)s).",
    },
    "languages.pass": {
        "en": "The notice asks for %(required)s; your profile shows %(shown)s, which meets it.",
        "fr": "L'avis demande %(required)s ; votre profil indique %(shown)s, ce qui remplit cette condition.",
    },
    "languages.fail": {
        "en": "The notice asks for %(required)s; your profile shows %(shown)s, which does not meet it.",
        "fr": "L'avis demande %(required)s ; votre profil indique %(shown)s, ce qui ne remplit pas cette"
        " condition.",
    },
    "languages.review_scale": {
        "en": "The notice asks for %(required)s on the %(scale)s scale; your profile shows %(shown)s,"
        " partly on another scale, so a person will compare them.",
        "fr": "L'avis demande %(required)s sur l'échelle %(scale)s ; votre profil indique %(shown)s, en"
        " partie sur une autre échelle : une personne fera la comparaison.",
    },
    "languages.review_profile": {
        "en": "The notice asks for %(required)s, skill by skill; your profile shows %(shown)s as a single"
        " level, so a person will check.",
        "fr": "L'avis demande %(required)s, compétence par compétence ; votre profil indique %(shown)s en"
        " un seul niveau : une personne vérifiera.",
    },
    "languages.review_requirement": {
        "en": "The notice's language requirement (%(required)s, scale %(scale)s) cannot be read on a known"
        " scale; a person will check your languages (%(shown)s).",
        "fr": "L'exigence linguistique de l'avis (%(required)s, échelle %(scale)s) ne peut être lue sur une"
        " échelle connue ; une personne vérifiera vos langues (%(shown)s).",
    },
    "experience.pass": {
        "en": "The notice asks for at least %(min_years)s years of experience in %(of)s; %(counted)s add"
        " up to %(years)s years by %(on)s.",
        "fr": "L'avis demande au moins %(min_years)s ans d'expérience (« %(of)s ») ; %(counted)s"
        " totalisent %(years)s ans au %(on)s.",
    },
    "experience.fail": {
        "en": "The notice asks for at least %(min_years)s years of experience in %(of)s; %(counted)s add"
        " up to only %(years)s years by %(on)s.",
        "fr": "L'avis demande au moins %(min_years)s ans d'expérience (« %(of)s ») ; %(counted)s ne"
        " totalisent que %(years)s ans au %(on)s.",
    },
    "experience.review_kind": {
        "en": "The notice asks for at least %(min_years)s years of experience in %(of)s, which we cannot"
        " match to the kinds of post in your profile; a person will check (your posts add up to"
        " %(years)s years in all by %(on)s).",
        "fr": "L'avis demande au moins %(min_years)s ans d'expérience (« %(of)s »), ce que nous ne"
        " pouvons rattacher aux types de poste de votre profil ; une personne vérifiera (vos postes"
        " totalisent %(years)s ans en tout au %(on)s).",
    },
    "degree.pass": {
        "en": "The notice asks for at least %(level)s; your profile shows %(held)s.",
        "fr": "L'avis demande au moins %(level)s ; votre profil indique %(held)s.",
    },
    "degree.fail": {
        "en": "The notice asks for at least %(level)s; your profile shows %(held)s, which is below it.",
        "fr": "L'avis demande au moins %(level)s ; votre profil indique %(held)s, ce qui est insuffisant.",
    },
    "degree.review_equivalent": {
        "en": "The notice asks for at least %(level)s or an equivalent qualification; your profile"
        " shows %(held)s, so a person will judge the equivalence.",
        "fr": "L'avis demande au moins %(level)s ou une qualification équivalente ; votre profil"
        " indique %(held)s : une personne appréciera l'équivalence.",
    },
    "degree.review_in_progress": {
        "en": "The notice asks for at least %(level)s; your profile shows %(held)s completed and"
        " %(studying)s not completed by %(on)s, so a person will check.",
        "fr": "L'avis demande au moins %(level)s ; votre profil indique comme diplôme obtenu %(held)s,"
        " et %(studying)s non achevé au %(on)s : une personne vérifiera.",
    },
    "deadline.pass": {
        "en": "Applications close on %(deadline)s (time zone %(zone)s); yours was submitted on"
        " %(submitted)s, in time.",
        "fr": "Les candidatures sont closes le %(deadline)s (fuseau horaire %(zone)s) ; la vôtre a été"
        " soumise le %(submitted)s, dans les délais.",
    },
    "deadline.fail": {
        "en": "Applications closed on %(deadline)s (time zone %(zone)s); yours was submitted on"
        " %(submitted)s, after the deadline.",
        "fr": "Les candidatures étaient closes le %(deadline)s (fuseau horaire %(zone)s) ; la vôtre a été"
        " soumise le %(submitted)s, après la date limite.",
    },
    # A local deadline at a duty station whose time zone is not known: the submission is shown in UTC.
    "deadline.pass_zone_unknown": {
        "en": "Applications close on %(deadline)s, local time at the duty station, whose time zone is not"
        " known; yours was submitted on %(submitted)s (%(zone)s), in time whatever that zone.",
        "fr": "Les candidatures sont closes le %(deadline)s, heure locale du lieu d'affectation, dont le"
        " fuseau horaire n'est pas connu ; la vôtre a été soumise le %(submitted)s (%(zone)s), dans les"
        " délais quel que soit ce fuseau.",
    },
    "deadline.fail_zone_unknown": {
        "en": "Applications closed on %(deadline)s, local time at the duty station, whose time zone is not"
        " known; yours was submitted on %(submitted)s (%(zone)s), after the deadline whatever that zone.",
        "fr": "Les candidatures étaient closes le %(deadline)s, heure locale du lieu d'affectation, dont le"
        " fuseau horaire n'est pas connu ; la vôtre a été soumise le %(submitted)s (%(zone)s), après la"
        " date limite quel que soit ce fuseau.",
    },
    "deadline.review_zone_unknown": {
        "en": "Applications close on %(deadline)s, local time at the duty station, whose time zone is not"
        " known; yours was submitted on %(submitted)s (%(zone)s), so a person will check that it was in"
        " time.",
        "fr": "Les candidatures sont closes le %(deadline)s, heure locale du lieu d'affectation, dont le"
        " fuseau horaire n'est pas connu ; la vôtre a été soumise le %(submitted)s (%(zone)s) : une"
        " personne vérifiera qu'elle était dans les délais.",
    },
    # Experience claimed per requirement (claims.py): "not claimed" apart from "claimed but short".
    "experience.pass_claimed": {
        "en": "The notice asks for at least %(min_years)s years of experience in %(of)s; %(claimed)s comes"
        " to %(years)s years by %(on)s.",
        "fr": "L’avis demande au moins %(min_years)s ans d’expérience (« %(of)s ») ; %(claimed)s"
        " totalise %(years)s ans au %(on)s.",
    },
    "experience.fail_claimed": {
        "en": "The notice asks for at least %(min_years)s years of experience in %(of)s; %(claimed)s comes"
        " to only %(years)s years by %(on)s, which is short of it.",
        "fr": "L’avis demande au moins %(min_years)s ans d’expérience (« %(of)s ») ; %(claimed)s ne"
        " totalise que %(years)s ans au %(on)s, ce qui ne suffit pas.",
    },
    "experience.not_claimed": {
        "en": "The notice asks for at least %(min_years)s years of experience in %(of)s; you claimed no"
        " post for it.",
        "fr": "L’avis demande au moins %(min_years)s ans d’expérience (« %(of)s ») ; vous n’avez"
        " déclaré aucun poste pour cette exigence.",
    },
    # Knock-out screening questions of the vacancy (questions.py).
    "question.pass": {
        "en": "The vacancy asks “%(question)s”; you answered %(answer)s, as it requires (%(expected)s).",
        "fr": "L’offre demande « %(question)s » ; vous avez répondu %(answer)s, comme elle l’exige"
        " (%(expected)s).",
    },
    "question.fail": {
        "en": "The vacancy asks “%(question)s”; you answered %(answer)s, and it requires %(expected)s.",
        "fr": "L’offre demande « %(question)s » ; vous avez répondu %(answer)s, alors qu’elle exige"
        " %(expected)s.",
    },
    "question.review_unanswered": {
        "en": "The vacancy asks “%(question)s” and requires %(expected)s; you gave no answer,"
        " so a person will check.",
        "fr": "L’offre demande « %(question)s » et exige %(expected)s ; vous n’avez pas répondu :"
        " une personne vérifiera.",
    },
}

# The same reasons for staff, in the third person ("the candidate's nationality"): recruiters read them
# in the back office. Every code of MESSAGES has one here (tests/kernel/eligibility/test_messages.py).
STAFF_MESSAGES: dict[str, dict[str, str]] = {
    "nationality.pass": {
        "en": _NOTICE_OPEN_EN + "; on %(on)s the candidate's nationality, %(country)s, qualifies.",
        "fr": _NOTICE_OPEN_FR
        + " ; au %(on)s, la nationalité indiquée au profil (%(country)s) remplit cette condition.",
    },
    "nationality.fail": {
        "en": _NOTICE_OPEN_EN
        + "; on %(on)s none of the candidate's nationalities (%(countries)s) qualifies.",
        "fr": _NOTICE_OPEN_FR + " ; au %(on)s, aucune des nationalités indiquées au profil (%(countries)s) ne"
        " remplit cette condition.",
    },
    "nationality.fail_not_yet": {
        "en": _NOTICE_OPEN_EN + "; on %(on)s none of the candidate's nationalities (%(countries)s) qualifies:"
        " %(country)s is a member only since %(since)s.",
        "fr": _NOTICE_OPEN_FR + " ; au %(on)s, aucune des nationalités indiquées au profil (%(countries)s) ne"
        " remplit cette condition : %(country)s n'est membre que depuis le %(since)s.",
    },
    "nationality.fail_left": {
        "en": _NOTICE_OPEN_EN + "; on %(on)s none of the candidate's nationalities (%(countries)s) qualifies:"
        " %(country)s ceased to be a member after %(until)s.",
        "fr": _NOTICE_OPEN_FR + " ; au %(on)s, aucune des nationalités indiquées au profil (%(countries)s) ne"
        " remplit cette condition : %(country)s a cessé d'être membre après le %(until)s.",
    },
    "nationality.fail_none": {
        "en": _NOTICE_OPEN_EN + "; the candidate's profile gives no nationality.",
        "fr": _NOTICE_OPEN_FR + " ; le profil n'indique aucune nationalité.",
    },
    "nationality.open": MESSAGES["nationality.open"],
    "nationality.review_restriction": {
        "en": "The notice restricts nationality in words Concours cannot match to a list of countries"
        " (“%(restriction)s”); check the candidate's nationalities (%(countries)s).",
        "fr": "L'avis restreint la nationalité en des termes que Concours ne peut rattacher à une liste de"
        " pays (« %(restriction)s ») ; vérifiez les nationalités indiquées au profil (%(countries)s).",
    },
    "nationality.review_organisation": {
        "en": "Concours does not know the nationality rule of the organisation “%(organisation)s”; check the"
        " candidate's nationalities (%(countries)s).",
        "fr": "Concours ne connaît pas la règle de nationalité de l'organisation « %(organisation)s » ;"
        " vérifiez les nationalités indiquées au profil (%(countries)s).",
    },
    "languages.pass": {
        "en": "The notice asks for %(required)s; the candidate's profile shows %(shown)s, which meets it.",
        "fr": "L'avis demande %(required)s ; le profil indique %(shown)s, ce qui remplit cette condition.",
    },
    "languages.fail": {
        "en": "The notice asks for %(required)s; the candidate's profile shows %(shown)s, which does not meet"
        " it.",
        "fr": "L'avis demande %(required)s ; le profil indique %(shown)s, ce qui ne remplit pas cette"
        " condition.",
    },
    "languages.review_scale": {
        "en": "The notice asks for %(required)s on the %(scale)s scale; the candidate's profile shows"
        " %(shown)s, partly on another scale: compare them.",
        "fr": "L'avis demande %(required)s sur l'échelle %(scale)s ; le profil indique %(shown)s, en partie"
        " sur une autre échelle : comparez-les.",
    },
    "languages.review_profile": {
        "en": "The notice asks for %(required)s, skill by skill; the candidate's profile shows %(shown)s as a"
        " single level: check it skill by skill.",
        "fr": "L'avis demande %(required)s, compétence par compétence ; le profil indique %(shown)s en un"
        " seul niveau : vérifiez-le compétence par compétence.",
    },
    "languages.review_requirement": {
        "en": "The notice's language requirement (%(required)s, scale %(scale)s) cannot be read on a known"
        " scale; check the candidate's languages (%(shown)s).",
        "fr": "L'exigence linguistique de l'avis (%(required)s, échelle %(scale)s) ne peut être lue sur une"
        " échelle connue ; vérifiez les langues indiquées au profil (%(shown)s).",
    },
    # Which posts count is said by the `counted` parameter, in the staff's words too.
    "experience.pass": MESSAGES["experience.pass"],
    "experience.fail": MESSAGES["experience.fail"],
    "experience.review_kind": {
        "en": "The notice asks for at least %(min_years)s years of experience in %(of)s, which Concours"
        " cannot match to the kinds of post in the candidate's profile; check (the candidate's posts add up"
        " to %(years)s years in all by %(on)s).",
        "fr": "L'avis demande au moins %(min_years)s ans d'expérience (« %(of)s »), ce que Concours ne peut"
        " rattacher aux types de poste du profil ; vérifiez (les postes du profil totalisent %(years)s ans"
        " en tout au %(on)s).",
    },
    "degree.pass": {
        "en": "The notice asks for at least %(level)s; the candidate's profile shows %(held)s.",
        "fr": "L'avis demande au moins %(level)s ; le profil indique %(held)s.",
    },
    "degree.fail": {
        "en": "The notice asks for at least %(level)s; the candidate's profile shows %(held)s, which is below"
        " it.",
        "fr": "L'avis demande au moins %(level)s ; le profil indique %(held)s, ce qui est insuffisant.",
    },
    "degree.review_equivalent": {
        "en": "The notice asks for at least %(level)s or an equivalent qualification; the candidate's profile"
        " shows %(held)s: judge the equivalence.",
        "fr": "L'avis demande au moins %(level)s ou une qualification équivalente ; le profil indique"
        " %(held)s : appréciez l'équivalence.",
    },
    "degree.review_in_progress": {
        "en": "The notice asks for at least %(level)s; the candidate's profile shows %(held)s completed and"
        " %(studying)s not completed by %(on)s: check.",
        "fr": "L'avis demande au moins %(level)s ; le profil indique comme diplôme obtenu %(held)s, et"
        " %(studying)s non achevé au %(on)s : vérifiez.",
    },
    "deadline.pass": {
        "en": "Applications close on %(deadline)s (time zone %(zone)s); the application was submitted on"
        " %(submitted)s, in time.",
        "fr": "Les candidatures sont closes le %(deadline)s (fuseau horaire %(zone)s) ; la candidature a été"
        " soumise le %(submitted)s, dans les délais.",
    },
    "deadline.fail": {
        "en": "Applications closed on %(deadline)s (time zone %(zone)s); the application was submitted on"
        " %(submitted)s, after the deadline.",
        "fr": "Les candidatures étaient closes le %(deadline)s (fuseau horaire %(zone)s) ; la candidature a"
        " été soumise le %(submitted)s, après la date limite.",
    },
    "deadline.pass_zone_unknown": {
        "en": "Applications close on %(deadline)s, local time at the duty station, whose time zone is not"
        " known; the application was submitted on %(submitted)s (%(zone)s), in time whatever that zone.",
        "fr": "Les candidatures sont closes le %(deadline)s, heure locale du lieu d'affectation, dont le"
        " fuseau horaire n'est pas connu ; la candidature a été soumise le %(submitted)s (%(zone)s), dans"
        " les délais quel que soit ce fuseau.",
    },
    "deadline.fail_zone_unknown": {
        "en": "Applications closed on %(deadline)s, local time at the duty station, whose time zone is not"
        " known; the application was submitted on %(submitted)s (%(zone)s), after the deadline whatever"
        " that zone.",
        "fr": "Les candidatures étaient closes le %(deadline)s, heure locale du lieu d'affectation, dont le"
        " fuseau horaire n'est pas connu ; la candidature a été soumise le %(submitted)s (%(zone)s), après"
        " la date limite quel que soit ce fuseau.",
    },
    "deadline.review_zone_unknown": {
        "en": "Applications close on %(deadline)s, local time at the duty station, whose time zone is not"
        " known; the application was submitted on %(submitted)s (%(zone)s): check that it was in time.",
        "fr": "Les candidatures sont closes le %(deadline)s, heure locale du lieu d'affectation, dont le"
        " fuseau horaire n'est pas connu ; la candidature a été soumise le %(submitted)s (%(zone)s) :"
        " vérifiez qu'elle était dans les délais.",
    },
    "experience.pass_claimed": MESSAGES["experience.pass_claimed"],
    "experience.fail_claimed": MESSAGES["experience.fail_claimed"],
    "experience.not_claimed": {
        "en": "The notice asks for at least %(min_years)s years of experience in %(of)s; the candidate"
        " claimed no post for it.",
        "fr": "L’avis demande au moins %(min_years)s ans d’expérience (« %(of)s ») ; la candidature"
        " ne déclare aucun poste pour cette exigence.",
    },
    "question.pass": {
        "en": "The vacancy asks “%(question)s”; the candidate answered %(answer)s, as it requires"
        " (%(expected)s).",
        "fr": "L’offre demande « %(question)s » ; la réponse donnée est %(answer)s, comme elle l’exige"
        " (%(expected)s).",
    },
    "question.fail": {
        "en": "The vacancy asks “%(question)s”; the candidate answered %(answer)s, and it requires"
        " %(expected)s.",
        "fr": "L’offre demande « %(question)s » ; la réponse donnée est %(answer)s, alors qu’elle exige"
        " %(expected)s.",
    },
    "question.review_unanswered": {
        "en": "The vacancy asks “%(question)s” and requires %(expected)s; the candidate gave no answer:"
        " check.",
        "fr": "L’offre demande « %(question)s » et exige %(expected)s ; la candidature n’y répond pas :"
        " vérifiez.",
    },
}

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
}  # fmt: skip

_WORDS = {
    "en": {"and": "and", "or": "or", "none": "none given", "no_degree": "no completed degree",
           "posts": "your posts", "posts_tagged": "your posts tagged %s", "no_level": "no level in %s",
           "end_of_day": "%s at the end of the day", "at": "%s at %s", "other": "other",
           "standing": " (a standing rule of %s, even where the notice does not state it)",
           "either_way": "%s in %s and %s in the other", "any_level": "(at any level)",
           "slp": "SLP %s", "stanag": "STANAG 6001 level %s"},
    "fr": {"and": "et", "or": "ou", "none": "aucune indiquée", "no_degree": "aucun diplôme obtenu",
           "posts": "vos postes", "posts_tagged": "vos postes marqués %s", "no_level": "aucun niveau en %s",
           "end_of_day": "%s à la fin de la journée", "at": "%s à %s", "other": "autre",
           "standing": " (règle permanente de %s, même si l'avis ne la mentionne pas)",
           "either_way": "%s en %s et %s dans l'autre", "any_level": "(quel que soit le niveau)",
           "slp": "PLS %s", "stanag": "STANAG 6001 niveau %s"},
}  # fmt: skip

# The words that change with the reader: the candidate reads "your posts", staff "the candidate's posts".
_STAFF_WORDS = {
    "en": {"posts": "the candidate's posts", "posts_tagged": "the candidate's posts tagged %s"},
    "fr": {"posts": "les postes du profil", "posts_tagged": "les postes du profil marqués %s"},
}

_TAGS = {
    "senior": ("senior", "haut niveau"),
    "management": ("management", "encadrement"),
    "diplomatic": ("diplomatic", "diplomatie"),
    "multilateral": ("multilateral", "multilatéral"),
    "international_organisation": ("international organisation", "organisation internationale"),
    "policy": ("policy", "élaboration des politiques"),
    "political_analysis": ("political analysis", "analyse politique"),
    "defence": ("defence", "défense"),
    "security": ("security", "sécurité"),
    "change_management": ("change management", "conduite du changement"),
    "chairing": ("chairing", "présidence de réunions"),
}


Voice: TypeAlias = Literal["candidate", "staff"]


def render(code: str, params: dict[str, JSON], lang: str = "en", voice: Voice = "candidate") -> str:
    """The message `code` in `lang` ('en' or 'fr'; anything else gets English), with its parameters.

    `voice`: "candidate" speaks to the candidate ("your nationality"); "staff" speaks of them ("the
    candidate's nationality"), for the back office.
    """
    lang = lang if lang in LANGUAGES else "en"
    staff = voice == "staff"
    template = _years_agreed(
        ((STAFF_MESSAGES.get(code) if staff else None) or MESSAGES[code])[lang], params, lang
    )
    values = {}
    for name, value in params.items():
        if name == "counted":
            values[name] = _counted(value, lang, staff=staff)
        elif name == "claimed":
            values[name] = _claimed(value, lang, staff=staff)
        elif name in _IN_CONTEXT:
            values[name] = _IN_CONTEXT[name](value, lang, params)
        else:
            values[name] = _FORMATTERS.get(name, _plain)(value, lang)
    return template % values


_YEAR_WORDS = {"en": ("year", "years"), "fr": ("an", "ans")}


def _years_agreed(template: str, params: dict[str, JSON], lang: str) -> str:
    """A number of years agrees with its word: "1 year" in English; "0 an", "1 an", "1,5 an" in French,
    where a number below two takes the singular."""
    singular, plural = _YEAR_WORDS[lang]
    for name in ("years", "min_years"):
        value = params.get(name)
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if (value < 2) if lang == "fr" else (value == 1):
            template = template.replace(f"%({name})s {plural}", f"%({name})s {singular}")
    return template


def _w(lang: str, key: str) -> str:
    return _WORDS[lang][key]


def _plain(value: JSON, lang: str) -> str:
    return "" if value is None else str(value)


def _listing(items: list[str], lang: str, joiner: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {_w(lang, joiner)} " + items[-1]


def format_date(value: JSON, lang: str) -> str:
    """'2023-04-04' -> '4 April 2023' / '4 avril 2023' (French writes the first day '1er')."""
    day = date.fromisoformat(str(value))
    number = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{number} {_MONTHS[lang][day.month - 1]} {day.year}"


def format_number(value: JSON, lang: str) -> str:
    """15 -> '15', 10.5 -> '10.5' / '10,5'."""
    number = float(value) if isinstance(value, int | float) else 0.0
    text = str(int(number)) if number == int(number) else f"{number:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def _datetime(value: JSON, lang: str) -> str:
    """A deadline: a date alone ('... at the end of the day') or a local time."""
    text = str(value)
    if len(text) == 10:
        return _w(lang, "end_of_day") % format_date(text, lang)
    moment = datetime.fromisoformat(text)
    return _w(lang, "at") % (format_date(moment.date().isoformat(), lang), moment.strftime("%H:%M:%S"))


def _submitted(value: JSON, lang: str, params: dict[str, JSON]) -> str:
    """A submission instant, shown in the deadline's zone (params['zone']) so the two compare at a glance."""
    moment = datetime.fromisoformat(str(value))
    zone = params.get("zone")
    if moment.tzinfo is not None and isinstance(zone, str):
        moment = moment.astimezone(ZoneInfo(zone))
    return _w(lang, "at") % (format_date(moment.date().isoformat(), lang), moment.strftime("%H:%M:%S"))


def _countries(value: JSON, lang: str) -> str:
    codes = [str(code) for code in value] if isinstance(value, list) else []
    return _listing([country_name(code, lang) for code in codes], lang) if codes else _w(lang, "none")


def _members(value: JSON, lang: str) -> str:
    found = memberships().get(str(value))
    return found.members_phrase(lang) if found else str(value)


def _standing(value: JSON, lang: str) -> str:
    found = organisations().get(str(value)) if value else None
    return _w(lang, "standing") % found.name(lang) if found else ""


def _scale(value: JSON, lang: str) -> str:
    found = language_scales().get(str(value))
    return found.name(lang) if found else _w(lang, "other")


def _level(language: str, scale: str, level: str | None, lang: str) -> str:
    """'English VI (Proficiency)', 'anglais C1', 'English SLP 3321', 'English (at any level)'."""
    if level is None:
        return f"{language_name(language, lang)} {_w(lang, 'any_level')}"
    table = language_scales().get(scale)
    written: str = level
    if table is not None and table.is_profile_scale:
        written = _w(lang, "slp" if len(level) == 4 else "stanag") % level
    elif table is not None:
        found = table.level(table.normalise(level) or level)
        if found is not None and scale == "NATO":
            written = f"{found.code} ({found.name(lang)})"
        elif found is not None and scale == "UN":
            written = found.name(lang)
    return f"{language_name(language, lang)} {written}"


def _required(value: JSON, lang: str) -> str:
    """The alternatives of a language requirement: [[["en", "VI"], ["fr", "II"]], ...] with a 'scale'.

    Value: {"scale": ..., "any_of": [[[language, level], ...], ...]}. Two alternatives that swap the same
    two levels between two languages read "VI in English or French and II in the other".
    """
    if not isinstance(value, dict):
        return str(value)
    scale = str(value.get("scale"))
    any_of = value.get("any_of")
    alternatives: list[list[tuple[str, str | None]]] = []
    if isinstance(any_of, list):
        for alternative in any_of:
            if isinstance(alternative, list):
                alternatives.append(
                    [
                        (str(item[0]), None if item[1] is None else str(item[1]))
                        for item in alternative
                        if isinstance(item, list)
                    ]
                )
    if len(alternatives) == 2 and len(alternatives[0]) == 2 and len(alternatives[1]) == 2:
        (l1, v1), (l2, v2) = alternatives[0]
        if alternatives[1] == [(l2, v1), (l1, v2)]:
            first = _level(l1, scale, v1, lang).split(" ", 1)[1]
            second = _level(l2, scale, v2, lang).split(" ", 1)[1]
            either = _listing([language_name(l1, lang), language_name(l2, lang)], lang, "or")
            return _w(lang, "either_way") % (first, either, second)
    return f" {_w(lang, 'or')} ".join(
        _listing([_level(language, scale, level, lang) for language, level in alternative], lang)
        for alternative in alternatives
    )


def _shown(value: JSON, lang: str) -> str:
    """What the profile shows: {"skills": [[language, scale, level], ...], "languages": [...]}."""
    if not isinstance(value, dict):
        return str(value)
    skills = value.get("skills")
    named = [
        _level(str(item[0]), str(item[1]), str(item[2]), lang)
        for item in (skills if isinstance(skills, list) else [])
        if isinstance(item, list)
    ]
    if named:
        return _listing(named, lang)
    languages = value.get("languages")
    names = [language_name(str(code), lang) for code in (languages if isinstance(languages, list) else [])]
    return _w(lang, "no_level") % _listing(names, lang, "or")


def _counted(value: JSON, lang: str, *, staff: bool = False) -> str:
    """Which posts count: [] -> 'your posts'; [["senior"], ["management"]] -> 'your posts tagged ...'."""
    voiced = _STAFF_WORDS[lang] if staff else _WORDS[lang]
    groups = [group for group in value if isinstance(group, list)] if isinstance(value, list) else []
    if not groups:
        return voiced["posts"]
    index = 1 if lang == "fr" else 0
    words = []
    for group in groups:
        names = [
            f"“{_TAGS[str(tag)][index]}”" if lang == "en" else f"« {_TAGS[str(tag)][index]} »"
            for tag in group
        ]
        alternatives = _listing(names, lang, "or")
        words.append(f"({alternatives})" if len(names) > 1 and len(groups) > 1 else alternatives)
    return voiced["posts_tagged"] % _listing(words, lang)


def _degree(value: JSON, lang: str) -> str:
    return degree_name(str(value), lang) if value else _w(lang, "no_degree")


def _zone(value: JSON, lang: str) -> str:
    return str(value)


# Whose choice of posts a claimed-experience reason speaks of, per reader and review.
_CLAIM_WORDS = {
    "en": {(False, False): "your claim", (False, True): "your claim as reviewed by a recruiter",
           (True, False): "the candidate's claim", (True, True): "the claim as reviewed by a recruiter",
           "post": "post", "posts": "posts", "none": "no post"},
    "fr": {(False, False): "votre déclaration", (False, True): "votre déclaration revue par le recrutement",
           (True, False): "la déclaration de la candidature",
           (True, True): "la déclaration revue par le recrutement",
           "post": "poste", "posts": "postes", "none": "aucun poste"},
}  # fmt: skip


def _claimed(value: JSON, lang: str, *, staff: bool = False) -> str:
    """{"posts": 2, "reviewed": false} -> 'your claim (2 posts)', 'the candidate's claim (2 posts)'."""
    words = _CLAIM_WORDS[lang]
    details = value if isinstance(value, dict) else {}
    posts = details.get("posts")
    count = posts if isinstance(posts, int) and not isinstance(posts, bool) else 0
    whose = words[(staff, details.get("reviewed") is True)]
    if count == 0:
        return f"{whose} ({words['none']})"
    return f"{whose} ({count} {words['post'] if count == 1 else words['posts']})"


def _question(value: JSON, lang: str) -> str:
    """A question in the reader's language ({"en": ..., "fr": ...}), English when not translated."""
    if isinstance(value, dict):
        text = value.get(lang) or value.get("en")
        return str(text) if text else ""
    return "" if value is None else str(value)


_YES_NO = {"en": ("“Yes”", "“No”"), "fr": ("« oui »", "« non »")}
_NO_ANSWER = {"en": "no answer", "fr": "aucune réponse"}
_AT_LEAST = {"en": "at least %s", "fr": "au moins %s"}


def _answer(value: JSON, lang: str) -> str:
    if isinstance(value, bool):
        return _YES_NO[lang][0 if value else 1]
    if isinstance(value, int | float):
        return format_number(value, lang)
    return _NO_ANSWER[lang]


def _expected(value: JSON, lang: str) -> str:
    """{"yes": true} -> '“Yes”'; {"minimum": 5} -> 'at least 5'."""
    if isinstance(value, dict):
        if isinstance(value.get("yes"), bool):
            return _answer(value["yes"], lang)
        if isinstance(value.get("minimum"), int | float):
            return _AT_LEAST[lang] % format_number(value["minimum"], lang)
    return ""


_FORMATTERS: dict[str, Callable[[JSON, str], str]] = {
    "on": format_date,
    "since": format_date,
    "until": format_date,
    "country": lambda value, lang: country_name(str(value), lang),
    "countries": _countries,
    "members": _members,
    "standing": _standing,
    "scale": _scale,
    "required": _required,
    "shown": _shown,
    "min_years": format_number,
    "max_years": format_number,
    "years": format_number,
    "counted": _counted,
    "level": _degree,
    "held": _degree,
    "studying": _degree,
    "deadline": _datetime,
    "zone": _zone,
    "question": _question,
    "answer": _answer,
    "expected": _expected,
}
# Formatters that need the other parameters of the message.
_IN_CONTEXT: dict[str, Callable[[JSON, str, dict[str, JSON]], str]] = {"submitted": _submitted}
