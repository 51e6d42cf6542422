"""Why an upload is refused, in English and French.

A refusal keeps a code and language-neutral parameters (byte counts, page counts, what was found);
`render` writes the sentence in the reader's language. The sentences speak of "the file" or "the PDF",
never of a CV or an essay: the caller says which upload it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

JSON: TypeAlias = "str | int | float | bool | list[JSON] | dict[str, JSON] | None"

LANGUAGES = ("en", "fr")

_AGAIN_EN = " Please save it in an accepted format and attach it again."
_AGAIN_FR = " Veuillez l'enregistrer dans un format accepté et le joindre à nouveau."
_PRINT_EN = " Please print it to a new, plain PDF and attach that instead."
_PRINT_FR = " Veuillez l'imprimer dans un nouveau PDF simple et joindre celui-ci."

MESSAGES: dict[str, dict[str, str]] = {
    "empty": {
        "en": "The file is empty (0 bytes).",
        "fr": "Le fichier est vide (0 octet).",
    },
    "too_large": {
        "en": "The file is %(size)s, more than the %(limit)s allowed.",
        "fr": "Le fichier fait %(size)s, plus que les %(limit)s admis.",
    },
    "not_accepted": {
        "en": "The file is %(found)s; accepted: %(expected)s.",
        "fr": "Le fichier est %(found)s ; formats acceptés : %(expected)s.",
    },
    "polyglot": {
        "en": "The file is built to be read as two kinds of file at once (%(found)s), a known way of"
        " smuggling in active content; we do not accept it." + _AGAIN_EN,
        "fr": "Le fichier est construit pour être lu comme deux types de fichier à la fois (%(found)s),"
        " un moyen connu d'introduire du contenu actif ; nous ne l'acceptons pas." + _AGAIN_FR,
    },
    "legacy_doc": {
        "en": "The file is in the old Word 97-2003 format (.doc), which we do not accept for security"
        " reasons." + _AGAIN_EN,
        "fr": "Le fichier est à l'ancien format Word 97-2003 (.doc), que nous n'acceptons pas pour des"
        " raisons de sécurité." + _AGAIN_FR,
    },
    "macro": {
        "en": "The document contains macros or active content (%(found)s), which we do not accept."
        " Please save it as a plain Word document (.docx, not .docm) and attach it again.",
        "fr": "Le document contient des macros ou du contenu actif (%(found)s), que nous n'acceptons pas."
        " Veuillez l'enregistrer comme document Word simple (.docx, et non .docm) et le joindre à nouveau.",
    },
    "encrypted": {
        "en": "The file is protected by a password or encrypted, so it cannot be checked or read."
        " Please remove the protection and attach it again.",
        "fr": "Le fichier est protégé par un mot de passe ou chiffré : il ne peut être ni vérifié ni lu."
        " Veuillez retirer la protection et le joindre à nouveau.",
    },
    "zip_bomb": {
        "en": "The document unpacks to far more data than it could hold (%(found)s); it looks damaged or"
        " crafted, so we do not open it.",
        "fr": "Le document se décompresse en bien plus de données qu'il ne peut en contenir (%(found)s) ;"
        " il semble endommagé ou fabriqué : nous ne l'ouvrons pas.",
    },
    "unsafe_path": {
        "en": "The document contains a part with an unsafe name (%(name)s); it looks crafted, so we do"
        " not open it." + _AGAIN_EN,
        "fr": "Le document contient une partie au nom dangereux (%(name)s) ; il semble fabriqué : nous ne"
        " l'ouvrons pas." + _AGAIN_FR,
    },
    "xml_entities": {
        "en": "The document's part %(name)s declares XML entities or a DTD, which Word never writes; we"
        " do not open it." + _AGAIN_EN,
        "fr": "La partie %(name)s du document déclare des entités XML ou une DTD, ce que Word n'écrit"
        " jamais ; nous ne l'ouvrons pas." + _AGAIN_FR,
    },
    "external_content": {
        "en": "The document loads content from outside itself (%(name)s); please insert pictures and"
        " objects into the document rather than linking them, and attach it again.",
        "fr": "Le document charge du contenu extérieur (%(name)s) ; veuillez insérer les images et les"
        " objets dans le document plutôt que de les lier, puis le joindre à nouveau.",
    },
    "malformed": {
        "en": "The file is damaged and cannot be read." + _AGAIN_EN,
        "fr": "Le fichier est endommagé et ne peut être lu." + _AGAIN_FR,
    },
    "javascript": {
        "en": "The PDF contains JavaScript, which we do not accept." + _PRINT_EN,
        "fr": "Le PDF contient du JavaScript, que nous n'acceptons pas." + _PRINT_FR,
    },
    "launch": {
        "en": "The PDF contains an action that starts a program or opens another file (%(found)s),"
        " which we do not accept." + _PRINT_EN,
        "fr": "Le PDF contient une action qui lance un programme ou ouvre un autre fichier (%(found)s),"
        " ce que nous n'acceptons pas." + _PRINT_FR,
    },
    "automatic_action": {
        "en": "The PDF starts actions by itself (%(found)s), which we do not accept." + _PRINT_EN,
        "fr": "Le PDF déclenche des actions de lui-même (%(found)s), ce que nous n'acceptons pas."
        + _PRINT_FR,
    },
    "embedded_file": {
        "en": "The PDF carries files inside it (attachments), which we do not accept." + _PRINT_EN,
        "fr": "Le PDF transporte des fichiers (pièces jointes), ce que nous n'acceptons pas." + _PRINT_FR,
    },
    "xfa": {
        "en": "The PDF is an XFA form, which we do not accept." + _PRINT_EN,
        "fr": "Le PDF est un formulaire XFA, que nous n'acceptons pas." + _PRINT_FR,
    },
    "active_content": {
        "en": "The PDF contains active content (%(found)s), which we do not accept." + _PRINT_EN,
        "fr": "Le PDF contient du contenu actif (%(found)s), que nous n'acceptons pas." + _PRINT_FR,
    },
    "too_many_pages": {
        "en": "The PDF has %(pages)s; at most %(max_pages)s are accepted.",
        "fr": "Le PDF compte %(pages)s ; %(max_pages)s au plus sont acceptées.",
    },
}

_FOUND: dict[str, dict[str, str]] = {
    "pdf": {"en": "a PDF file", "fr": "un fichier PDF"},
    "docx": {"en": "a Word document (.docx)", "fr": "un document Word (.docx)"},
    "doc": {"en": "an old Word 97-2003 document (.doc)", "fr": "un ancien document Word 97-2003 (.doc)"},
    "rtf": {"en": "an RTF file", "fr": "un fichier RTF"},
    "zip": {"en": "a ZIP archive that holds no Word document", "fr": "une archive ZIP sans document Word"},
    "archive": {"en": "a ZIP archive or an Office document", "fr": "une archive ZIP ou un document Office"},
    "template": {"en": "a Word template (.dotx)", "fr": "un modèle Word (.dotx)"},
    "office": {"en": "another Office document", "fr": "un autre document Office"},
    "html": {"en": "a web page (HTML)", "fr": "une page web (HTML)"},
    "image": {"en": "an image", "fr": "une image"},
    "program": {"en": "a program", "fr": "un programme"},
    "text": {"en": "plain text", "fr": "du texte brut"},
    "unknown": {"en": "a file of another kind", "fr": "un fichier d'un autre type"},
    # what a polyglot was found to be
    "markup": {"en": "HTML or script near its start", "fr": "du HTML ou un script près de son début"},
    "pdf_offset": {"en": "a PDF header after other content", "fr": "un en-tête PDF après un autre contenu"},
    # macros in a .docx
    "vba": {"en": "a VBA project", "fr": "un projet VBA"},
    "macro_enabled": {"en": "a macro-enabled document", "fr": "un document prenant en charge les macros"},
    "activex": {"en": "ActiveX controls", "fr": "des contrôles ActiveX"},
    # zip bombs
    "entries": {"en": "too many parts", "fr": "trop de parties"},
    "size": {"en": "too much uncompressed data", "fr": "trop de données décompressées"},
    "ratio": {"en": "an impossible compression ratio", "fr": "un taux de compression impossible"},
    # actions and active content in a PDF
    "open_action": {"en": "when it is opened", "fr": "à son ouverture"},
    "additional_actions": {
        "en": "on opening or closing a page, or on a field",
        "fr": "à l'ouverture ou à la fermeture d'une page, ou sur un champ",
    },
    "launch": {"en": "a launch action", "fr": "une action de lancement"},
    "remote_go_to": {"en": "a link into another file", "fr": "un lien vers un autre fichier"},
    "form_submission": {
        "en": "a form that sends or imports data",
        "fr": "un formulaire qui envoie ou importe des données",
    },
    "multimedia": {"en": "multimedia or 3D content", "fr": "du contenu multimédia ou 3D"},
}

_ACCEPTED: dict[str, dict[str, str]] = {
    "pdf": {"en": "PDF", "fr": "PDF"},
    "docx": {"en": "Word (.docx)", "fr": "Word (.docx)"},
}
_OR = {"en": "or", "fr": "ou"}
_PAGE = {"en": ("page", "pages"), "fr": ("page", "pages")}


def render(code: str, params: dict[str, JSON], lang: str = "en") -> str:
    """The sentence for `code` in `lang` ("en" or "fr"), its parameters formatted for that language."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang}")
    values = {name: _FORMATTERS.get(name, _plain)(value, lang) for name, value in params.items()}
    return MESSAGES[code][lang] % values


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


def _expected(value: JSON, lang: str) -> str:
    kinds = [str(item) for item in value] if isinstance(value, list) else [str(value)]
    return f" {_OR[lang]} ".join(_ACCEPTED.get(kind, {}).get(lang, kind) for kind in kinds)


def _pages(value: JSON, lang: str) -> str:
    count = int(value) if isinstance(value, int | float) else 0
    singular, plural = _PAGE[lang]
    return f"{count} {singular if count == 1 else plural}"


_FORMATTERS: dict[str, Callable[[JSON, str], str]] = {
    "size": _size,
    "limit": _size,
    "found": _found,
    "expected": _expected,
    "pages": _pages,
    "max_pages": _pages,
}
