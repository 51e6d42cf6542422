"""Selection decisions: who approves for each unit, the recommendation per vacancy (one selection per
post, the others on the reserve list or not selected), reserve lists drawn on later, and the reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application
from concours.core.models import WrittenOnce
from concours.vacancies.models import OrgUnit, Post, Vacancy


class AppointingAuthority(models.Model):
    """The person who approves selections for a unit and, unless one is named lower, the units below it."""

    unit = models.OneToOneField(
        OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="appointing_authority"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("appointing authority"),
        on_delete=models.PROTECT,
        related_name="authority_for",
        limit_choices_to={"is_staff": True},
    )
    named_at = models.DateTimeField(_("named at"), default=timezone.now)

    class Meta:
        verbose_name = _("appointing authority")
        verbose_name_plural = _("appointing authorities")
        ordering = ["unit__name"]

    def __str__(self) -> str:
        return f"{self.unit} – {self.user}"


class Recommendation(models.Model):
    """The recruiter's proposal for a vacancy, drawn from the last stage's ranking; final only once the
    appointing authority approves it. `version` grows with every change: an action carries the version
    its author saw, and is refused if it has moved since."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted to the appointing authority")
        RETURNED = "returned", _("Returned with comments")
        APPROVED = "approved", _("Approved")

    vacancy = models.OneToOneField(
        Vacancy, verbose_name=_("vacancy"), on_delete=models.PROTECT, related_name="recommendation"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    # The stage whose ranking it was drawn from, and that ranking as it stood then: rows of
    # {"application": id, "code": ..., "rank": n or null, "tied": bool, "total": "3.50" or null}.
    stage = models.ForeignKey(
        "assessment.Stage",
        verbose_name=_("drawn from the stage"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ranking = models.JSONField(_("ranking it was drawn from"), default=list)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drawn up by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    drawn_at = models.DateTimeField(_("drawn up at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The recruiter who submitted it last: on approval, the applications move in their name (the
    # recommendation is theirs), with the authority's approval in each move's reason and in the audit.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comments = models.TextField(_("comments of the appointing authority"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("selection recommendation")
        verbose_name_plural = _("selection recommendations")
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return f"{self.vacancy} – {self.get_status_display()}"

    @property
    def editable(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.RETURNED}


class Review(models.Model):
    """One decision of the appointing authority on a recommendation: returned with comments, or approved."""

    class Outcome(models.TextChoices):
        RETURNED = "returned", _("Returned with comments")
        APPROVED = "approved", _("Approved")

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.CASCADE, related_name="reviews"
    )
    version = models.PositiveIntegerField(_("version reviewed"))
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    comments = models.TextField(_("comments"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("review by the appointing authority")
        verbose_name_plural = _("reviews by the appointing authority")
        ordering = ["recommendation", "at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="approved") | ~Q(comments=""), name="review_return_has_comments"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation} – {self.get_outcome_display()}"


class PostSelection(models.Model):
    """The candidate recommended for one post, and why."""

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.CASCADE, related_name="selections"
    )
    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("selection for a post")
        verbose_name_plural = _("selections for posts")
        ordering = ["recommendation", "post_id"]
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "post"], name="selection_one_per_post"),
            # A candidate selected for one post is not offered another at the same time.
            models.UniqueConstraint(fields=["application"], name="selection_one_post_per_application"),
            models.CheckConstraint(condition=~Q(reason=""), name="selection_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.post} – {self.application_id}"


class Placement(models.Model):
    """A candidate of the recommendation not selected for a post: on the reserve list, or not selected."""

    class Outcome(models.TextChoices):
        RESERVE = "reserve", _("Reserve list")
        NOT_SELECTED = "not_selected", _("Not selected")

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.CASCADE, related_name="placements"
    )
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("reserve or not selected")
        verbose_name_plural = _("reserve or not selected")
        ordering = ["recommendation", "outcome", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "application"], name="placement_once_per_application"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="placement_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} – {self.get_outcome_display()}"


class ReserveEntry(models.Model):
    """A candidate on a reserve list after an approved selection, until `expires_on` (inclusive)."""

    class State(models.TextChoices):
        LISTED = "listed", _("On the list")
        APPOINTED = "appointed", _("Appointed from the list")
        EXPIRED = "expired", _("List expired")

    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="reserve_entry"
    )
    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.PROTECT, related_name="reserve"
    )
    grade = models.CharField(_("reserve grade"), max_length=40, blank=True)
    listed_on = models.DateField(_("listed on"), default=timezone.localdate)
    expires_on = models.DateField(_("expires on"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.LISTED)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reserve list entry")
        verbose_name_plural = _("reserve list entries")
        ordering = ["expires_on", "id"]
        indexes = [models.Index(fields=["state", "expires_on"], name="reserve_state_expiry_idx")]

    def __str__(self) -> str:
        return f"{self.application_id} – {self.grade} – {self.expires_on}"


class ReserveOffer(models.Model):
    """A post of a later vacancy offered to a candidate on a reserve list; the candidate answers it."""

    class State(models.TextChoices):
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    entry = models.ForeignKey(
        ReserveEntry, verbose_name=_("reserve list entry"), on_delete=models.PROTECT, related_name="offers"
    )
    vacancy = models.ForeignKey(
        Vacancy, verbose_name=_("vacancy"), on_delete=models.PROTECT, related_name="reserve_offers"
    )
    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OFFERED)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("offered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    offered_at = models.DateTimeField(_("offered at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The application to the later vacancy made when the candidate accepts.
    application = models.OneToOneField(
        Application,
        verbose_name=_("application made on acceptance"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reserve_offer",
    )

    class Meta:
        verbose_name = _("offer from a reserve list")
        verbose_name_plural = _("offers from reserve lists")
        ordering = ["-offered_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "vacancy"], name="reserve_offer_once_per_vacancy"),
            # One open offer per candidate at a time: they answer it before another is made.
            models.UniqueConstraint(
                fields=["entry"], condition=Q(state="offered"), name="reserve_offer_one_open_per_entry"
            ),
            # A post is offered to one candidate at a time, and stays theirs once accepted.
            models.UniqueConstraint(
                fields=["post"], condition=~Q(state="declined"), name="reserve_offer_one_live_per_post"
            ),
            models.CheckConstraint(
                condition=Q(state="offered") | Q(answered_at__isnull=False), name="reserve_offer_answer_dated"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.post} – {self.entry.application_id} – {self.get_state_display()}"


def report_path(instance: SelectionReport, filename: str) -> str:
    # Named by content and moment: a new report never overwrites an earlier one.
    return (
        f"selection/reports/{instance.vacancy_id}/"
        f"{instance.made_at:%Y%m%dT%H%M%S}-{instance.language}-{instance.sha256[:16]}.pdf"
    )


class SelectionReport(WrittenOnce):
    """A generated selection report, kept as made: it cannot be changed once saved."""

    immutable_message = "A selection report cannot be changed once made."

    class Language(models.TextChoices):
        EN = "en", _("English")
        FR = "fr", _("French")

    vacancy = models.ForeignKey(
        Vacancy, verbose_name=_("vacancy"), on_delete=models.PROTECT, related_name="selection_reports"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    file = models.FileField(_("file"), upload_to=report_path, max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    made_at = models.DateTimeField(_("made at"), default=timezone.now)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("selection report")
        verbose_name_plural = _("selection reports")
        ordering = ["-made_at", "-id"]

    def __str__(self) -> str:
        return f"{self.vacancy} – {self.language} – {self.made_at:%Y-%m-%d %H:%M}"
