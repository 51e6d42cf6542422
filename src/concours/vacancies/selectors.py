"""Reading vacancies, with the visibility rules of each role."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import (
    SearchConfig,
    SearchQuery,
    SearchVector,
    SearchVectorCombinable,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from concours.accounts.models import Role
from concours.kernel.text.collation import sort_key
from concours.kernel.text.dates import written_date
from concours.vacancies.models import OrgUnit, StaffUnit, Vacancy

# "Closing soon": open, and closing within this many days.
CLOSING_SOON = dt.timedelta(days=7)


def vacancy_list_published(
    *,
    query: str = "",
    organisation: str = "",
    grade: str = "",
    location: str = "",
    closing_soon: bool = False,
    now: dt.datetime | None = None,
) -> QuerySet[Vacancy]:
    """What the portal lists: the vacancies on the portal (published, and closed ones after them), the
    open ones first, soonest deadline first; then the closed ones, latest first.

    `query` searches the notice's whole text as well as its title, reference, grade, place and unit:
    with PostgreSQL's full-text search (English and French word forms: "negotiating" finds
    "negotiations") in production, with a plain case-insensitive match of every word on SQLite.
    """
    now = now or timezone.now()
    vacancies = Vacancy.objects.filter(
        status__in=[Vacancy.Status.PUBLISHED, Vacancy.Status.CLOSED]
    ).select_related("unit")
    if organisation:
        vacancies = vacancies.filter(organisation=organisation)
    if grade:
        vacancies = vacancies.filter(grade=grade)
    if location:
        vacancies = vacancies.filter(location=location)
    is_open = Q(status=Vacancy.Status.PUBLISHED, deadline__gte=now)
    if closing_soon:
        vacancies = vacancies.filter(is_open, deadline__lte=now + CLOSING_SOON)
    if query.strip():
        vacancies = (
            _full_text_search(vacancies, query)
            if connection.vendor == "postgresql"
            else _words_search(vacancies, query)
        )
    return vacancies.annotate(
        is_open=Case(When(is_open, then=Value(1)), default=Value(0), output_field=IntegerField()),
        open_deadline=Case(When(is_open, then=F("deadline")), default=None),
    ).order_by("-is_open", F("open_deadline").asc(nulls_last=True), F("deadline").desc(nulls_last=True), "id")


class _NoticeWords(SearchVectorCombinable, Func):  # type: ignore[misc]
    """The words of every text of a notice (not its keys): PostgreSQL's jsonb_to_tsvector."""

    function = "jsonb_to_tsvector"
    template = "%(function)s(%(expressions)s, '[\"string\"]'::jsonb)"
    output_field = SearchVectorField()

    def __init__(self, config: str, notice: str = "notice") -> None:
        self.config = SearchConfig.from_parameter(config)
        super().__init__(self.config, F(notice))


def _full_text_search(vacancies: QuerySet[Vacancy], query: str) -> QuerySet[Vacancy]:
    # Notices are in English or French: both languages' word forms are indexed and searched.
    document = None
    search = None
    for config in ("english", "french"):
        part = (
            SearchVector(
                "title",
                "title_fr",
                "reference",
                "grade",
                "location",
                "organisation",
                "unit__name",
                "unit__name_fr",
                config=config,
            )
            + _NoticeWords(config)
            + _NoticeWords(config, "notice_fr")
        )
        words = SearchQuery(query, config=config, search_type="websearch")
        document = part if document is None else document + part
        search = words if search is None else search | words
    return vacancies.annotate(search_document=document).filter(
        Q(search_document=search) | Q(reference__iexact=query.strip())
    )


def _words_search(vacancies: QuerySet[Vacancy], query: str) -> QuerySet[Vacancy]:
    # SQLite keeps a notice as JSON text, with other letters than ASCII written as \uXXXX: each word is
    # looked for as typed and as JSON writes it. Keys match too: a simpler match, as SQLite is for one
    # machine and the tests.
    vacancies = vacancies.annotate(
        notice_text=Cast("notice", TextField()), notice_fr_text=Cast("notice_fr", TextField())
    )
    for word in query.split():
        vacancies = vacancies.filter(
            Q(title__icontains=word)
            | Q(title_fr__icontains=word)
            | Q(reference__icontains=word)
            | Q(grade__iexact=word)
            | Q(location__icontains=word)
            | Q(organisation__icontains=word)
            | Q(unit__name__icontains=word)
            | Q(unit__name_fr__icontains=word)
            | Q(notice_text__icontains=word)
            | Q(notice_text__icontains=json.dumps(word)[1:-1])
            | Q(notice_fr_text__icontains=word)
            | Q(notice_fr_text__icontains=json.dumps(word)[1:-1])
        )
    return vacancies


@dataclass(frozen=True)
class VacancyFacets:
    """The values the portal's filters offer: those of the vacancies it lists."""

    organisations: list[str]
    grades: list[str]
    locations: list[str]


def vacancy_facets() -> VacancyFacets:
    listed = Vacancy.objects.filter(status__in=[Vacancy.Status.PUBLISHED, Vacancy.Status.CLOSED])

    def values(name: str) -> list[str]:
        return sorted({value for value in listed.values_list(name, flat=True) if value}, key=sort_key)

    return VacancyFacets(values("organisation"), values("grade"), values("location"))


def vacancy_get_published(*, vacancy_id: int, with_posts: bool = True) -> Vacancy:
    """A published or closed vacancy; `with_posts`: its posts read along (the notice's page lists them)."""
    vacancies = Vacancy.objects.select_related("unit")
    if with_posts:
        vacancies = vacancies.prefetch_related("posts")
    try:
        return vacancies.get(pk=vacancy_id, status__in=[Vacancy.Status.PUBLISHED, Vacancy.Status.CLOSED])
    except Vacancy.DoesNotExist:
        raise Http404 from None


def vacancy_list_for_staff(*, user: Any) -> QuerySet[Vacancy]:
    """Recruiters and administrators see every vacancy; panel members and hiring managers their own."""
    vacancies = Vacancy.objects.select_related("unit").order_by("-deadline", "id")
    if user.is_superuser or user.has_role(Role.RECRUITER) or user.has_role(Role.ADMINISTRATOR):
        return vacancies
    if user.has_role(Role.PANEL_MEMBER) or user.has_role(Role.HIRING_MANAGER):
        return vacancies.filter(assignments__user=user).distinct()
    return vacancies.none()


def organisations_for_staff(user: Any) -> list[OrgUnit] | None:
    """The organisations a staff member works for: those at the top of the units they are tied to
    (`StaffUnit`), in name order. None for administrators: every organisation."""
    if user.is_superuser or user.has_role(Role.ADMINISTRATOR):
        return None
    found: dict[int, OrgUnit] = {}
    for tie in StaffUnit.objects.filter(user_id=user.pk).select_related("unit"):
        root = tie.unit.path()[0]
        if root.kind == OrgUnit.Kind.ORGANISATION:
            found[root.pk] = root
    return sorted(found.values(), key=lambda unit: (sort_key(unit.name), unit.pk))


def vacancy_get_for_staff(*, vacancy_id: int, user: Any) -> Vacancy:
    try:
        return vacancy_list_for_staff(user=user).get(pk=vacancy_id)
    except Vacancy.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class NoticeSection:
    """A section of a vacancy's page: a heading and paragraphs, bullets or labelled items.

    `fallback_language` is set when the section is not published in the reader's language and is shown
    in this other one ("en" or "fr"); the page says so.
    """

    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    items: list[tuple[str, str]] = field(default_factory=list)
    fallback_language: str = ""

    @property
    def fallback_note(self) -> str:
        if self.fallback_language == "en":
            return _("This section is published in English only.")
        if self.fallback_language == "fr":
            return _("This section is published in French only.")
        return ""


def _contract_lines(contract: dict[str, Any] | None) -> list[str]:
    if not contract:
        return []
    lines = []
    kinds = {
        "definite": _("Definite duration contract"),
        "indefinite": _("Indefinite duration contract"),
        "temporary": _("Temporary contract"),
        "secondment": _("Secondment"),
    }
    if contract.get("type"):
        lines.append(str(kinds.get(contract["type"], contract["type"])))
    if contract.get("initial_years"):
        lines.append(_("Initial period: %(years)s years") % {"years": _number(contract["initial_years"])})
    if contract.get("renewal_years"):
        lines.append(_("Renewable for up to %(years)s years") % {"years": _number(contract["renewal_years"])})
    if contract.get("extension_years"):
        lines.append(
            _("Possible extension: %(years)s year(s)") % {"years": _number(contract["extension_years"])}
        )
    if contract.get("max_years"):
        lines.append(
            _("Maximum period of service: %(years)s years") % {"years": _number(contract["max_years"])}
        )
    if contract.get("conversion_possible"):
        lines.append(_("Conversion to an indefinite duration contract possible"))
    return lines


def _number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _essay_lines(essay: dict[str, Any] | None) -> list[str]:
    if not essay or not essay.get("required"):
        return []
    lines = [
        _("One document, in MS Word format (.docx).") if essay.get("format") == "docx" else _("One document.")
    ]
    if essay.get("max_pages"):
        lines.append(
            _("At most %(pages)s %(paper)s page(s).")
            % {"pages": _number(essay["max_pages"]), "paper": essay.get("paper") or "A4"}
        )
    if essay.get("title_must_include"):
        lines.append(
            _("Its title must include: %(words)s.")
            % {"words": ", ".join(f"“{word}”" for word in essay["title_must_include"])}
        )
    if essay.get("due"):
        lines.append(_("Due by %(date)s.") % {"date": _written_day(essay["due"])})
    return lines


def _written_day(value: Any) -> str:
    """A notice's ISO date written out in the reader's language ("5 January 2027", "5 janvier 2027");
    text that is not an ISO date is shown as the notice gives it."""
    try:
        return written_date(dt.date.fromisoformat(str(value)[:10]), _reader_language())
    except ValueError:
        return str(value)


def _reader_language() -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


def vacancy_sections(vacancy: Vacancy) -> list[NoticeSection]:
    """The sections of a vacancy's notice in the reader's language; a section the notice has only in the
    other language is shown in that one, marked (`fallback_language`)."""
    notice = vacancy.notice
    reader = _reader_language()

    def text(key: str) -> tuple[list[Any], str]:
        value, language = vacancy.section_in_language(key, reader)
        return list(value or []), "" if language == reader else language

    def listed(key: str, name: str, title: str, *, paragraphs: bool = False) -> NoticeSection:
        value, fallback = text(key)
        if paragraphs:
            return NoticeSection(name, title, paragraphs=value, fallback_language=fallback)
        return NoticeSection(name, title, bullets=value, fallback_language=fallback)

    accountabilities, accountabilities_fallback = text("accountabilities")
    competencies, competencies_fallback = text("competencies")
    timeline, timeline_fallback = text("selection_timeline")
    sections = [
        listed("summary", "summary", _("Summary"), paragraphs=True),
        listed("principal_issues", "principal_issues", _("Principal issues")),
        listed("key_challenges", "key_challenges", _("Key challenges")),
        listed("essential_qualifications", "essential", _("Essential qualifications")),
        listed("desirable_qualifications", "desirable", _("Desirable qualifications")),
        NoticeSection(
            "accountabilities",
            _("Main accountabilities"),
            items=[(a.get("heading", ""), a.get("text", "")) for a in accountabilities],
            fallback_language=accountabilities_fallback,
        ),
    ]
    relations = []
    reports_to = vacancy.section_in_language("reports_to", reader)[0]
    if reports_to:
        relations.append((str(_("Reports to")), str(reports_to)))
    if notice.get("direct_reports") is not None:
        relations.append((str(_("Direct reports")), str(notice["direct_reports"])))
    if notice.get("indirect_reports") is not None:
        relations.append((str(_("Indirect reports")), str(notice["indirect_reports"])))
    if notice.get("staff_managed") is not None:
        relations.append((str(_("Staff managed")), str(notice["staff_managed"])))
    sections += [
        NoticeSection("interrelationships", _("Interrelationships"), items=relations),
        NoticeSection(
            "competencies",
            _("Competencies"),
            items=[(c.get("name", ""), c.get("level") or "") for c in competencies],
            fallback_language=competencies_fallback,
        ),
        NoticeSection("contract", _("Contract"), bullets=_contract_lines(notice.get("contract"))),
        NoticeSection("essay", _("The “Key challenges” essay"), bullets=_essay_lines(notice.get("essay"))),
        NoticeSection(
            "timeline",
            _("Selection timeline"),
            items=[
                (t.get("stage", ""), ", ".join(p for p in (t.get("when"), t.get("where")) if p))
                for t in timeline
            ],
            fallback_language=timeline_fallback,
        ),
        listed("additional_information", "additional", _("Additional information"), paragraphs=True),
    ]
    if notice.get("genai_prohibited"):
        sections.append(
            NoticeSection(
                "genai",
                _("Generative AI"),
                paragraphs=[
                    _(
                        "No part of the application may be prepared with generative AI tools; "
                        "such applications may be rejected."
                    )
                ],
            )
        )
    return [s for s in sections if s.paragraphs or s.bullets or s.items]


def vacancy_unread_fields(vacancy: Vacancy) -> list[str]:
    """The notice's fields that a failing parser rule left empty, for the recruiter to check by hand."""
    fields: list[str] = []
    for warning in (vacancy.notice or {}).get("warnings") or []:
        names = warning.get("fields") if isinstance(warning, dict) else None
        fields += [str(name) for name in names or [] if str(name) not in fields]
    return fields


@dataclass(frozen=True)
class NoticeVersions:
    """One text of a notice in its English and its French version, as lines, for the recruiter to compare."""

    key: str
    title: str
    english: list[str]
    french: list[str]


def _lines(value: Any) -> list[str]:
    """A section as lines: a text, a list of texts, or a list of labelled items (competencies, stages)."""
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    lines = []
    for item in value:
        if isinstance(item, dict):
            parts = [str(item.get(name)) for name in ("name", "heading", "stage") if item.get(name)]
            details = [str(item.get(name)) for name in ("level", "text", "when", "where") if item.get(name)]
            lines.append(" – ".join([*parts, ", ".join(details)] if details else parts))
        else:
            lines.append(str(item))
    return lines


def vacancy_notice_versions(vacancy: Vacancy) -> list[NoticeVersions]:
    """The notice's texts side by side in English and French (the back office's review), those that
    either version has."""
    titles = [
        ("title", _("Title")),
        ("summary", _("Summary")),
        ("principal_issues", _("Principal issues")),
        ("key_challenges", _("Key challenges")),
        ("essential_qualifications", _("Essential qualifications")),
        ("desirable_qualifications", _("Desirable qualifications")),
        ("accountabilities", _("Main accountabilities")),
        ("competencies", _("Competencies")),
        ("reports_to", _("Reports to")),
        ("selection_timeline", _("Selection timeline")),
        ("additional_information", _("Additional information")),
    ]
    versions = []
    for key, title in titles:
        english = (
            []  # made from its French notice: its English fields hold French until the English comes
            if vacancy.english_pending
            else _lines(vacancy.title if key == "title" else vacancy.notice.get(key))
        )
        french = _lines(
            vacancy.title_fr
            if key == "title"
            else vacancy.notice_fr.get(key) or vacancy.notice.get(f"{key}_fr")
        )
        if english or french:
            versions.append(NoticeVersions(key, title, english, french))
    return versions
