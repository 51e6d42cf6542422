"""Assessment: each vacancy's plan of stages, its panel, conflict declarations, scorecards, consensus,
test results and interview slots."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application
from concours.vacancies.models import Vacancy


def _in_french() -> bool:
    return (get_language() or "en").startswith("fr")


class Stage(models.Model):
    """One step of a vacancy's plan. Copied from the organisation's default plan, then adapted."""

    class Kind(models.TextChoices):
        SCREENING = "screening", _("Eligibility screening")
        DOCUMENT_REVIEW = "document_review", _("Document review")
        TEST = "test", _("Test")
        INTERVIEW = "interview", _("Interview")
        DECISION = "decision", _("Decision")

    class Scorers(models.TextChoices):
        PANEL = "panel", _("The panel")
        TEST_PROVIDER = "test_provider", _("An outside test provider")
        HR = "hr", _("Human resources")

    class PassRule(models.TextChoices):
        TOP_N = "top_n", _("The best N")
        THRESHOLD = "threshold", _("A threshold")
        PANEL_DECISION = "panel_decision", _("The panel's decision")

    vacancy = models.ForeignKey(
        Vacancy, verbose_name=_("vacancy"), on_delete=models.CASCADE, related_name="stages"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    name_fr = models.CharField(_("name in French"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    blind = models.BooleanField(_("blind"), default=False)
    scorers = models.CharField(_("who scores"), max_length=20, choices=Scorers.choices)
    pass_rule = models.CharField(_("pass rule"), max_length=20, choices=PassRule.choices)
    pass_value = models.DecimalField(
        _("N or threshold"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("How many go on (best N), or the lowest weighted total on the scale (threshold)."),
    )
    # The plan follows the application's states (applications/workflow.py): a stage takes the
    # applications in `entry_status`; confirming its ranking moves those who pass to `advances_to`. A
    # stage that advances no one (a test) feeds the next stage with the same entry state.
    entry_status = models.CharField(
        _("candidates in the state"), max_length=20, choices=Application.Status.choices
    )
    advances_to = models.CharField(
        _("moves those who pass to"), max_length=20, choices=Application.Status.choices, blank=True
    )
    when = models.CharField(_("when"), max_length=200, blank=True)
    where = models.CharField(_("where"), max_length=200, blank=True)
    zone = models.CharField(_("time zone of the place"), max_length=64, blank=True, help_text=_("IANA name"))
    # One scale for every criterion of the stage (so that totals and agreement compare like with like).
    scale_min = models.SmallIntegerField(_("lowest point"), default=1)
    scale_max = models.SmallIntegerField(_("highest point"), default=5)
    anchors = models.JSONField(
        _("behavioural anchors"),
        default=list,
        blank=True,
        help_text=_('[{"point": 1, "en": "…", "fr": "…"}]'),
    )

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["vacancy", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "key"], name="stage_unique_key_per_vacancy"),
            models.CheckConstraint(
                condition=Q(scale_max__gt=models.F("scale_min")), name="stage_scale_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vacancy.reference or self.vacancy_id} – {self.name}"

    def localized_name(self) -> str:
        return self.name_fr if _in_french() and self.name_fr else self.name

    @property
    def place_zone(self) -> str:
        return self.zone or self.vacancy.zone

    @property
    def scored_by_panel(self) -> bool:
        return self.scorers == self.Scorers.PANEL and self.kind in {
            self.Kind.DOCUMENT_REVIEW,
            self.Kind.INTERVIEW,
        }

    @property
    def points(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))

    @property
    def has_slots(self) -> bool:
        return self.kind in {self.Kind.TEST, self.Kind.INTERVIEW}


class Criterion(models.Model):
    """What a stage scores: a competency, a key challenge, a qualification, a technical point or a test."""

    class Source(models.TextChoices):
        COMPETENCY = "competency", _("Competency")
        KEY_CHALLENGE = "key_challenge", _("Key challenge (essay)")
        QUALIFICATION = "qualification", _("Essential qualification")
        TECHNICAL = "technical", _("Technical criterion")
        TEST = "test", _("Test result")

    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    name = models.CharField(_("name"), max_length=300)
    name_fr = models.CharField(_("name in French"), max_length=300, blank=True)
    required_level = models.CharField(_("required level"), max_length=300, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)
    # Anchors of this criterion's points, where they say more than the stage's scale.
    anchors = models.JSONField(
        _("behavioural anchors"),
        default=list,
        blank=True,
        help_text=_('[{"point": 1, "en": "…", "fr": "…"}]'),
    )
    test = models.CharField(
        _("test"), max_length=120, blank=True, help_text=_("For a test result: the test's name")
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["stage", "position", "id"]
        constraints = [models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive")]

    def __str__(self) -> str:
        return self.name

    def localized_name(self) -> str:
        return self.name_fr if _in_french() and self.name_fr else self.name

    def anchor_for(self, point: int) -> str:
        """What `point` means for this criterion, in the reader's language (else the stage's anchor)."""
        return self.anchor_text(point)[0]

    def anchor_text(self, point: int) -> tuple[str, str]:
        """What `point` means, and the language it is written in ("en" or "fr"): this criterion's own
        anchor first, in the reader's language or else the other one; else the stage's generic anchor."""
        wanted, other = ("fr", "en") if _in_french() else ("en", "fr")
        for anchors in (self.anchors or [], self.stage.anchors or []):
            for anchor in anchors:
                if isinstance(anchor, dict) and anchor.get("point") == point:
                    for language in (wanted, other):
                        if str(anchor.get(language) or "").strip():
                            return str(anchor[language]), language
        return "", wanted

    @property
    def has_own_anchors(self) -> bool:
        return bool(self.anchors)

    @property
    def scored_on_scorecards(self) -> bool:
        return self.source != self.Source.TEST


class PanelMember(models.Model):
    """A member of a vacancy's panel. Observers sit in but do not score."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        HIRING_MANAGER = "hiring_manager", _("Hiring manager")
        HR = "hr", _("Human resources")
        EXPERT = "expert", _("Subject-matter expert")
        OBSERVER = "observer", _("Observer (does not score)")

    vacancy = models.ForeignKey(
        Vacancy, verbose_name=_("vacancy"), on_delete=models.CASCADE, related_name="panel"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="panel_seats"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)

    class Meta:
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        ordering = ["vacancy", "id"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "user"], name="panel_member_once_per_vacancy")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"

    @property
    def scores(self) -> bool:
        return self.role != self.Role.OBSERVER


class Declaration(models.Model):
    """A member's declaration about one candidate: no conflict, or a conflict with its reason."""

    member = models.ForeignKey(
        PanelMember, verbose_name=_("panel member"), on_delete=models.CASCADE, related_name="declarations"
    )
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="+"
    )
    conflicted = models.BooleanField(_("conflict of interest"))
    reason = models.TextField(_("reason"), blank=True)
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    class Meta:
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")
        constraints = [
            models.UniqueConstraint(fields=["member", "application"], name="declaration_once_per_candidate"),
            models.CheckConstraint(
                condition=Q(conflicted=False) | ~Q(reason=""), name="declaration_conflict_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.application_id}"


class Scorecard(models.Model):
    """One member's scores for one candidate at one stage: a draft until submitted, then locked."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="scorecards"
    )
    member = models.ForeignKey(
        PanelMember, verbose_name=_("panel member"), on_delete=models.CASCADE, related_name="scorecards"
    )
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "member", "application"], name="scorecard_once_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stage} – {self.member} – {self.application_id}"


class Score(models.Model):
    scorecard = models.ForeignKey(
        Scorecard, verbose_name=_("scorecard"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+"
    )
    value = models.SmallIntegerField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="score_once_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Consensus(models.Model):
    """The score the panel agreed for one candidate on one criterion, and why where it is not the mean."""

    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="consensus"
    )
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="+"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+"
    )
    # A point of the stage's scale, as the members' scores are.
    value = models.SmallIntegerField(_("agreed score"))
    members_mean = models.DecimalField(_("members' mean"), max_digits=6, decimal_places=2, null=True)
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("consensus score")
        verbose_name_plural = _("consensus scores")
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "application", "criterion"], name="consensus_once_per_criterion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class TestResult(models.Model):
    """A candidate's result in a written, language or online test, imported or typed in."""

    __test__ = False  # not a pytest test class

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="test_results"
    )
    test = models.CharField(_("test"), max_length=120)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2)
    maximum = models.DecimalField(_("maximum"), max_digits=8, decimal_places=2)
    taken_on = models.DateField(_("taken on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("test result")
        verbose_name_plural = _("test results")
        ordering = ["application", "test"]
        constraints = [
            models.UniqueConstraint(fields=["application", "test"], name="test_result_once_per_test"),
            models.CheckConstraint(
                condition=Q(maximum__gt=0) & Q(score__gte=0) & Q(score__lte=models.F("maximum")),
                name="test_result_within_maximum",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.test}: {self.score}/{self.maximum}"


class Slot(models.Model):
    """A time and place for a test or an interview, with room for `capacity` candidates."""

    stage = models.ForeignKey(Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts at"), help_text=_("Stored in UTC; shown in the place's zone."))
    minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=60)
    place = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=1)

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["stage", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="slot_capacity_positive"),
            models.CheckConstraint(condition=~Q(place="") | ~Q(video_link=""), name="slot_has_place_or_link"),
        ]

    def __str__(self) -> str:
        return f"{self.stage.name} {self.starts_at:%Y-%m-%d %H:%M}"


class Invitation(models.Model):
    """A candidate invited to book a slot of a stage. One calendar event: one UID, SEQUENCE per change."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")

    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="invitations"
    )
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="invitations"
    )
    slot = models.ForeignKey(
        Slot, verbose_name=_("slot"), null=True, blank=True, on_delete=models.PROTECT, related_name="bookings"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.INVITED)
    uid = models.CharField(_("calendar UID"), max_length=100, unique=True, default=uuid.uuid4)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["stage", "application"], name="invitation_once_per_stage"),
            models.CheckConstraint(
                condition=Q(status="booked", slot__isnull=False) | ~Q(status="booked"),
                name="booking_has_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stage.name} – {self.application_id}"
