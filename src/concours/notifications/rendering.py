"""Writing a candidate's mail: which template, which data, and what a template may contain.

Templates are Django template text, edited by HR in the back office. They are rendered by an engine of
their own that loads nothing (no `{% include %}`, `{% extends %}`, `{% load %}`), and are checked before
they are kept: only text, `{{ variables }}` (with filters), `{% if %}`, `{% for %}` and `{% comment %}`,
and only the variables Concours gives. A template thus cannot reach data it was not handed, and what it
is handed is the recipient's own (see `candidate_context`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F, Q
from django.template import Context, Engine, Template, TemplateSyntaxError
from django.template.base import FilterExpression, Node, TextNode, Variable, VariableNode
from django.template.defaulttags import CommentNode, ForNode, IfNode, TemplateLiteral
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from concours.applications.models import Application
from concours.core.errors import DomainError
from concours.kernel.text.dates import written_date, written_moment, written_time
from concours.notifications.models import MailTemplate
from concours.notifications.outcomes import Outcome
from concours.vacancies.models import OrgUnit

DEFAULTS = Path(__file__).resolve().parent / "templates" / "notifications" / "mail"
LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)

# What every template may use, whatever the outcome.
COMMON_VARIABLES = (
    "site_name",
    "candidate_name",
    "reference",
    "vacancy_title",
    "organisation",
    "deadline",
    "link",
)
# What callers may add, by outcome (a template for another outcome sees them empty).
EXTRA_VARIABLES: dict[str, tuple[str, ...]] = {
    Outcome.RECEIVED: ("submitted",),
    Outcome.SCREENED_OUT: ("reasons",),
    Outcome.INVITED: ("stage", "date", "place", "booking_link", "measures"),
    Outcome.SHORTLISTED: ("stage",),
    Outcome.NOT_SELECTED: (),
    Outcome.RESERVE: ("expires",),
    Outcome.SELECTED: ("post_title",),
    Outcome.RESERVE_OFFER: ("post_title", "offer_reference", "offer_title", "respond_by", "offer_link"),
}
ALL_EXTRAS = frozenset(name for names in EXTRA_VARIABLES.values() for name in names)

ENGINE = Engine(
    dirs=[],
    app_dirs=False,
    autoescape=False,  # plain-text mail: nothing to escape
    builtins=["django.template.defaulttags", "django.template.defaultfilters"],
)
ALLOWED_NODES = (TextNode, VariableNode, IfNode, ForNode, CommentNode)


def variables_for(outcome: str) -> tuple[str, ...]:
    return COMMON_VARIABLES + EXTRA_VARIABLES.get(outcome, ())


def language_of(application: Application) -> str:
    """The candidate's language (the one they last used the site in); English when unknown."""
    language = application.candidate.user.language or ""
    return language if language in LANGUAGE_CODES else "en"


def organisation_of(application: Application) -> OrgUnit | None:
    """The organisation (the root of the vacancy's unit) whose templates apply, if the unit is known."""
    unit = application.vacancy.unit
    if unit is None:
        return None
    root = unit.path()[0]
    return root if root.kind == OrgUnit.Kind.ORGANISATION else None


# ---------------------------------------------------------------------------------------------------
# Which template


@dataclass(frozen=True)
class Wording:
    subject: str
    body: str
    # The row it comes from; None for the default shipped with Concours.
    template: MailTemplate | None = None


@functools.lru_cache(maxsize=64)
def default_wording(outcome: str, language: str) -> Wording:
    """The wording shipped with Concours: `<outcome>.<language>.txt`, a subject line, a blank line, the
    body (read once per process: the files ship with the code)."""
    path = DEFAULTS / f"{Outcome(outcome).value}.{language if language in LANGUAGE_CODES else 'en'}.txt"
    subject, _blank, body = path.read_text(encoding="utf-8").partition("\n\n")
    return Wording(subject=subject.strip(), body=body)


def wording_for(*, organisation: OrgUnit | None, outcome: str, language: str) -> Wording:
    """The organisation's own template, else the one HR set for all organisations, else the default."""
    # One query for both: the organisation's row sorts before the one for all organisations.
    scope = Q(organisation__isnull=True) | (Q(organisation=organisation) if organisation else Q(pk__in=[]))
    rows = MailTemplate.objects.filter(scope, outcome=outcome, language=language)
    row = rows.order_by(F("organisation").asc(nulls_last=True), "pk").first()
    if row is not None:
        return Wording(subject=row.subject, body=row.body, template=row)
    return default_wording(outcome, language)


# ---------------------------------------------------------------------------------------------------
# What a template may contain


def _literals(condition: Any) -> Iterator[Any]:
    # An `{% if %}` condition is a tree of operators (`first`, `second`) over literals.
    if isinstance(condition, TemplateLiteral):
        yield condition.value
        return
    for part in (getattr(condition, "first", None), getattr(condition, "second", None)):
        if part is not None:
            yield from _literals(part)


def _expressions(node: Node) -> Iterator[Any]:
    if isinstance(node, VariableNode):
        yield node.filter_expression
    elif isinstance(node, ForNode):
        yield node.sequence
    elif isinstance(node, IfNode):
        for condition, _nodelist in node.conditions_nodelists:
            if condition is not None:
                yield from _literals(condition)


def _names(expression: Any) -> Iterator[str]:
    """The variables an expression reads (its own and its filters' arguments), by their first part."""
    if not isinstance(expression, FilterExpression):
        return
    variables = [expression.var] + [arg for _f, args in expression.filters for _is_var, arg in args]
    for variable in variables:
        if isinstance(variable, Variable) and variable.lookups:
            yield variable.lookups[0]


def template_checked(text: str, *, allowed: tuple[str, ...]) -> Template:
    """The compiled template, or `DomainError` saying why it is refused: a syntax error, a tag other
    than if/for/comment, or a variable Concours does not give."""
    return _compiled(text, allowed)


# Compiled and checked once per text: every submission renders the same "received" mail, and a
# compiled Django template renders safely in several threads at once. A refused text raises, and
# exceptions are not cached, so it is checked again (and refused again) each time.
@functools.lru_cache(maxsize=256)
def _compiled(text: str, allowed: tuple[str, ...]) -> Template:
    try:
        template = ENGINE.from_string(text)
    except TemplateSyntaxError as error:
        raise DomainError(_("The template cannot be read: %(error)s") % {"error": error}) from error
    nodes = template.nodelist.get_nodes_by_type(Node)
    loop_names = {name for node in nodes if isinstance(node, ForNode) for name in node.loopvars}
    known = set(allowed) | loop_names | {"forloop"}
    for node in nodes:
        if isinstance(node, TextNode) and ("{{" in node.s or "{%" in node.s):
            # Django keeps a tag left open ("{{ name }") as text: the candidate would read it as is.
            raise DomainError(
                _("The template cannot be read: a tag is not closed near “%(text)s”.")
                % {"text": node.s[node.s.find("{") :][:40]}
            )
        if not isinstance(node, ALLOWED_NODES):
            raise DomainError(
                _("A mail template may use only {%% if %%}, {%% for %%} and {%% comment %%}, not “%(tag)s”.")
                % {"tag": (node.token.contents.split() or ["?"])[0] if node.token else type(node).__name__}
            )
        for expression in _expressions(node):
            for name in _names(expression):
                if name not in known:
                    raise DomainError(
                        _("Unknown variable “%(name)s”. This mail may use: %(names)s.")
                        % {"name": name, "names": ", ".join(allowed)}
                    )
    return template


def render_text(text: str, *, context: Mapping[str, Any], allowed: tuple[str, ...]) -> str:
    return template_checked(text, allowed=allowed).render(Context(dict(context), autoescape=False))


# ---------------------------------------------------------------------------------------------------
# With which data


def _written_out(value: Any, zone: ZoneInfo) -> Any:
    """Dates and times written out in the active language, as the site writes them (kernel.text.dates):
    “1 December 2026, 09:30”, “1er décembre 2026, 9 h 30”."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value, zone) if timezone.is_aware(value) else value
        return f"{written_date(local.date(), language)}, {written_time(local, language)}"
    if isinstance(value, dt.date):
        return written_date(value, language)
    return value


def _plain(name: str, value: Any) -> Any:
    """Only plain values go into a mail: no object from which a template could reach someone else's data.

    A lazy translation, or a function of no argument (`vacancy.localized_title`), is read here, in the
    candidate's language (the caller's may be another).
    """
    if isinstance(value, Promise):
        value = str(value)
    elif callable(value):
        value = value()
    if value is None or isinstance(value, str | int | Decimal | dt.date):
        return value
    if isinstance(value, list | tuple) and all(isinstance(item, str | Promise) for item in value):
        return [str(item) for item in value]
    raise TypeError(f"mail context “{name}”: {type(value).__name__} is not a plain value")


def candidate_context(
    *, application: Application, outcome: str, language: str, extra: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """What a template of `outcome` is rendered with, in `language`: the vacancy's data, the recipient's
    name and link, and the caller's additions for this outcome. Call it inside `translation.override`."""
    unknown = set(extra or {}) - ALL_EXTRAS
    if unknown:
        raise TypeError(f"mail context: unknown names {sorted(unknown)}")
    vacancy = application.vacancy
    zone = ZoneInfo(vacancy.zone)
    organisation = organisation_of(application)
    context: dict[str, Any] = {
        "site_name": settings.CONCOURS_SITE_NAME,
        "candidate_name": application.candidate.name or application.candidate.user.get_full_name(),
        "reference": vacancy.reference,
        "vacancy_title": vacancy.localized_title(),
        "organisation": (
            (organisation.name_fr if language == "fr" and organisation.name_fr else organisation.name)
            if organisation
            else vacancy.organisation
        ),
        # The deadline on its duty station's clock, naming the place: "…, 23:59 (Brussels time)".
        "deadline": written_moment(vacancy.deadline, vacancy.zone, language) if vacancy.deadline else "",
        "link": settings.CONCOURS_SITE_URL + reverse("applications:detail", args=[application.pk]),
    }
    for name in ALL_EXTRAS:
        context[name] = ""
    for name, value in (extra or {}).items():
        context[name] = _written_out(_plain(name, value), zone)
    return context


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def render_wording(
    wording: Wording,
    *,
    application: Application,
    outcome: str,
    language: str,
    extra: Mapping[str, Any] | None,
) -> Rendered:
    """The subject (one line: a mail header) and body of `wording` for this application, in `language`."""
    with translation.override(language):
        context = candidate_context(application=application, outcome=outcome, language=language, extra=extra)
        allowed = variables_for(outcome)
        subject = render_text(wording.subject, context=context, allowed=allowed)
        body = render_text(wording.body, context=context, allowed=allowed)
    # split() without an argument would also break French's no-break spaces.
    one_line = " ".join(part.strip() for part in subject.splitlines() if part.strip())
    return Rendered(subject=one_line[:300], body=body.strip() + "\n")
