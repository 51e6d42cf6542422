"""What the essay kernel tells people, in English and French: refusals of a file and the results of the
checks against a notice's rules.

Like the eligibility kernel, a refusal or a check keeps a message code and language-neutral parameters
(byte counts, page counts, phrases, a file name); `render` turns them into a sentence in the reader's
language, formatting each parameter by its name (`size` -> "6.2 MB", `phrases` -> a quoted list, ...).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

JSON: TypeAlias = "str | int | float | bool | list[JSON] | dict[str, JSON] | None"

LANGUAGES = ("en", "fr")

_AGAIN_EN = " Please save your essay as a Word document (.docx) and attach it again."
_AGAIN_FR = " Veuillez enregistrer votre essai au format Word (.docx) et le joindre à nouveau."

MESSAGES: dict[str, dict[str, str]] = {
    "refused.empty": {
        "en": "The file is empty (0 bytes)." + _AGAIN_EN,
        "fr": "Le fichier est vide (0 octet)." + _AGAIN_FR,
    },
    "refused.too_large": {
        "en": "The file is %(size)s, more than the %(limit)s allowed for an essay.",
        "fr": "Le fichier fait %(size)s, plus que les %(limit)s admis pour un essai.",
    },
    "refused.not_docx": {
        "en": "The file is not a Word document (.docx): it is %(found)s." + _AGAIN_EN,
        "fr": "Le fichier n'est pas un document Word (.docx) : c'est %(found)s." + _AGAIN_FR,
    },
    "refused.legacy_doc": {
        "en": "The file is in the old Word 97-2003 format (.doc), which we do not accept for security"
        " reasons." + _AGAIN_EN,
        "fr": "Le fichier est à l'ancien format Word 97-2003 (.doc), que nous n'acceptons pas pour des"
        " raisons de sécurité." + _AGAIN_FR,
    },
    "refused.macro": {
        "en": "The document contains macros or active content (%(found)s), which we do not accept."
        " Please save it as a plain Word document (.docx, not .docm) and attach it again.",
        "fr": "Le document contient des macros ou du contenu actif (%(found)s), que nous n'acceptons pas."
        " Veuillez l'enregistrer comme document Word simple (.docx, et non .docm) et le joindre à nouveau.",
    },
    "refused.encrypted": {
        "en": "The document is protected by a password, so nobody could read it. Please remove the"
        " password and attach it again.",
        "fr": "Le document est protégé par un mot de passe : personne ne pourrait le lire. Veuillez retirer"
        " le mot de passe et le joindre à nouveau.",
    },
    "refused.zip_bomb": {
        "en": "The document unpacks to far more data than an essay can hold (%(found)s); it looks"
        " damaged or crafted, so we do not open it.",
        "fr": "Le document se décompresse en bien plus de données qu'un essai ne peut en contenir"
        " (%(found)s) ; il semble endommagé ou fabriqué : nous ne l'ouvrons pas.",
    },
    "refused.unsafe_path": {
        "en": "The document contains a part with an unsafe name (%(name)s); it looks crafted, so we do"
        " not open it." + _AGAIN_EN,
        "fr": "Le document contient une partie au nom dangereux (%(name)s) ; il semble fabriqué : nous ne"
        " l'ouvrons pas." + _AGAIN_FR,
    },
    "refused.xml_entities": {
        "en": "The document's part %(name)s declares XML entities or a DTD, which Word never writes; we"
        " do not open it." + _AGAIN_EN,
        "fr": "La partie %(name)s du document déclare des entités XML ou une DTD, ce que Word n'écrit"
        " jamais ; nous ne l'ouvrons pas." + _AGAIN_FR,
    },
    "refused.external_content": {
        "en": "The document loads content from outside itself (%(name)s); please insert pictures and"
        " objects into the document rather than linking them, and attach it again.",
        "fr": "Le document charge du contenu extérieur (%(name)s) ; veuillez insérer les images et les"
        " objets dans le document plutôt que de les lier, puis le joindre à nouveau.",
    },
    "refused.malformed": {
        "en": "The document is damaged and cannot be read (%(detail)s)." + _AGAIN_EN,
        "fr": "Le document est endommagé et ne peut être lu (%(detail)s)." + _AGAIN_FR,
    },
    "refused.too_costly": {
        "en": "The document holds far more than an essay could: %(amount)s %(what)s, where an essay may"
        " have at most %(allowed)s. Laying it out would take too long, so we do not. Please attach the"
        " essay alone, as a plain Word document.",
        "fr": "Le document contient bien plus qu'un essai ne le pourrait : %(amount)s %(what)s, quand un"
        " essai en compte au plus %(allowed)s. Sa mise en page prendrait trop de temps : nous ne la"
        " faisons pas. Veuillez joindre l'essai seul, dans un document Word simple.",
    },
    "format.pass": {
        "en": "The notice asks for an MS Word document; the file is one (.docx).",
        "fr": "L'avis demande un document MS Word ; le fichier en est un (.docx).",
    },
    "format.fail": {
        "en": "The notice asks for a %(expected)s document; the file is a %(found)s document.",
        "fr": "L'avis demande un document %(expected)s ; le fichier est un document %(found)s.",
    },
    "pages.pass": {
        "en": "The notice allows at most %(max_pages)s; the essay fills %(pages)s.",
        "fr": "L'avis admet au plus %(max_pages)s ; l'essai en occupe %(pages)s.",
    },
    "pages.fail": {
        "en": "The notice allows at most %(max_pages)s; the essay fills %(pages)s.",
        "fr": "L'avis admet au plus %(max_pages)s ; l'essai en occupe %(pages)s.",
    },
    "pages.pending": {
        "en": "The notice allows at most %(max_pages)s; the pages will be counted once the essay is"
        " rendered.",
        "fr": "L'avis admet au plus %(max_pages)s ; les pages seront comptées une fois l'essai mis en page.",
    },
    "paper.pass": {
        "en": "The notice asks for %(expected)s paper; the document is set on %(found)s.",
        "fr": "L'avis demande le format %(expected)s ; le document est mis en page en %(found)s.",
    },
    "paper.fail": {
        "en": "The notice asks for %(expected)s paper; the document is set on %(found)s.",
        "fr": "L'avis demande le format %(expected)s ; le document est mis en page en %(found)s.",
    },
    "paper.unknown": {
        "en": "The notice asks for %(expected)s paper; the document does not say its paper size.",
        "fr": "L'avis demande le format %(expected)s ; le document n'indique pas son format de papier.",
    },
    "title.pass": {
        "en": "The title of the attachment must include %(phrases)s; the file name “%(file_name)s”"
        " includes them. (Title property of the document: %(title)s.)",
        "fr": "Le titre de la pièce jointe doit comporter %(phrases)s ; le nom du fichier"
        " « %(file_name)s » les comporte. (Propriété titre du document : %(title)s.)",
    },
    "title.fail": {
        "en": "The title of the attachment must include %(phrases)s; the file name “%(file_name)s”"
        " lacks %(missing)s. (Title property of the document: %(title)s.)",
        "fr": "Le titre de la pièce jointe doit comporter %(phrases)s ; il manque %(missing)s au nom du"
        " fichier « %(file_name)s ». (Propriété titre du document : %(title)s.)",
    },
}

_FOUND: dict[str, dict[str, str]] = {
    "pdf": {"en": "a PDF file", "fr": "un fichier PDF"},
    "rtf": {"en": "an RTF file", "fr": "un fichier RTF"},
    "zip": {"en": "a ZIP archive that holds no Word document", "fr": "une archive ZIP sans document Word"},
    "template": {"en": "a Word template (.dotx)", "fr": "un modèle Word (.dotx)"},
    "office": {"en": "another Office document", "fr": "un autre document Office"},
    "unknown": {"en": "a file of another kind", "fr": "un fichier d'un autre type"},
    "vba": {"en": "a VBA project", "fr": "un projet VBA"},
    "macro_enabled": {"en": "a macro-enabled document", "fr": "un document prenant en charge les macros"},
    "activex": {"en": "ActiveX controls", "fr": "des contrôles ActiveX"},
    "entries": {"en": "too many parts", "fr": "trop de parties"},
    "size": {"en": "too much uncompressed data", "fr": "trop de données décompressées"},
    "ratio": {"en": "an impossible compression ratio", "fr": "un taux de compression impossible"},
    "docx": {"en": "MS Word (.docx)", "fr": "MS Word (.docx)"},
}

# What a document has too much of (`refused.too_costly`), after its count.
_WHAT: dict[str, dict[str, str]] = {
    "markup": {"en": "bytes of Word markup", "fr": "octets de balisage Word"},
    "text": {"en": "characters of text", "fr": "caractères de texte"},
    "paragraphs": {
        "en": "paragraphs, breaks and table cells",
        "fr": "paragraphes, sauts et cellules de tableau",
    },
}

_NONE = {"en": "none", "fr": "aucune"}
_PAGE = {"en": ("page", "pages"), "fr": ("page", "pages")}
_AND = {"en": "and", "fr": "et"}


def render(code: str, params: dict[str, JSON], lang: str = "en") -> str:
    """The sentence for `code` in `lang` ("en" or "fr"), its parameters formatted for that language."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang}")
    template = MESSAGES[code][lang]
    values = {name: _FORMATTERS.get(name, _plain)(value, lang) for name, value in params.items()}
    return template % values


def _plain(value: JSON, lang: str) -> str:
    return str(value)


def _size(value: JSON, lang: str) -> str:
    number = float(value) if isinstance(value, int | float) else 0.0
    if number >= 1024 * 1024:
        text, unit = f"{number / (1024 * 1024):.1f}", {"en": "MB", "fr": "Mo"}[lang]
    else:
        text, unit = f"{number / 1024:.0f}", {"en": "KB", "fr": "Ko"}[lang]
    return f"{text.replace('.', ',') if lang == 'fr' else text} {unit}"


def _found(value: JSON, lang: str) -> str:
    key = str(value)
    return _FOUND[key][lang] if key in _FOUND else key


def _pages(value: JSON, lang: str) -> str:
    count = int(value) if isinstance(value, int | float) else 0
    singular, plural = _PAGE[lang]
    return f"{count} {singular if count == 1 else plural}"


def _quoted(value: JSON, lang: str) -> str:
    items = [str(item) for item in value] if isinstance(value, list) else [str(value)]
    quoted = [f"“{item}”" if lang == "en" else f"« {item} »" for item in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return f"{', '.join(quoted[:-1])} {_AND[lang]} {quoted[-1]}"


def _title(value: JSON, lang: str) -> str:
    if not value:
        return _NONE[lang]
    return f"“{value}”" if lang == "en" else f"« {value} »"


def _what(value: JSON, lang: str) -> str:
    key = str(value)
    return _WHAT[key][lang] if key in _WHAT else key


def _count(value: JSON, lang: str) -> str:
    number = int(value) if isinstance(value, int | float) else 0
    # French groups thousands with a narrow no-break space.
    return f"{number:,}".replace(",", "\u202f") if lang == "fr" else f"{number:,}"


_FORMATTERS: dict[str, Callable[[JSON, str], str]] = {
    "what": _what,
    "amount": _count,
    "allowed": _count,
    "size": _size,
    "limit": _size,
    "found": _found,
    "expected": _found,
    "pages": _pages,
    "max_pages": _pages,
    "phrases": _quoted,
    "missing": _quoted,
    "title": _title,
}
