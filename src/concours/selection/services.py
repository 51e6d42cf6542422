"""Every change of a selection: in one transaction each, with its audit record; candidates' mails are
queued in the same transaction and leave once it commits.

The recommendation moves draft → submitted → returned (with comments) → submitted … → approved. Each
action carries the `version` its author saw: if the recommendation changed since, it is refused. Nothing
moves an application before the appointing authority approves.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from concours.accounts.models import Role, User
from concours.applications.decisions import Decision
from concours.applications.models import Application, Transition
from concours.applications.services import application_transition
from concours.applications.workflow import allowed_targets
from concours.core.audit import audit_record
from concours.core.dates import written_day
from concours.core.errors import Conflict, DomainError, NotAllowed
from concours.core.limits import reason_checked
from concours.core.models import AuditEventType
from concours.notifications.outcomes import Outcome
from concours.notifications.services import mail_queue
from concours.selection import selectors
from concours.selection.models import (
    AppointingAuthority,
    Placement,
    PostSelection,
    Recommendation,
    ReserveEntry,
    ReserveOffer,
    Review,
)
from concours.selection.tasks import reserve_expired_mail
from concours.vacancies.models import OrgUnit, Post, Vacancy

S = Application.Status

# ---------------------------------------------------------------------------------------------------
# Appointing authorities


def _is_recruiter(actor: Any) -> bool:
    return bool(actor.is_superuser or actor.has_role(Role.RECRUITER) or actor.has_role(Role.ADMINISTRATOR))


def _is_administrator(actor: Any) -> bool:
    return bool(actor is not None and (actor.is_superuser or actor.has_role(Role.ADMINISTRATOR)))


@transaction.atomic
def authority_name(*, unit: OrgUnit, user: User, actor: Any) -> AppointingAuthority:
    """Name `user` the appointing authority of `unit` (replacing the one named before, if any)."""
    if actor is not None and not _is_administrator(actor):
        raise NotAllowed(_("Only administrators name appointing authorities."))
    if not (user.is_staff and user.has_role(Role.APPOINTING_AUTHORITY)):
        raise DomainError(_("Give this person the appointing authority role first."))
    before = AppointingAuthority.objects.select_for_update().filter(unit=unit).first()
    if before is not None and before.user_id == user.pk:
        return before
    if before is not None:
        authority_remove(authority=before, actor=actor)
    authority = AppointingAuthority.objects.create(unit=unit, user=user)
    audit_record(
        actor=actor, event_type=AuditEventType.APPOINTING_AUTHORITY_NAMED, subject=unit, user=user.email
    )
    return authority


@transaction.atomic
def authority_remove(*, authority: AppointingAuthority, actor: Any) -> None:
    if actor is not None and not _is_administrator(actor):
        raise NotAllowed(_("Only administrators name appointing authorities."))
    unit, email = authority.unit, authority.user.email
    authority.delete()
    audit_record(
        actor=actor, event_type=AuditEventType.APPOINTING_AUTHORITY_REMOVED, subject=unit, user=email
    )


# ---------------------------------------------------------------------------------------------------
# The recommendation


def _locked(recommendation: Recommendation, version: int) -> Recommendation:
    """The recommendation locked for a change, if it is still the version its author saw."""
    current = (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("vacancy__unit")
        .get(pk=recommendation.pk)
    )
    if current.version != version:
        raise Conflict(
            _(
                "This recommendation changed since you opened it (it is now “%(status)s”, version "
                "%(version)d): nothing was changed. Read it again before you act."
            )
            % {"status": current.get_status_display(), "version": current.version}
        )
    return current


@transaction.atomic
def recommendation_draw(*, vacancy: Vacancy, actor: Any) -> Recommendation:
    """Draw up the vacancy's recommendation from the ranking of its plan's last stage (kept as it stood).

    The ranking must be confirmed: every candidate at the last stage ranked on the panel's agreed
    scores (no provisional total). Drawing up again refreshes the ranking of a draft or a returned
    recommendation and keeps the decisions of candidates still in it.
    """
    if not _is_recruiter(actor):
        raise NotAllowed(_("Only recruiters draw up a recommendation."))
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    existing = Recommendation.objects.select_for_update().filter(vacancy=vacancy).first()
    if existing is not None and not existing.editable:
        raise DomainError(_("This recommendation is with the appointing authority or approved already."))
    found = selectors.ranked_stage(vacancy)
    if found is None:
        raise DomainError(_("This vacancy has no stage with a ranking: set its plan and score it first."))
    last, ranked, ranking = found
    if S.SELECTED not in allowed_targets(last.entry_status):
        raise DomainError(
            _(
                "The plan's last stage (“%(stage)s”) takes candidates who are “%(state)s”: the workflow "
                "selects none from that state. Add the stages that lead to the shortlist."
            )
            % {"stage": last.localized_name(), "state": Application.Status(last.entry_status).label}
        )
    rows = [
        row
        for row in ranking.rows
        if Application.objects.filter(pk=row.application_id, status=last.entry_status).exists()
    ]
    if not rows:
        raise DomainError(
            _("Nobody is at the last stage (“%(stage)s”) of the plan.") % {"stage": last.localized_name()}
        )
    provisional = [row.code for row in rows if row.provisional or row.total is None]
    if provisional:
        raise DomainError(
            _(
                "The ranking of “%(stage)s” is not confirmed yet: the panel's agreed scores are missing for "
                "%(codes)s."
            )
            % {"stage": ranked.localized_name(), "codes": ", ".join(provisional)}
        )
    snapshot = [
        {
            "application": row.application_id,
            "code": row.code,
            "rank": row.rank,
            "tied": row.tied,
            "total": str(row.total) if row.total is not None else None,
            "status": last.entry_status,
        }
        for row in rows
    ]
    if existing is None:
        recommendation = Recommendation.objects.create(
            vacancy=vacancy, stage=ranked, ranking=snapshot, drawn_by=actor, drawn_at=timezone.now()
        )
    else:
        recommendation = existing
        kept = [row["application"] for row in snapshot]
        recommendation.selections.exclude(application_id__in=kept).delete()
        recommendation.placements.exclude(application_id__in=kept).delete()
        recommendation.stage, recommendation.ranking = ranked, snapshot
        recommendation.drawn_by, recommendation.drawn_at = actor, timezone.now()
        recommendation.version += 1
        recommendation.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.SELECTION_RECOMMENDED,
        subject=recommendation,
        step="drawn",
        stage=ranked.key,
        version=recommendation.version,
        ranking=snapshot,
    )
    return recommendation


@transaction.atomic
def recommendation_save(
    *,
    recommendation: Recommendation,
    version: int,
    selections: dict[int, tuple[int, str]],
    others: dict[int, tuple[str, str]],
    actor: Any,
) -> Recommendation:
    """Record the decisions proposed: `selections` maps a post to (application, reason); `others` maps an
    application to (Placement.Outcome, reason). Replaces what was proposed before."""
    if not _is_recruiter(actor):
        raise NotAllowed(_("Only recruiters draw up a recommendation."))
    recommendation = _locked(recommendation, version)
    if not recommendation.editable:
        raise DomainError(_("This recommendation is with the appointing authority or approved already."))
    in_ranking = {int(row["application"]) for row in recommendation.ranking}
    posts = {p.pk: p for p in Post.objects.filter(vacancy_id=recommendation.vacancy_id)}
    chosen: dict[int, int] = {}
    for post_id, (application_id, reason) in selections.items():
        if post_id not in posts:
            raise DomainError(_("This post is not one of the vacancy's."))
        if application_id not in in_ranking:
            raise DomainError(_("Only candidates of the ranking may be selected."))
        if application_id in chosen:
            raise DomainError(
                _("A candidate cannot be selected for two posts (“%(one)s” and “%(other)s”).")
                % {"one": posts[chosen[application_id]], "other": posts[post_id]}
            )
        if not reason_checked(reason):
            raise DomainError(
                _("Give the reason for the selection for “%(post)s”.") % {"post": posts[post_id]}
            )
        chosen[application_id] = post_id
    for application_id, (outcome, reason) in others.items():
        if application_id not in in_ranking:
            raise DomainError(_("Only candidates of the ranking may be placed."))
        if application_id in chosen:
            raise DomainError(_("A selected candidate is neither on the reserve list nor not selected."))
        if outcome not in Placement.Outcome.values:
            raise DomainError(_("Choose the reserve list or not selected."))
        if not reason_checked(reason):
            raise DomainError(_("Give a reason for each candidate on the reserve list or not selected."))
    recommendation.selections.all().delete()
    recommendation.placements.all().delete()
    try:
        with transaction.atomic():
            PostSelection.objects.bulk_create(
                PostSelection(
                    recommendation=recommendation,
                    post_id=post_id,
                    application_id=application_id,
                    reason=reason_checked(reason),
                )
                for post_id, (application_id, reason) in selections.items()
            )
    except IntegrityError as error:  # the database's own guard, for a race the checks above cannot see
        raise DomainError(_("A candidate cannot be selected for two posts.")) from error
    Placement.objects.bulk_create(
        Placement(
            recommendation=recommendation,
            application_id=application_id,
            outcome=outcome,
            reason=reason_checked(reason),
        )
        for application_id, (outcome, reason) in others.items()
    )
    recommendation.version += 1
    recommendation.save(update_fields=["version", "updated_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.SELECTION_RECOMMENDED,
        subject=recommendation,
        step="saved",
        version=recommendation.version,
        selections={str(post): {"application": a, "reason": r} for post, (a, r) in selections.items()},
        others={str(a): {"outcome": o, "reason": r} for a, (o, r) in others.items()},
    )
    return recommendation


@transaction.atomic
def recommendation_submit(*, recommendation: Recommendation, version: int, actor: Any) -> Recommendation:
    """Send the recommendation to the vacancy's appointing authority: every post filled, a decision and
    a reason for every candidate of the ranking."""
    if not _is_recruiter(actor):
        raise NotAllowed(_("Only recruiters submit a recommendation."))
    recommendation = _locked(recommendation, version)
    if not recommendation.editable:
        raise DomainError(_("This recommendation is with the appointing authority or approved already."))
    vacancy = recommendation.vacancy
    if selectors.authority_for(vacancy) is None:
        raise DomainError(
            _("No appointing authority is named for this vacancy's unit or the units above it.")
        )
    unfilled = Post.objects.filter(vacancy=vacancy).exclude(
        pk__in=recommendation.selections.values("post_id")
    )
    if unfilled.exists():
        raise DomainError(
            _("Select a candidate for every post: %(posts)s.")
            % {"posts": ", ".join(str(p) for p in unfilled)}
        )
    decided = set(recommendation.selections.values_list("application_id", flat=True)) | set(
        recommendation.placements.values_list("application_id", flat=True)
    )
    undecided = [row["code"] for row in recommendation.ranking if int(row["application"]) not in decided]
    if undecided:
        raise DomainError(
            _("Decide for every candidate of the ranking: %(codes)s.") % {"codes": ", ".join(undecided)}
        )
    recommendation.status = Recommendation.Status.SUBMITTED
    recommendation.submitted_at, recommendation.submitted_by = timezone.now(), actor
    recommendation.version += 1
    recommendation.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.SELECTION_RECOMMENDED,
        subject=recommendation,
        step="submitted",
        version=recommendation.version,
    )
    return recommendation


def _check_authority(recommendation: Recommendation, actor: Any) -> None:
    if not selectors.is_authority_of(actor, recommendation.vacancy):
        raise NotAllowed(_("Only the vacancy's appointing authority decides on its recommendation."))
    if recommendation.status != Recommendation.Status.SUBMITTED:
        raise DomainError(_("This recommendation is not waiting for a decision."))


@transaction.atomic
def recommendation_return(
    *, recommendation: Recommendation, version: int, comments: str, actor: Any
) -> Recommendation:
    """The authority sends the recommendation back to the recruiters, saying why."""
    recommendation = _locked(recommendation, version)
    _check_authority(recommendation, actor)
    comments = reason_checked(comments)
    if not comments:
        raise DomainError(_("Say what should change: the recruiters revise the recommendation from it."))
    Review.objects.create(
        recommendation=recommendation,
        version=recommendation.version,
        outcome=Review.Outcome.RETURNED,
        comments=comments,
        by=actor,
    )
    recommendation.status = Recommendation.Status.RETURNED
    recommendation.comments, recommendation.decided_by = comments, actor
    recommendation.version += 1
    recommendation.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.SELECTION_RETURNED,
        subject=recommendation,
        version=recommendation.version,
        comments=comments,
    )
    return recommendation


@transaction.atomic
def recommendation_approve(*, recommendation: Recommendation, version: int, actor: Any) -> Recommendation:
    """The authority approves: the applications move (selected, reserve list, not selected, and those
    left at earlier stages not selected), reserve entries get their expiry, each candidate is mailed."""
    recommendation = _locked(recommendation, version)
    _check_authority(recommendation, actor)
    vacancy = recommendation.vacancy
    now = timezone.now()
    today = timezone.localdate(now)
    # The moves are the recommendation's, made in the name of the recruiter who submitted it: the
    # workflow lets recruiters move applications; the approval is in each reason and in the audit.
    mover = recommendation.submitted_by
    if mover is None or not _is_recruiter(mover):
        raise DomainError(_("The recruiter who submitted this recommendation can no longer act: return it."))
    approved = _("approved by %(who)s on %(day)s") % {"who": actor, "day": written_day(today)}
    # The only way into a decision state (applications/decisions.py): this approval, named in each audit.
    decision = Decision(f"recommendation {recommendation.pk} v{version} approved by {actor}")
    seen = {int(row["application"]): str(row.get("status") or "") for row in recommendation.ranking}
    for selection in recommendation.selections.select_related("post", "application"):
        application_transition(
            application=selection.application,
            to=S.SELECTED,
            reason=f"{selection.post}: {selection.reason} ({approved})",
            actor=mover,
            expected_status=seen.get(selection.application_id) or None,
            decision=decision,
        )
        mail_queue(
            application=selection.application,
            outcome=Outcome.SELECTED,
            context={"post_title": selection.post.title},
            actor=actor,
        )
    months = selectors.reserve_months_for(vacancy)
    expires_on = selectors.months_later(today, months)
    grade = vacancy.grade or next((p.grade for p in Post.objects.filter(vacancy=vacancy) if p.grade), "")
    for placement in recommendation.placements.select_related("application"):
        to = S.RESERVE if placement.outcome == Placement.Outcome.RESERVE else S.NOT_SELECTED
        application_transition(
            application=placement.application,
            to=to,
            reason=f"{placement.reason} ({approved})",
            actor=mover,
            expected_status=seen.get(placement.application_id) or None,
            decision=decision,
        )
        if to == S.RESERVE:
            entry = ReserveEntry.objects.create(
                application=placement.application,
                recommendation=recommendation,
                grade=grade,
                listed_on=today,
                expires_on=expires_on,
            )
            audit_record(
                actor=actor,
                event_type=AuditEventType.RESERVE_LISTED,
                subject=placement.application,
                grade=grade,
                expires_on=expires_on.isoformat(),
                entry=entry.pk,
            )
            mail_queue(
                application=placement.application,
                outcome=Outcome.RESERVE,
                context={"expires": expires_on},
                actor=actor,
            )
        else:
            mail_queue(application=placement.application, outcome=Outcome.NOT_SELECTED, actor=actor)
    earlier = _("Not retained at an earlier stage of the competition.")
    for application in selectors.left_earlier(vacancy).exclude(
        pk__in=[int(row["application"]) for row in recommendation.ranking]
    ):
        if S.NOT_SELECTED not in allowed_targets(application.status):
            continue
        application_transition(
            application=application,
            to=S.NOT_SELECTED,
            reason=f"{earlier} ({approved})",
            actor=mover,
            expected_status=application.status,
            decision=decision,
        )
        Placement.objects.create(
            recommendation=recommendation,
            application=application,
            outcome=Placement.Outcome.NOT_SELECTED,
            reason=earlier,
        )
        mail_queue(application=application, outcome=Outcome.NOT_SELECTED, actor=actor)
    Review.objects.create(
        recommendation=recommendation,
        version=recommendation.version,
        outcome=Review.Outcome.APPROVED,
        by=actor,
    )
    recommendation.status = Recommendation.Status.APPROVED
    recommendation.approved_at, recommendation.decided_by = now, actor
    recommendation.version += 1
    recommendation.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.SELECTION_APPROVED,
        subject=recommendation,
        version=recommendation.version,
        selected=list(recommendation.selections.values_list("application_id", flat=True)),
        reserve_expires_on=expires_on.isoformat(),
    )
    return recommendation


# ---------------------------------------------------------------------------------------------------
# Reserve lists


@transaction.atomic
def reserve_offer_make(*, entry: ReserveEntry, post: Post, actor: Any) -> ReserveOffer:
    """Offer `post` of a later vacancy to a candidate on a reserve list: only an open list, at the same
    or a lower grade, whose profile meets the vacancy's notice."""
    if not _is_recruiter(actor):
        raise NotAllowed(_("Only recruiters offer posts from a reserve list."))
    entry = (
        ReserveEntry.objects.select_for_update(of=("self",))
        .select_related("application__candidate", "recommendation__vacancy")
        .get(pk=entry.pk)
    )
    vacancy = Vacancy.objects.select_for_update().get(pk=post.vacancy_id)
    if not selectors.entry_is_open(entry):
        raise DomainError(_("This reserve list has expired or the candidate was appointed from it."))
    if not selectors.offerable(entry, vacancy):
        raise DomainError(
            _(
                "This candidate cannot be offered this vacancy: another organisation, a higher grade, or the "
                "notice's requirements are not met."
            )
        )
    if entry.offers.filter(state=ReserveOffer.State.OFFERED).exists():
        raise DomainError(_("This candidate has an offer to answer already."))
    if post.pk not in {p.pk for p in selectors.free_posts(vacancy)}:
        raise DomainError(_("This post is filled or offered to someone else already."))
    if (
        Application.objects.filter(candidate=entry.application.candidate, vacancy=vacancy)
        .exclude(status=S.WITHDRAWN)
        .exists()
    ):
        raise DomainError(
            _("This candidate applied to this vacancy: their application is screened as any other.")
        )
    try:
        with transaction.atomic():
            offer = ReserveOffer.objects.create(entry=entry, vacancy=vacancy, post=post, offered_by=actor)
    except IntegrityError as error:
        raise Conflict(
            _("This post or this candidate was offered meanwhile: nothing was changed.")
        ) from error
    audit_record(
        actor=actor,
        event_type=AuditEventType.RESERVE_OFFERED,
        subject=entry.application,
        offer=offer.pk,
        vacancy=vacancy.reference or vacancy.pk,
        post=str(post),
    )
    mail_queue(
        application=entry.application,
        outcome=Outcome.RESERVE_OFFER,
        context={
            "post_title": post.title,
            "offer_reference": vacancy.reference,
            "offer_title": vacancy.localized_title,  # read in the candidate's language
            "offer_link": settings.CONCOURS_SITE_URL + reverse("applications:reserve_offer", args=[offer.pk]),
        },
        actor=actor,
    )
    return offer


def _open_offer(offer: ReserveOffer, actor: Any) -> ReserveOffer:
    offer = (
        ReserveOffer.objects.select_for_update(of=("self",))
        .select_related("entry__application__candidate", "vacancy", "post")
        .get(pk=offer.pk)
    )
    if offer.entry.application.candidate.user_id != getattr(actor, "pk", None):
        raise NotAllowed(_("Only the candidate answers an offer made to them."))
    if offer.state != ReserveOffer.State.OFFERED:
        raise Conflict(
            _("You answered this offer already (%(state)s).") % {"state": offer.get_state_display()}
        )
    return offer


@transaction.atomic
def reserve_offer_accept(*, offer: ReserveOffer, actor: Any) -> Application:
    """The candidate accepts: an application to the later vacancy is made for them, selected for the
    post, on the profile they were assessed on; their reserve entry closes as appointed."""
    offer = _open_offer(offer, actor)
    entry = ReserveEntry.objects.select_for_update().get(pk=offer.entry_id)
    vacancy = Vacancy.objects.select_for_update().get(pk=offer.vacancy_id)
    source = Application.objects.select_related("candidate").get(pk=entry.application_id)
    if entry.state != ReserveEntry.State.LISTED:
        raise DomainError(_("This reserve list is closed."))
    posts = max(Post.objects.filter(vacancy=vacancy).count(), 1)
    if Application.objects.filter(vacancy=vacancy, status=S.SELECTED).count() >= posts:
        raise DomainError(_("Every post of this vacancy is filled: the offer can no longer be accepted."))
    if (
        Application.objects.filter(candidate=source.candidate, vacancy=vacancy)
        .exclude(status=S.WITHDRAWN)
        .exists()
    ):
        raise DomainError(_("You applied to this vacancy already: the recruiters will contact you."))
    now = timezone.now()
    application = Application.objects.create(
        candidate=source.candidate,
        vacancy=vacancy,
        status=S.SELECTED,
        submitted_at=now,
        created_at=now,
        # The profile the candidate was assessed on in the competition that placed them on the list.
        profile_snapshot=source.profile_snapshot,
        profile_sha256=source.profile_sha256,
        profile_frozen_at=source.profile_frozen_at,
    )
    source_vacancy = entry.recommendation.vacancy if entry.recommendation_id else source.vacancy
    reason = _("Accepted the offer of “%(post)s” from the reserve list of vacancy %(reference)s.") % {
        "post": offer.post,
        "reference": source_vacancy.reference or source_vacancy.title,
    }
    # The application starts selected: it comes from an approved competition, not from a submission.
    Transition.objects.create(
        application=application, actor=actor, at=now, from_status=S.DRAFT, to_status=S.SELECTED, reason=reason
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.APPLICATION_MOVED,
        subject=application,
        from_status=S.DRAFT,
        to_status=S.SELECTED,
        reason=reason,
    )
    offer.state, offer.answered_at, offer.application = ReserveOffer.State.ACCEPTED, now, application
    offer.save(update_fields=["state", "answered_at", "application"])
    entry.state, entry.closed_at = ReserveEntry.State.APPOINTED, now
    entry.save(update_fields=["state", "closed_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.RESERVE_OFFER_ACCEPTED,
        subject=source,
        offer=offer.pk,
        application=application.pk,
    )
    return application


@transaction.atomic
def reserve_offer_decline(*, offer: ReserveOffer, actor: Any) -> ReserveOffer:
    """The candidate declines: the post is free to offer again; they stay on the list."""
    offer = _open_offer(offer, actor)
    offer.state, offer.answered_at = ReserveOffer.State.DECLINED, timezone.now()
    offer.save(update_fields=["state", "answered_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.RESERVE_OFFER_DECLINED,
        subject=offer.entry.application,
        offer=offer.pk,
    )
    return offer


@transaction.atomic
def reserve_lists_expire(*, today: dt.date | None = None) -> list[int]:
    """Close the reserve entries past their date (not those holding an offer made in time, until it is
    answered), and tell each candidate. Running it again closes nothing twice. Returns the entries closed."""
    today = today or timezone.localdate()
    now = timezone.now()
    closed = []
    for entry in selectors.entries_to_expire(today).select_for_update(of=("self",)):
        entry.state, entry.closed_at = ReserveEntry.State.EXPIRED, now
        entry.save(update_fields=["state", "closed_at"])
        audit_record(
            actor=None,
            event_type=AuditEventType.RESERVE_LIST_EXPIRED,
            subject=entry.application,
            entry=entry.pk,
            expires_on=entry.expires_on.isoformat(),
        )
        closed.append(entry.pk)
    if closed:
        transaction.on_commit(lambda: reserve_expired_mail.enqueue(entry_ids=closed))
    return closed
