"""What the assessment figures mean, in English and French: Krippendorff's alpha read against its
thresholds, and a tie at the cut of a top-N proposal.

A figure keeps a code and language-neutral parameters; `render` writes the sentence in the reader's
language, so the web application can say it again in the user's language.
"""

from __future__ import annotations

from typing import TypeAlias

JSON: TypeAlias = "str | int | float | bool | list[JSON] | dict[str, JSON] | None"

LANGUAGES = ("en", "fr")

_ALPHA_EN = "Krippendorff's alpha is %(alpha)s: "
_ALPHA_FR = "L'alpha de Krippendorff vaut %(alpha)s : "

MESSAGES: dict[str, dict[str, str]] = {
    "alpha.reliable": {
        "en": _ALPHA_EN + "the members' scores agree well enough to be relied on (0.800 or more).",
        "fr": _ALPHA_FR + "les notes des membres concordent assez pour qu'on s'y fie (0,800 ou plus).",
    },
    "alpha.tentative": {
        "en": _ALPHA_EN + "the members' scores agree only well enough for tentative conclusions"
        " (from 0.667 to under 0.800).",
        "fr": _ALPHA_FR + "les notes des membres ne concordent assez que pour des conclusions provisoires"
        " (de 0,667 à moins de 0,800).",
    },
    "alpha.unreliable": {
        "en": _ALPHA_EN + "the panel did not agree; below 0.667 its scores should not be relied on"
        " without discussing them.",
        "fr": _ALPHA_FR + "le jury ne s'est pas accordé ; en dessous de 0,667, ses notes ne devraient pas"
        " être retenues sans en discuter.",
    },
    "alpha.below_chance": {
        "en": _ALPHA_EN + "the panel did not agree; below 0 its members disagree more than chance alone"
        " would make them, so check that they read the scale the same way.",
        "fr": _ALPHA_FR + "le jury ne s'est pas accordé ; en dessous de 0, ses membres divergent plus que"
        " le seul hasard ne le voudrait : vérifiez qu'ils lisent l'échelle de la même façon.",
    },
    "alpha.no_pairs": {
        "en": "Agreement cannot be measured: no candidate has been scored by at least two members on the"
        " same criterion.",
        "fr": "L'accord ne peut pas être mesuré : aucun candidat n'a été noté par au moins deux membres sur"
        " un même critère.",
    },
    "alpha.no_variance": {
        "en": "Agreement cannot be measured: every score given by two or more members is the same, so"
        " there is no variation to agree on.",
        "fr": "L'accord ne peut pas être mesuré : toutes les notes données par deux membres ou plus sont"
        " identiques ; il n'y a pas de variation sur laquelle s'accorder.",
    },
    "cut.tied": {
        "en": "%(count)s candidates are proposed for the top %(n)s: %(tied)s share rank %(rank)s at the"
        " cut, and all of them are kept; the panel decides.",
        "fr": "%(count)s candidats sont proposés pour les %(n)s premières places : %(tied)s sont ex aequo"
        " au rang %(rank)s, à la limite, et tous sont retenus ; le jury décide.",
    },
}


def render(code: str, params: dict[str, JSON], lang: str = "en") -> str:
    """The message `code` in `lang` ('en' or 'fr'; anything else gets English), with its parameters."""
    lang = lang if lang in LANGUAGES else "en"
    values = {name: _FORMATTERS.get(name, _plain)(value, lang) for name, value in params.items()}
    return MESSAGES[code][lang] % values


def format_alpha(value: JSON, lang: str) -> str:
    """0.8123 -> '0.812' / '0,812': three decimals, as the thresholds are written."""
    number = float(value) if isinstance(value, int | float) else 0.0
    text = f"{round(number, 3) + 0.0:.3f}"  # + 0.0 turns -0.0 into 0.0: no "-0.000"
    return text.replace(".", ",") if lang == "fr" else text


def _plain(value: JSON, lang: str) -> str:
    return "" if value is None else str(value)


_FORMATTERS = {"alpha": format_alpha}
