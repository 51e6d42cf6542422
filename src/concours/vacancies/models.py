"""Vacancies: a competition published by an organisational unit to fill one or more posts."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from concours.kernel.reference.duty_stations import location_in
from concours.kernel.reference.grades import grade_in


def _reader(lang: str | None = None) -> str:
    return "fr" if (lang or get_language() or "en").startswith("fr") else "en"


def _fallback_note(language: str) -> str:
    if language == "en":
        return str(_("This section is published in English only."))
    if language == "fr":
        return str(_("This section is published in French only."))
    return ""


class OrgUnit(models.Model):
    """A node of the organisation's tree: organisation › division › directorate › section."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        DIVISION = "division", _("Division")
        DIRECTORATE = "directorate", _("Directorate")
        SECTION = "section", _("Section")

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_fr = models.CharField(_("name in French"), max_length=200, blank=True)
    code = models.CharField(_("code"), max_length=40, blank=True)
    retention_days = models.PositiveIntegerField(
        _("retention of applications (days)"),
        null=True,
        blank=True,
        help_text=_(
            "For an organisation: days after a competition closes before its applications, files and "
            "draft checks are erased. Empty: the CONCOURS_RETENTION_DAYS setting."
        ),
    )
    reserve_months = models.PositiveSmallIntegerField(
        _("validity of reserve lists (months)"),
        null=True,
        blank=True,
        help_text=_("For an organisation: months a reserve list can be drawn on. Empty: 12."),
    )
    accommodation_retention_days = models.PositiveIntegerField(
        _("retention of accommodation documents (days)"),
        null=True,
        blank=True,
        help_text=_(
            "For an organisation: days after a competition closes before the medical and other documents "
            "supporting a request for reasonable accommodation are erased. Empty: "
            "the CONCOURS_ACCOMMODATION_RETENTION_DAYS setting."
        ),
    )

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="orgunit_unique_name_in_parent"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent__isnull=True), name="orgunit_unique_root_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def name_in_language(self, lang: str | None = None) -> tuple[str, str]:
        """The unit's name in the reader's language, or else the English one: (name, its language)."""
        if _reader(lang) == "fr" and self.name_fr:
            return self.name_fr, "fr"
        return self.name, "en"

    def localized_name(self) -> str:
        return self.name_in_language()[0]

    @property
    def name_fallback_language(self) -> str:
        """ "en" when a French reader sees the English name (the unit has none in French); else ""."""
        return "en" if _reader() == "fr" and not self.name_fr else ""

    def path(self) -> list[OrgUnit]:
        """From the organisation down to this unit."""
        chain: list[OrgUnit] = []
        node: OrgUnit | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class Vacancy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    reference = models.CharField(_("reference"), max_length=40, blank=True, db_index=True)
    organisation = models.CharField(_("organisation"), max_length=120, default="NATO")
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vacancies",
    )
    title = models.CharField(_("title"), max_length=300)
    title_fr = models.CharField(_("title in French"), max_length=300, blank=True)
    grade = models.CharField(_("grade"), max_length=40, blank=True)
    location = models.CharField(_("location"), max_length=120, blank=True)
    zone = models.CharField(
        _("time zone of the duty station"), max_length=64, default="Europe/Brussels", help_text=_("IANA name")
    )
    deadline = models.DateTimeField(
        _("deadline"), null=True, blank=True, help_text=_("Stored in UTC; shown at the duty station.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    notice = models.JSONField(
        _("parsed notice"),
        default=dict,
        blank=True,
        help_text=_("Requirements in the shape of notice.schema.json"),
    )
    source_text = models.TextField(_("source text"), blank=True)
    notice_fr = models.JSONField(
        _("parsed notice in French"),
        default=dict,
        blank=True,
        help_text=_(
            "The French notice of the same vacancy, in the same shape; empty until it is imported. "
            "Screening reads the notice above; this one is what French readers see."
        ),
    )
    source_text_fr = models.TextField(_("source text in French"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["deadline", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"],
                condition=~Q(reference=""),
                name="vacancy_unique_reference_per_organisation",
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="vacancy_status_deadline_idx")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    @property
    def local_deadline(self) -> dt.datetime | None:
        return self.deadline.astimezone(ZoneInfo(self.zone)) if self.deadline else None

    def is_open_at(self, now: dt.datetime) -> bool:
        return self.status == self.Status.PUBLISHED and self.deadline is not None and now <= self.deadline

    def localized_title(self) -> str:
        title, _language = self.section_in_language("title")
        return str(title or self.title)

    def localized_grade(self) -> str:
        """The grade in the reader's language ("Non classifié"); a grade's code as written."""
        return grade_in(self.grade, _reader())

    def localized_location(self) -> str:
        """The duty station in the reader's language ("Bruxelles, Belgique"); an unknown place as written."""
        return location_in(self.location, _reader())

    def posts_in_language(self) -> PostsShown:
        """The vacancy's posts with their titles in the reader's language, marked where one falls back."""
        reader = _reader()
        shown = []
        posts = list(self.posts.all())
        for post in posts:
            title, language = post.title_in_language(reader, siblings=posts)
            shown.append(PostShown(post, title, "" if language == reader else language))
        return PostsShown(shown)

    def section_in_language(self, key: str, lang: str | None = None) -> tuple[Any, str]:
        """A text of the notice in the reader's language, or else in the other one: (value, its language).

        French comes from the French notice (older drafts and the demo kept it as `<key>_fr` in the
        notice); English from the notice. A section neither has gives (None, the reader's language).
        """
        reader = _reader(lang)
        english = self.notice.get(key)
        french = self.notice_fr.get(key) or self.notice.get(f"{key}_fr")
        if key == "title":
            english, french = self.title or english, self.title_fr or french
        if self.english_pending:
            # Made from its French notice: what the English fields hold is French until the English comes.
            english = None
        first, other = (french, english) if reader == "fr" else (english, french)
        if first:
            return first, reader
        if other:
            return other, "en" if reader == "fr" else "fr"
        return None, reader

    @property
    def english_pending(self) -> bool:
        """The vacancy was made from its French notice and its English notice is not imported yet."""
        return not self.source_text and bool(self.source_text_fr)

    def section(self, key: str) -> Any:
        """A section of the notice in the reader's language, falling back to the other language."""
        return self.section_in_language(key)[0]

    @property
    def essay_rules(self) -> dict[str, Any] | None:
        essay = self.notice.get("essay")
        return essay if isinstance(essay, dict) and essay.get("required") else None


class Post(models.Model):
    """One post filled by a vacancy; a competition may fill several."""

    vacancy = models.ForeignKey(
        Vacancy, verbose_name=_("vacancy"), on_delete=models.CASCADE, related_name="posts"
    )
    title = models.CharField(_("title"), max_length=300)
    reference = models.CharField(_("post reference"), max_length=40, blank=True)
    grade = models.CharField(_("grade"), max_length=40, blank=True)
    direct_reports = models.PositiveIntegerField(_("direct reports"), null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["vacancy", "id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.reference})" if self.reference else self.title

    def title_in_language(
        self, lang: str | None = None, *, siblings: list[Post] | None = None
    ) -> tuple[str, str]:
        """The post's title in the reader's language, or else in the other one: (title, its language).

        The French title is read from the vacancy's French notice, the one place it is kept (an import or a
        recruiter's correction changes it there): its post with the same reference, else the one at the
        same place when both notices list as many posts, else, for a vacancy of one post, the notice's
        French title. A vacancy made from its French notice holds French in `title` until its English comes.
        `siblings`: the vacancy's posts, where the caller has them.
        """
        vacancy = self.vacancy
        reader = _reader(lang)
        english = "" if vacancy.english_pending else self.title
        french = self._french_title(siblings)
        first, other = (french, english) if reader == "fr" else (english, french)
        if first:
            return first, reader
        if other:
            return other, "en" if reader == "fr" else "fr"
        return self.title, reader

    def _french_title(self, siblings: list[Post] | None) -> str:
        vacancy = self.vacancy
        if vacancy.english_pending:
            return self.title
        entries = [entry for entry in vacancy.notice_fr.get("posts") or [] if isinstance(entry, dict)]
        if self.reference:
            for entry in entries:
                if entry.get("reference") == self.reference and entry.get("title"):
                    return str(entry["title"])
        posts = siblings if siblings is not None else list(vacancy.posts.all())
        if entries and len(entries) == len(posts):
            index = next((i for i, post in enumerate(posts) if post.pk == self.pk), None)
            if index is not None and not (self.reference and entries[index].get("reference")):
                return str(entries[index].get("title") or "")
        if len(posts) == 1 and not entries:
            return str(vacancy.notice_fr.get("title") or vacancy.title_fr or "")
        return ""

    def localized_title(self) -> str:
        return self.title_in_language()[0]

    def localized_grade(self) -> str:
        return grade_in(self.grade, _reader())


class PostShown(NamedTuple):
    """A post as a vacancy's page lists it: its title in the reader's language, or in the other one."""

    post: Post
    title: str
    fallback_language: str  # "en" or "fr" when the title is not in the reader's language; else ""

    @property
    def fallback_note(self) -> str:
        return _fallback_note(self.fallback_language)


class PostsShown(NamedTuple):
    posts: list[PostShown]

    @property
    def fallback_language(self) -> str:
        """The other language when some post's title is shown in it (the list says so once)."""
        return next((shown.fallback_language for shown in self.posts if shown.fallback_language), "")

    @property
    def fallback_note(self) -> str:
        return _fallback_note(self.fallback_language)


class VacancyAssignment(models.Model):
    """Who, beyond recruiters, works on a vacancy: its panel members and hiring managers."""

    class Role(models.TextChoices):
        PANEL_MEMBER = "panel_member", _("Panel member")
        HIRING_MANAGER = "hiring_manager", _("Hiring manager")

    vacancy = models.ForeignKey(
        Vacancy, verbose_name=_("vacancy"), on_delete=models.CASCADE, related_name="assignments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("vacancy assignment")
        verbose_name_plural = _("vacancy assignments")
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "user", "role"], name="assignment_unique_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.vacancy}"


class StaffUnit(models.Model):
    """A staff member tied to an organisational unit: a recruiter works for the organisation above it.

    Recruiters see the candidates' mails and the mail templates of their organisations only (a recruiter
    tied to no unit sees none); administrators see every organisation's. Set by administrators (admin).
    """

    unit = models.ForeignKey(OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="staff_units"
    )

    class Meta:
        verbose_name = _("staff member of a unit")
        verbose_name_plural = _("staff members of units")
        constraints = [models.UniqueConstraint(fields=["unit", "user"], name="staff_unit_once")]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit}"


class ScreeningQuestion(models.Model):
    """A yes/no or numeric question a recruiter asks every candidate of a vacancy, in English and French.

    A knock-out question sets the answer that keeps a candidate in: the answer required (yes/no) or a
    minimum (numeric); any other answer makes the verdict "not eligible". Questions are fixed once an
    application was submitted (see `vacancies.services`): every candidate answers the same ones.
    """

    class Kind(models.TextChoices):
        YES_NO = "yes_no", _("Yes or no")
        NUMBER = "number", _("A number")

    vacancy = models.ForeignKey(
        Vacancy, verbose_name=_("vacancy"), on_delete=models.CASCADE, related_name="questions"
    )
    text = models.CharField(_("question"), max_length=300)
    text_fr = models.CharField(_("question in French"), max_length=300, blank=True)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices)
    knockout = models.BooleanField(_("knock-out"), default=False)
    required_yes = models.BooleanField(
        _("answer required"), null=True, blank=True, help_text=_("For a knock-out yes/no question.")
    )
    minimum = models.DecimalField(
        _("least answer accepted"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For a knock-out numeric question."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("screening question")
        verbose_name_plural = _("screening questions")
        ordering = ["vacancy", "id"]
        constraints = [
            # A knock-out question says what it requires; one that is not requires nothing.
            models.CheckConstraint(
                condition=Q(knockout=False, required_yes__isnull=True, minimum__isnull=True)
                | Q(knockout=True, kind="yes_no", required_yes__isnull=False, minimum__isnull=True)
                | Q(knockout=True, kind="number", required_yes__isnull=True, minimum__isnull=False),
                name="question_knockout_says_what_it_requires",
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def key(self) -> str:
        """How screening names the question (its answers are keyed by it)."""
        return f"q{self.pk}"

    def localized_text(self) -> str:
        return self.text_fr if (get_language() or "en").startswith("fr") and self.text_fr else self.text

    def as_rule(self) -> dict[str, Any]:
        """The question in the shape the eligibility kernel reads (kernel/eligibility/questions.py)."""
        return {
            "key": self.key,
            "text": {"en": self.text, "fr": self.text_fr or self.text},
            "kind": self.kind,
            "knockout": self.knockout,
            "required_yes": self.required_yes,
            "minimum": float(self.minimum) if self.minimum is not None else None,
        }
