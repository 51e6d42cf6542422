"""The audit trail: one append-only row per state change, written by the service that made it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEventType(models.TextChoices):
    """Every kind of event the trail records, named <ENTITY>_<PAST_VERB>.

    The values are stored: never change one, only add members (and a migration for the choices).
    """

    APPLICATION_SUBMITTED = "APPLICATION_SUBMITTED", _("Application submitted")
    APPLICATION_MOVED = "APPLICATION_MOVED", _("Application moved")
    DRAFT_CHECK_STARTED = "DRAFT_CHECK_STARTED", _("Draft essay check started")
    DRAFT_CHECK_FINISHED = "DRAFT_CHECK_FINISHED", _("Draft essay check finished")
    ESSAY_RENDITION_MADE = "ESSAY_RENDITION_MADE", _("Anonymised essay made")
    NOTICE_IMPORTED = "NOTICE_IMPORTED", _("Notice imported")
    PROFILE_SAVED = "PROFILE_SAVED", _("Profile saved")
    ROLE_GRANTED = "ROLE_GRANTED", _("Role granted")
    ROLE_REVOKED = "ROLE_REVOKED", _("Role revoked")
    VACANCY_CREATED = "VACANCY_CREATED", _("Vacancy created")
    VACANCY_UPDATED = "VACANCY_UPDATED", _("Vacancy updated")
    VACANCY_PUBLISHED = "VACANCY_PUBLISHED", _("Vacancy published")
    VACANCY_CLOSED = "VACANCY_CLOSED", _("Vacancy closed")
    VACANCY_ZONE_CORRECTED = "VACANCY_ZONE_CORRECTED", _("Vacancy's time zone corrected")
    VACANCY_SCREENED = "VACANCY_SCREENED", _("Vacancy screened")
    VERDICT_SCREENED = "VERDICT_SCREENED", _("Application screened")
    VERDICT_CONFIRMED = "VERDICT_CONFIRMED", _("Screening result confirmed")
    VERDICT_OVERRIDDEN = "VERDICT_OVERRIDDEN", _("Screening result overridden")
    STAGE_PLAN_CREATED = "STAGE_PLAN_CREATED", _("Stage plan created")
    STAGE_ADDED = "STAGE_ADDED", _("Stage added")
    STAGE_CHANGED = "STAGE_CHANGED", _("Stage changed")
    STAGE_REMOVED = "STAGE_REMOVED", _("Stage removed")
    STAGE_MOVED = "STAGE_MOVED", _("Stage moved in the plan")
    CRITERION_ADDED = "CRITERION_ADDED", _("Criterion added")
    CRITERION_REMOVED = "CRITERION_REMOVED", _("Criterion removed")
    PANEL_MEMBER_ADDED = "PANEL_MEMBER_ADDED", _("Panel member added")
    PANEL_MEMBER_REMOVED = "PANEL_MEMBER_REMOVED", _("Panel member removed")
    CONFLICT_DECLARED = "CONFLICT_DECLARED", _("Conflict of interest declared")
    PANEL_SHORT_OF_SCORERS = "PANEL_SHORT_OF_SCORERS", _("Panel short of scorers")
    SCORECARD_SAVED = "SCORECARD_SAVED", _("Scorecard saved as a draft")
    SCORECARD_SUBMITTED = "SCORECARD_SUBMITTED", _("Scorecard submitted")
    SCORECARD_AMENDED = "SCORECARD_AMENDED", _("Scorecard changed after submission")
    CONSENSUS_RECORDED = "CONSENSUS_RECORDED", _("Consensus recorded")
    TEST_RESULT_RECORDED = "TEST_RESULT_RECORDED", _("Test result recorded")
    TEST_RESULTS_IMPORTED = "TEST_RESULTS_IMPORTED", _("Test results imported")
    SLOT_OPENED = "SLOT_OPENED", _("Slot opened")
    CANDIDATE_INVITED = "CANDIDATE_INVITED", _("Candidate invited to book a slot")
    BOOKING_MADE = "BOOKING_MADE", _("Slot booked")
    BOOKING_CHANGED = "BOOKING_CHANGED", _("Booking changed")
    BOOKING_CANCELLED = "BOOKING_CANCELLED", _("Booking cancelled")
    RANKING_CONFIRMED = "RANKING_CONFIRMED", _("Ranking confirmed")
    # Candidates' data rights and retention (concours.privacy).
    PERSONAL_DATA_EXPORTED = "PERSONAL_DATA_EXPORTED", _("Personal data downloaded")
    ERASURE_REQUESTED = "ERASURE_REQUESTED", _("Erasure requested")
    ERASURE_CONFIRMED = "ERASURE_CONFIRMED", _("Erasure confirmed")
    APPLICATION_ERASED = "APPLICATION_ERASED", _("Application erased")
    DRAFT_CHECK_ERASED = "DRAFT_CHECK_ERASED", _("Draft essay check erased")
    CANDIDATE_ERASED = "CANDIDATE_ERASED", _("Candidate's personal data erased")
    # The recruiter's day (issue 12): a published vacancy changed, a list exported.
    VACANCY_DEADLINE_EXTENDED = "VACANCY_DEADLINE_EXTENDED", _("Vacancy's deadline extended")
    VACANCY_UNPUBLISHED = "VACANCY_UNPUBLISHED", _("Vacancy unpublished")
    APPLICATIONS_EXPORTED = "APPLICATIONS_EXPORTED", _("Applications exported")
    # An application's essay, its pages counted by a worker after submission (issue 10).
    ESSAY_CHECKED = "ESSAY_CHECKED", _("Essay's pages checked")
    ESSAY_REPLACED = "ESSAY_REPLACED", _("Essay replaced")
    # Selection decisions (issue 11): recommendation per post, approval, reserve lists, the report.
    APPOINTING_AUTHORITY_NAMED = "APPOINTING_AUTHORITY_NAMED", _("Appointing authority named")
    APPOINTING_AUTHORITY_REMOVED = "APPOINTING_AUTHORITY_REMOVED", _("Appointing authority removed")
    SELECTION_RECOMMENDED = "SELECTION_RECOMMENDED", _("Selection recommended")
    SELECTION_RETURNED = "SELECTION_RETURNED", _("Recommendation returned with comments")
    SELECTION_APPROVED = "SELECTION_APPROVED", _("Selection approved")
    RESERVE_LISTED = "RESERVE_LISTED", _("Placed on a reserve list")
    RESERVE_OFFERED = "RESERVE_OFFERED", _("Post offered from a reserve list")
    RESERVE_OFFER_ACCEPTED = "RESERVE_OFFER_ACCEPTED", _("Offer from a reserve list accepted")
    RESERVE_OFFER_DECLINED = "RESERVE_OFFER_DECLINED", _("Offer from a reserve list declined")
    RESERVE_LIST_EXPIRED = "RESERVE_LIST_EXPIRED", _("Reserve list expired")
    SELECTION_REPORT_MADE = "SELECTION_REPORT_MADE", _("Selection report generated")
    # Reasonable accommodation (issue 11): documents apart, every opening audited.
    ACCOMMODATION_REQUESTED = "ACCOMMODATION_REQUESTED", _("Reasonable accommodation requested")
    ACCOMMODATION_DOCUMENT_OPENED = "ACCOMMODATION_DOCUMENT_OPENED", _("Accommodation document opened")
    ACCOMMODATION_DECIDED = "ACCOMMODATION_DECIDED", _("Reasonable accommodation decided")
    ACCOMMODATION_DOCUMENTS_ERASED = "ACCOMMODATION_DOCUMENTS_ERASED", _("Accommodation documents erased")
    # Candidate mails (issue 11): templates edited by HR, failed mails sent again.
    MAIL_TEMPLATE_CHANGED = "MAIL_TEMPLATE_CHANGED", _("Mail template changed")
    MAIL_RESENT = "MAIL_RESENT", _("Mail sent again")
    # Experience claimed per requirement and screening questions (issue 12).
    CLAIM_REVIEWED = "CLAIM_REVIEWED", _("Experience claim confirmed or corrected")
    QUESTION_ADDED = "QUESTION_ADDED", _("Screening question added")
    QUESTION_REMOVED = "QUESTION_REMOVED", _("Screening question removed")
    # Job alerts (issue 12).
    JOB_ALERT_SAVED = "JOB_ALERT_SAVED", _("Job alert saved")
    JOB_ALERT_CANCELLED = "JOB_ALERT_CANCELLED", _("Job alert cancelled")
    # The advisory generative-AI signal (issue 14): calibrated, switched per organisation, every display.
    GENAI_CALIBRATION_STORED = "GENAI_CALIBRATION_STORED", _("Generative-AI signal calibrated")
    GENAI_SIGNAL_SWITCHED = "GENAI_SIGNAL_SWITCHED", _("Generative-AI signal switched on or off")
    GENAI_SIGNAL_SHOWN = "GENAI_SIGNAL_SHOWN", _("Generative-AI signal shown")
    GENAI_EXPLANATION_ASKED = "GENAI_EXPLANATION_ASKED", _("Candidate asked to explain their essay")
    GENAI_EXPLANATION_GIVEN = "GENAI_EXPLANATION_GIVEN", _("Candidate's explanation received")
    # The candidate's apply flow: the files of an application kept before it is submitted.
    APPLICATION_DRAFT_SAVED = "APPLICATION_DRAFT_SAVED", _("Application draft saved")
    # An organisational unit's French name, given by an import (the reference or a French notice).
    UNIT_NAMED_IN_FRENCH = "UNIT_NAMED_IN_FRENCH", _("Unit named in French")


class AuditEvent(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    event_type = models.CharField(_("event type"), max_length=64, choices=AuditEventType.choices)
    subject_type = models.ForeignKey(ContentType, verbose_name=_("subject type"), on_delete=models.PROTECT)
    subject_id = models.CharField(_("subject id"), max_length=64)
    subject_repr = models.CharField(_("subject"), max_length=300)
    at = models.DateTimeField(_("at"), default=timezone.now)
    extra = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "event_type", "at"], name="audit_subject_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.subject_repr}"


class WrittenOnce(models.Model):
    """A record kept as made (a calibration, a generated report): saving it again is refused, so a
    figure or a document that others relied on cannot change under them; a new one is stored instead."""

    immutable_message = "This record is kept as made: store a new one instead of changing it."

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise ValueError(self.immutable_message)
        super().save(*args, **kwargs)  # type: ignore[arg-type]
