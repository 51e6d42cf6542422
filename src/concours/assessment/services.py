"""Every change of the assessment: in one transaction each, with its audit record; mails on commit."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from concours.accommodation.selectors import granted_measures
from concours.accounts.models import Role, User
from concours.accounts.roles import grant_role
from concours.applications.models import Application
from concours.applications.services import application_transition
from concours.applications.workflow import DECISIONS, allowed_targets
from concours.assessment import calendar as ics
from concours.assessment.models import (
    Consensus,
    Criterion,
    Declaration,
    Invitation,
    PanelMember,
    Score,
    Scorecard,
    Slot,
    Stage,
    TestResult,
)
from concours.assessment.plans import criteria_for, default_plan, timeline_for
from concours.assessment.scoring import as_decimal, mean_as_point, members_means, stage_scale
from concours.assessment.tasks import mail_send
from concours.core.audit import audit_record
from concours.core.dates import written_at_place
from concours.core.errors import DomainError, NotAllowed
from concours.core.limits import reason_checked
from concours.core.models import AuditEventType
from concours.kernel.assessment import needs_comment
from concours.notifications.outcomes import Outcome
from concours.notifications.rendering import language_of
from concours.notifications.services import mail_queue
from concours.vacancies.models import Vacancy, VacancyAssignment

# ---------------------------------------------------------------------------------------------------
# The plan


def _language_of(user: Any) -> str:
    """The language a person last used the site in: their mails are written in it."""
    return str(getattr(user, "language", "") or settings.LANGUAGE_CODE)


def _mail(*, subject: str, body: str, to: list[str], ics_text: str = "", method: str = "REQUEST") -> None:
    recipients = [address for address in to if address]
    if recipients:
        transaction.on_commit(
            lambda: mail_send.enqueue(
                subject=subject, body=body, to=recipients, ics=ics_text, ics_method=method
            )
        )


def _stage_values(stage: Stage) -> dict[str, Any]:
    return {
        "key": stage.key,
        "position": stage.position,
        "name": stage.name,
        "name_fr": stage.name_fr,
        "kind": stage.kind,
        "blind": stage.blind,
        "scorers": stage.scorers,
        "pass_rule": stage.pass_rule,
        "pass_value": str(stage.pass_value) if stage.pass_value is not None else None,
        "entry_status": stage.entry_status,
        "advances_to": stage.advances_to,
        "when": stage.when,
        "where": stage.where,
    }


def _add_criteria(stage: Stage, drafts: list[Any], anchors: list[dict[str, Any]]) -> None:
    start = stage.criteria.count()
    for offset, draft in enumerate(drafts):
        Criterion.objects.create(
            stage=stage,
            position=start + offset,
            source=draft.source,
            name=draft.name,
            name_fr=draft.name_fr,
            required_level=draft.required_level,
            test=draft.test,
        )


@transaction.atomic
def stage_plan_create(*, vacancy: Vacancy, actor: Any) -> list[Stage]:
    """Copy the organisation's default plan to `vacancy`: its stages, criteria from the notice, dates
    and places from the notice's selection timeline. Refused if the vacancy has a plan already."""
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.stages.exists():
        raise DomainError(_("This vacancy already has a plan of stages."))
    plan = default_plan()
    scale = plan["scale"]
    timeline = timeline_for(vacancy=vacancy, stages=plan["stages"])
    stages = []
    for position, row in enumerate(plan["stages"]):
        when, where = timeline.get(row["key"], ("", ""))
        stage = Stage.objects.create(
            vacancy=vacancy,
            position=position,
            key=row["key"],
            name=row["name"],
            name_fr=row.get("name_fr", ""),
            kind=row["kind"],
            blind=row["blind"],
            scorers=row["scorers"],
            pass_rule=row["pass_rule"],
            pass_value=Decimal(str(row["pass_value"])) if row.get("pass_value") is not None else None,
            entry_status=row["entry_status"],
            advances_to=row.get("advances_to", ""),
            when=when[:200],
            where=where[:200],
            scale_min=scale["min"],
            scale_max=scale["max"],
            anchors=scale["anchors"],
        )
        _add_criteria(
            stage, criteria_for(vacancy=vacancy, sources=row["criteria_from"], stage_name=stage.name), []
        )
        stages.append(stage)
    audit_record(
        actor=actor,
        event_type=AuditEventType.STAGE_PLAN_CREATED,
        subject=vacancy,
        stages=[_stage_values(stage) for stage in stages],
    )
    return stages


STAGE_FIELDS = (
    "name",
    "name_fr",
    "kind",
    "blind",
    "scorers",
    "pass_rule",
    "pass_value",
    "entry_status",
    "advances_to",
    "when",
    "where",
    "zone",
)


def _check_stage(stage: Stage) -> None:
    if not stage.name.strip():
        raise DomainError(_("A stage needs a name."))
    if stage.pass_rule in {Stage.PassRule.TOP_N, Stage.PassRule.THRESHOLD} and stage.pass_value is None:
        raise DomainError(_("Give the N or the threshold of the pass rule."))
    if (
        stage.pass_rule == Stage.PassRule.TOP_N
        and stage.pass_value is not None
        and (stage.pass_value < 1 or stage.pass_value != int(stage.pass_value))
    ):
        raise DomainError(_("N is a whole number, at least 1."))
    if stage.zone:
        try:
            ZoneInfo(stage.zone)
        except (ValueError, KeyError):
            raise DomainError(_("“%(zone)s” is not a time zone.") % {"zone": stage.zone}) from None
    if stage.advances_to in DECISIONS:
        raise DomainError(_decided_by_authority())
    if stage.advances_to:
        allowed = Application.Status(stage.entry_status)
        from_workflow = _workflow_targets(allowed)
        if stage.advances_to not in from_workflow:
            raise DomainError(
                _("The workflow does not move applications from “%(from)s” to “%(to)s”.")
                % {"from": allowed.label, "to": Application.Status(stage.advances_to).label}
            )


def _decided_by_authority() -> str:
    return _(
        "A stage never moves candidates to “%(states)s”: the appointing authority's approval of the "
        "recommendation decides that. The plan's last stage moves no one; its ranking feeds the "
        "recommendation."
    ) % {"states": ", ".join(str(s.label) for s in Application.Status if s in DECISIONS)}


def _workflow_targets(status: str) -> frozenset[str]:
    return allowed_targets(status)


@transaction.atomic
def stage_update(*, stage: Stage, values: dict[str, Any], actor: Any) -> Stage:
    """Change a stage: rename it (EN/FR), its kind, blindness, scorers, pass rule, states, date, place."""
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    old = _stage_values(stage)
    for name in STAGE_FIELDS:
        if name in values:
            setattr(stage, name, values[name])
    _check_stage(stage)
    stage.save()
    new = _stage_values(stage)
    if new != old:
        audit_record(actor=actor, event_type=AuditEventType.STAGE_CHANGED, subject=stage, old=old, new=new)
    return stage


@transaction.atomic
def stage_add(*, vacancy: Vacancy, values: dict[str, Any], actor: Any) -> Stage:
    """A new stage at the end of the plan (move it up after), on the scale of the default plan."""
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    last = vacancy.stages.aggregate(last=Max("position"))["last"]
    scale = default_plan()["scale"]
    key_base = slug = str(values.get("key") or "stage")
    number = 1
    while vacancy.stages.filter(key=slug).exists():
        number += 1
        slug = f"{key_base}-{number}"
    stage = Stage(
        vacancy=vacancy,
        position=0 if last is None else last + 1,
        key=slug,
        scale_min=scale["min"],
        scale_max=scale["max"],
        anchors=scale["anchors"],
    )
    for name in STAGE_FIELDS:
        if name in values:
            setattr(stage, name, values[name])
    _check_stage(stage)
    stage.save()
    if stage.kind == Stage.Kind.TEST:
        _add_criteria(stage, criteria_for(vacancy=vacancy, sources=["test"], stage_name=stage.name), [])
    audit_record(actor=actor, event_type=AuditEventType.STAGE_ADDED, subject=stage, new=_stage_values(stage))
    return stage


@transaction.atomic
def stage_remove(*, stage: Stage, actor: Any) -> None:
    """Remove a stage nobody has scored or booked yet."""
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    if stage.scorecards.exists() or stage.invitations.exists() or stage.consensus.exists():
        raise DomainError(_("This stage has scores or bookings already: it cannot be removed."))
    vacancy = stage.vacancy
    audit_record(
        actor=actor, event_type=AuditEventType.STAGE_REMOVED, subject=vacancy, old=_stage_values(stage)
    )
    stage.delete()
    for position, remaining in enumerate(vacancy.stages.order_by("position", "id")):
        if remaining.position != position:
            remaining.position = position
            remaining.save(update_fields=["position"])


@transaction.atomic
def stage_move(*, stage: Stage, up: bool, actor: Any) -> None:
    """Swap a stage with the one before (up) or after it."""
    Vacancy.objects.select_for_update().get(pk=stage.vacancy_id)
    ordered = list(Stage.objects.filter(vacancy_id=stage.vacancy_id).order_by("position", "id"))
    index = next(i for i, item in enumerate(ordered) if item.pk == stage.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.STAGE_MOVED,
        subject=stage,
        order=[item.key for item in ordered],
    )


@transaction.atomic
def criterion_add(
    *,
    stage: Stage,
    name: str,
    name_fr: str,
    weight: Decimal,
    actor: Any,
    source: str = Criterion.Source.TECHNICAL,
    anchors_en: list[str] | None = None,
    anchors_fr: list[str] | None = None,
) -> Criterion:
    """A criterion a recruiter adds to a stage (a technical point, most often), with its own behavioural
    anchors if given: one text per point of the stage's scale, lowest first, in English, French or both.
    Without them the criterion shows the stage's generic anchors."""
    if not name.strip():
        raise DomainError(_("A criterion needs a name."))
    if weight <= 0:
        raise DomainError(_("A weight is more than 0."))
    stage = _stage_locked_for_criteria(stage.pk)
    anchors = criterion_anchors(stage=stage, en=anchors_en or [], fr=anchors_fr or [])
    position = (stage.criteria.aggregate(last=Max("position"))["last"] or 0) + 1
    criterion = Criterion.objects.create(
        stage=stage,
        position=position,
        source=source,
        name=name.strip()[:300],
        name_fr=name_fr.strip()[:300],
        weight=weight,
        anchors=anchors,
        test=name.strip()[:120] if source == Criterion.Source.TEST else "",
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CRITERION_ADDED,
        subject=stage,
        criterion=criterion.name,
        source=source,
        weight=str(weight),
        anchors=anchors,
    )
    return criterion


def _stage_locked_for_criteria(stage_id: int) -> Stage:
    """The stage, its row locked until the transaction ends; refused once a scorecard of it is submitted.

    Submitting a scorecard takes the same lock (`scorecard_save`), so a criterion added or removed and a
    scorecard submitted at the same moment go one after the other: the change waits for the submission
    and is then refused, or the submission waits for the change and is checked against the new criteria.
    Never a submitted scorecard that misses a criterion, or scores one that is gone.
    """
    # NO KEY: rows that merely point at the stage (invitations, slots, new scorecards) are not held up.
    stage = Stage.objects.select_for_update(no_key=True).get(pk=stage_id)
    if stage.scorecards.filter(status=Scorecard.Status.SUBMITTED).exists():
        raise DomainError(_("Members have submitted scorecards for this stage: its criteria are fixed."))
    return stage


ANCHOR_MAX_LENGTH = 500


def criterion_anchors(*, stage: Stage, en: list[str], fr: list[str]) -> list[dict[str, Any]]:
    """A criterion's own anchors as stored (`[{"point": 1, "en": "…", "fr": "…"}]`): each language given
    has exactly one text per point of the stage's scale, lowest point first. None given: no own anchors."""
    points = stage.points
    texts = {"en": [t.strip() for t in en if t.strip()], "fr": [t.strip() for t in fr if t.strip()]}
    names = {"en": _("in English"), "fr": _("in French")}
    for language, lines in texts.items():
        if lines and len(lines) != len(points):
            raise DomainError(
                _(
                    "The anchors %(language)s have %(given)d lines; the stage's scale has %(count)d "
                    "points (%(low)d to %(high)d): give one line per point, lowest first."
                )
                % {
                    "language": names[language],
                    "given": len(lines),
                    "count": len(points),
                    "low": points[0],
                    "high": points[-1],
                }
            )
        for line in lines:
            if len(line) > ANCHOR_MAX_LENGTH:
                raise DomainError(
                    _("An anchor is at most %(max)d characters long.") % {"max": ANCHOR_MAX_LENGTH}
                )
    if not texts["en"] and not texts["fr"]:
        return []
    return [
        {
            "point": point,
            "en": texts["en"][index] if texts["en"] else "",
            "fr": texts["fr"][index] if texts["fr"] else "",
        }
        for index, point in enumerate(points)
    ]


@transaction.atomic
def criterion_remove(*, criterion: Criterion, actor: Any) -> None:
    """Remove a criterion from its stage, while no scorecard of the stage is submitted."""
    stage = _stage_locked_for_criteria(criterion.stage_id)
    found = Criterion.objects.filter(pk=criterion.pk, stage=stage).first()
    if found is None:  # removed by someone else meanwhile
        raise DomainError(_("This criterion was already removed."))
    criterion = found
    audit_record(
        actor=actor, event_type=AuditEventType.CRITERION_REMOVED, subject=stage, criterion=criterion.name
    )
    criterion.delete()


# ---------------------------------------------------------------------------------------------------
# The panel

_ASSIGNMENT = {
    PanelMember.Role.HIRING_MANAGER: (Role.HIRING_MANAGER, VacancyAssignment.Role.HIRING_MANAGER),
}


@transaction.atomic
def panel_member_add(*, vacancy: Vacancy, user: User, role: str, actor: Any) -> PanelMember:
    """Seat `user` on the vacancy's panel with `role`, give them access to the vacancy, and invite them."""
    if PanelMember.objects.filter(vacancy=vacancy, user=user).exists():
        raise DomainError(_("%(who)s is already on this panel.") % {"who": user})
    if user.has_role(Role.CANDIDATE) and not user.is_staff:
        raise DomainError(_("A candidate cannot sit on a panel."))
    if role == PanelMember.Role.CHAIR and vacancy.panel.filter(role=PanelMember.Role.CHAIR).exists():
        raise DomainError(_("This panel has a chair already."))
    account_role, assignment = _ASSIGNMENT.get(
        PanelMember.Role(role), (Role.PANEL_MEMBER, VacancyAssignment.Role.PANEL_MEMBER)
    )
    # Recruiters on the panel (HR) keep their own access; everyone else sees the vacancy through an
    # assignment, as panels always have.
    if not (user.is_superuser or user.has_role(Role.RECRUITER) or user.has_role(Role.ADMINISTRATOR)):
        grant_role(user, account_role, actor=actor)
        VacancyAssignment.objects.get_or_create(vacancy=vacancy, user=user, role=assignment)
    member = PanelMember.objects.create(vacancy=vacancy, user=user, role=role)
    audit_record(
        actor=actor,
        event_type=AuditEventType.PANEL_MEMBER_ADDED,
        subject=vacancy,
        member=user.email,
        role=role,
    )
    link = settings.CONCOURS_SITE_URL + reverse("backoffice:assessment", args=[vacancy.pk])
    with translation.override(_language_of(user)):
        _mail(
            subject=_("You are on the panel of %(vacancy)s") % {"vacancy": vacancy},
            body=_(
                "You have been invited to sit on the panel of %(vacancy)s as %(role)s.\n\n"
                "Before you see any candidate, declare for each one whether you have a conflict of "
                "interest:\n"
                "%(link)s\n"
            )
            % {"vacancy": vacancy, "role": member.get_role_display(), "link": link},
            to=[user.email],
        )
    return member


@transaction.atomic
def panel_member_remove(*, member: PanelMember, actor: Any) -> None:
    """Take a member off the panel, while none of their scorecards is submitted.

    The member's row is locked first, then checked: a scorecard being submitted holds a lock on the same
    row (`_member_locked_for_scoring`), so the removal waits for it and is then refused, or the
    submission waits for the removal and is refused. Never a submitted scorecard deleted with its member.
    """
    found = PanelMember.objects.select_for_update().filter(pk=member.pk).first()
    if found is None:  # removed by someone else meanwhile
        raise DomainError(_("This member was already removed from the panel."))
    member = found
    if member.scorecards.filter(status=Scorecard.Status.SUBMITTED).exists():
        raise DomainError(_("This member has submitted scorecards: they stay on the panel's record."))
    vacancy = member.vacancy
    VacancyAssignment.objects.filter(vacancy=vacancy, user=member.user).delete()
    audit_record(
        actor=actor,
        event_type=AuditEventType.PANEL_MEMBER_REMOVED,
        subject=vacancy,
        member=member.user.email,
        role=member.role,
    )
    member.delete()


def scorers_left(*, vacancy: Vacancy, application_id: int) -> int:
    """How many scoring members have not declared a conflict with the candidate."""
    return (
        PanelMember.objects.filter(vacancy=vacancy)
        .exclude(role=PanelMember.Role.OBSERVER)
        .exclude(declarations__application_id=application_id, declarations__conflicted=True)
        .count()
    )


@transaction.atomic
def declarations_record(
    *, member: PanelMember, answers: dict[int, tuple[bool, str]], actor: Any
) -> list[Declaration]:
    """The member's declarations, one per candidate: no conflict, or a conflict with its reason.

    Each is final once made (a correction is a matter for the chair and HR, outside the tool). When a
    conflict leaves a candidate with fewer scorers than CONCOURS_MIN_SCORERS, the chair is told by mail.
    """
    if actor.pk != member.user_id:
        raise NotAllowed(_("Members declare for themselves."))
    vacancy = member.vacancy
    allowed = set(
        Application.objects.filter(vacancy=vacancy)
        .exclude(status=Application.Status.DRAFT)
        .values_list("pk", flat=True)
    )
    already = set(member.declarations.values_list("application_id", flat=True))
    made = []
    short: list[int] = []
    for application_id, (conflicted, reason) in sorted(answers.items()):
        if application_id not in allowed:
            raise DomainError(_("This candidate is not in this competition."))
        if application_id in already:
            continue
        reason = reason_checked(reason)
        if conflicted and not reason:
            raise DomainError(_("Say why you have a conflict of interest."))
        declaration = Declaration.objects.create(
            member=member,
            application_id=application_id,
            conflicted=conflicted,
            reason=reason if conflicted else "",
        )
        made.append(declaration)
        audit_record(
            actor=actor,
            event_type=AuditEventType.CONFLICT_DECLARED,
            subject=declaration,
            application=application_id,
            member=member.user.email,
            conflicted=conflicted,
            reason=declaration.reason,
        )
        if (
            conflicted
            and scorers_left(vacancy=vacancy, application_id=application_id) < settings.CONCOURS_MIN_SCORERS
        ):
            short.append(application_id)
    if short:
        _tell_chair(vacancy=vacancy, application_ids=short, actor=actor)
    return made


def _tell_chair(*, vacancy: Vacancy, application_ids: list[int], actor: Any) -> None:
    chair = vacancy.panel.filter(role=PanelMember.Role.CHAIR).select_related("user").first()
    codes = [Application(pk=pk).candidate_code for pk in application_ids]
    audit_record(
        actor=actor,
        event_type=AuditEventType.PANEL_SHORT_OF_SCORERS,
        subject=vacancy,
        candidates=codes,
        minimum=settings.CONCOURS_MIN_SCORERS,
        chair=chair.user.email if chair else "",
    )
    if chair is None:
        return
    with translation.override(_language_of(chair.user)):
        _mail(
            subject=_("%(vacancy)s: too few scorers left") % {"vacancy": vacancy},
            body=_(
                "After declarations of conflicts of interest, fewer than %(minimum)d members can score "
                "these candidates: %(codes)s.\nAdd a member to the panel or decide how to proceed.\n"
            )
            % {"minimum": settings.CONCOURS_MIN_SCORERS, "codes": ", ".join(codes)},
            to=[chair.user.email],
        )


def conflicted(*, member: PanelMember, application_id: int) -> bool:
    return member.declarations.filter(application_id=application_id, conflicted=True).exists()


# ---------------------------------------------------------------------------------------------------
# Scorecards


def _check_scorer(*, stage: Stage, member: PanelMember, application: Application) -> None:
    if member.vacancy_id != stage.vacancy_id or not member.scores:
        raise NotAllowed(_("You do not score at this stage."))
    if not stage.scored_by_panel:
        raise DomainError(_("The panel does not score at this stage."))
    if application.vacancy_id != stage.vacancy_id or application.status != stage.entry_status:
        raise DomainError(_("This candidate is not at this stage."))
    declaration = member.declarations.filter(application=application).first()
    if declaration is None:
        raise DomainError(_("Declare first whether you have a conflict of interest with this candidate."))
    if declaration.conflicted:
        raise NotAllowed(_("You declared a conflict of interest with this candidate."))


def _member_locked_for_scoring(member_id: int) -> PanelMember:
    """The panel member, their row locked until the transaction ends; refused if they were removed.

    NO KEY: it conflicts with the removal's lock (FOR UPDATE), not with rows that merely point at the
    member (declarations, new scorecards).
    """
    member = PanelMember.objects.select_for_update(no_key=True).filter(pk=member_id).first()
    if member is None:
        raise NotAllowed(_("You are no longer on this panel: your scores were not saved."))
    return member


def _values(scorecard: Scorecard) -> dict[str, Any]:
    return {
        str(score.criterion_id): {"value": score.value, "comment": score.comment}
        for score in scorecard.scores.order_by("criterion_id")
    }


@transaction.atomic
def scorecard_save(
    *,
    stage: Stage,
    member: PanelMember,
    application: Application,
    values: dict[int, tuple[int | None, str]],
    submit: bool,
    actor: Any,
    reason: str = "",
) -> Scorecard:
    """A member's scores for a candidate: kept as a draft, or submitted (then locked).

    A submitted scorecard changes only with a reason, audited with the scores before and after. On
    submission every criterion needs a score on the stage's scale, and a score at either end of the
    scale a comment.
    """
    if actor.pk != member.user_id:
        raise NotAllowed(_("Members score for themselves."))
    # Locks in one order everywhere: the member's row, then the stage's row. The member cannot be taken
    # off the panel (panel_member_remove) while their scorecard is saved; the stage's criteria cannot
    # change (criterion_add, criterion_remove) while it is checked against them and submitted, nor the
    # members' means be read for a consensus (consensus_record) before it is in.
    member = _member_locked_for_scoring(member.pk)
    stage = Stage.objects.select_for_update(no_key=True).get(pk=stage.pk)
    _check_scorer(stage=stage, member=member, application=application)
    scorecard, _created = Scorecard.objects.select_for_update().get_or_create(
        stage=stage, member=member, application=application
    )
    was_submitted = scorecard.status == Scorecard.Status.SUBMITTED
    reason = reason_checked(reason)
    if was_submitted and not reason:
        raise DomainError(_("Your scorecard is submitted: give a reason to change it."))
    old = _values(scorecard)
    criteria = {c.pk: c for c in stage.criteria.all() if c.scored_on_scorecards}
    scale = stage_scale(stage)
    problems = []
    for criterion_id in values:
        if criterion_id not in criteria:
            raise DomainError(_("This criterion is not scored at this stage."))
    for criterion_id, criterion in criteria.items():
        value, comment = values.get(criterion_id, (None, ""))
        comment = comment.strip()[:4000]
        if value is not None and value not in stage.points:
            raise DomainError(
                _("A score is a whole number from %(low)d to %(high)d.")
                % {"low": stage.scale_min, "high": stage.scale_max}
            )
        if submit or was_submitted:
            if value is None:
                problems.append(
                    _("“%(criterion)s” has no score.") % {"criterion": criterion.localized_name()}
                )
            elif needs_comment(scale, value) and not comment:
                problems.append(
                    _("“%(criterion)s”: a score of %(value)d needs a comment.")
                    % {"criterion": criterion.localized_name(), "value": value}
                )
        Score.objects.update_or_create(
            scorecard=scorecard, criterion=criterion, defaults={"value": value, "comment": comment}
        )
    if problems:
        raise DomainError(" ".join(problems))
    new = _values(scorecard)
    if was_submitted:
        if new != old:
            audit_record(
                actor=actor,
                event_type=AuditEventType.SCORECARD_AMENDED,
                subject=scorecard,
                reason=reason,
                old=old,
                new=new,
            )
        return scorecard
    if submit:
        scorecard.status = Scorecard.Status.SUBMITTED
        scorecard.submitted_at = timezone.now()
        scorecard.save(update_fields=["status", "submitted_at", "updated_at"])
    else:
        scorecard.save(update_fields=["updated_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.SCORECARD_SUBMITTED if submit else AuditEventType.SCORECARD_SAVED,
        subject=scorecard,
        scores=new,
    )
    return scorecard


# ---------------------------------------------------------------------------------------------------
# Consensus and ranking


@transaction.atomic
def consensus_record(
    *,
    stage: Stage,
    application: Application,
    values: dict[int, tuple[int, str]],
    actor: Any,
) -> list[Consensus]:
    """The chair records the agreed point per criterion, with a reason wherever it differs from the
    members' mean (read as the nearest point of the scale: an agreed score is a point, as scores are).

    The stage's row is locked before the means are read, as `scorecard_save` locks it to submit: a
    scorecard submitted at the same moment is either in the means or waits for the consensus to commit,
    never counted after the check against a mean that left it out.
    """
    stage = Stage.objects.select_for_update(no_key=True).get(pk=stage.pk)
    member = PanelMember.objects.filter(vacancy=stage.vacancy, user=actor).first()
    if member is None or member.role != PanelMember.Role.CHAIR:
        raise NotAllowed(_("Only the panel's chair records the consensus."))
    if conflicted(member=member, application_id=application.pk):
        raise NotAllowed(_("You declared a conflict of interest with this candidate."))
    if application.vacancy_id != stage.vacancy_id or application.status != stage.entry_status:
        raise DomainError(_("This candidate is not at this stage."))
    criteria = {c.pk: c for c in stage.criteria.all() if c.scored_on_scorecards}
    means = members_means(stage=stage, application=application)
    made = []
    for criterion_id, criterion in criteria.items():
        if criterion_id not in values:
            raise DomainError(_("Give an agreed score for every criterion."))
        value, reason = values[criterion_id]
        reason = reason_checked(reason)
        if not stage.scale_min <= value <= stage.scale_max:
            raise DomainError(
                _("An agreed score is between %(low)d and %(high)d.")
                % {"low": stage.scale_min, "high": stage.scale_max}
            )
        mean = means.get(criterion_id)
        if (mean is None or value != mean_as_point(mean)) and not reason:
            raise DomainError(
                _("“%(criterion)s”: the agreed score differs from the members' mean; say why.")
                % {"criterion": criterion.localized_name()}
            )
        consensus, _created = Consensus.objects.update_or_create(
            stage=stage,
            application=application,
            criterion=criterion,
            defaults={
                "value": value,
                "members_mean": None if mean is None else as_decimal(mean),
                "reason": reason,
                "recorded_by": actor,
                "recorded_at": timezone.now(),
            },
        )
        made.append(consensus)
    audit_record(
        actor=actor,
        event_type=AuditEventType.CONSENSUS_RECORDED,
        subject=application,
        stage=stage.key,
        scores={
            str(c.criterion_id): {"value": str(c.value), "mean": str(c.members_mean), "reason": c.reason}
            for c in made
        },
    )
    return made


@transaction.atomic
def ranking_confirm(
    *, stage: Stage, passing: list[tuple[int, int | None, bool]], rule: str, actor: Any
) -> list[Application]:
    """Move the candidates who pass to the stage's next state, with the rule and their rank as reason.

    `passing` lists (application id, rank or None, tied) as the recruiter confirmed them.
    """
    if not (actor.is_superuser or actor.has_role(Role.RECRUITER) or actor.has_role(Role.ADMINISTRATOR)):
        raise NotAllowed(_("Only recruiters confirm who goes on."))
    if stage.advances_to in DECISIONS:  # a stage set so before the rule (the approval decides)
        raise DomainError(_decided_by_authority())
    if not stage.advances_to:
        if not Stage.objects.filter(vacancy_id=stage.vacancy_id, position__gt=stage.position).exists():
            raise DomainError(
                _(
                    "This is the plan's last stage: it moves nobody. Its ranking feeds the recommendation, "
                    "which the appointing authority approves."
                )
            )
        raise DomainError(_("This stage moves nobody on: its results feed the next stage."))
    if not passing:
        raise DomainError(_("Choose at least one candidate."))
    moved = []
    for application_id, rank, tied in passing:
        application = Application.objects.get(pk=application_id, vacancy_id=stage.vacancy_id)
        if rank is None:
            reason = _("%(stage)s: %(rule)s; not ranked.") % {"stage": stage.name, "rule": rule}
        else:
            reason = _("%(stage)s: %(rule)s; rank %(rank)d%(tie)s.") % {
                "stage": stage.name,
                "rule": rule,
                "rank": rank,
                "tie": _(" (tied)") if tied else "",
            }
        moved.append(
            application_transition(
                application=application,
                to=stage.advances_to,
                reason=reason,
                actor=actor,
                expected_status=stage.entry_status,
            )
        )
    audit_record(
        actor=actor,
        event_type=AuditEventType.RANKING_CONFIRMED,
        subject=stage,
        rule=rule,
        passing=[{"application": a, "rank": r, "tied": t} for a, r, t in passing],
    )
    return moved


# ---------------------------------------------------------------------------------------------------
# Test results


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str


@dataclass
class ImportReport:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)


COLUMNS = ("code", "test", "score", "maximum", "date")


class ImportRefused(DomainError):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(
            _("The file was refused: nothing was imported. Correct every row listed and import it again.")
        )
        self.errors = errors


def _number(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def test_results_import(*, vacancy: Vacancy, data: bytes, actor: Any) -> ImportReport:
    """Import a CSV of test results (code, test, score, maximum, date) for `vacancy`, all or nothing.

    The code is the candidate code (C-…) or the application number. Any bad row refuses the whole file
    with an error per row (`ImportRefused`), and nothing changes; a row equal to what is recorded
    changes nothing, so importing the same file twice changes nothing the second time.
    """
    errors: list[RowError] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            [
                RowError(
                    0,
                    "",
                    _("The file is not UTF-8 text (byte %(at)d); save it as CSV UTF-8.")
                    % {"at": error.start},
                )
            ]
        ) from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise ImportRefused(
            [RowError(0, "", _("The file is not CSV: %(error)s") % {"error": error})]
        ) from None
    if not rows:
        raise ImportRefused([RowError(1, "", _("The file is empty."))])
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise ImportRefused(
            [RowError(1, column, _("This column is missing from the first row.")) for column in missing]
        )
    where = {column: header.index(column) for column in COLUMNS}
    applications = Application.objects.filter(vacancy=vacancy).exclude(status=Application.Status.DRAFT)
    by_code: dict[str, int] = {}
    for pk in applications.values_list("pk", flat=True):
        by_code[Application(pk=pk).candidate_code.upper()] = pk
        by_code[str(pk)] = pk
    seen: dict[tuple[int, str], int] = {}
    parsed: list[tuple[int, str, Decimal, Decimal, dt.date]] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            errors.append(RowError(number, "", _("This row has fewer cells than the first row.")))
            continue
        cells = {column: row[index].strip() for column, index in where.items()}
        row_errors = []
        application_id = by_code.get(cells["code"].upper())
        if application_id is None:
            row_errors.append(RowError(number, "code", _("No application of this vacancy has this code.")))
        if not cells["test"]:
            row_errors.append(RowError(number, "test", _("The test is missing.")))
        elif len(cells["test"]) > 120:
            row_errors.append(RowError(number, "test", _("The test's name is longer than 120 characters.")))
        score, maximum = _number(cells["score"]), _number(cells["maximum"])
        if score is None:
            row_errors.append(
                RowError(number, "score", _("“%(value)s” is not a number.") % {"value": cells["score"]})
            )
        elif score < 0:
            row_errors.append(RowError(number, "score", _("A score cannot be below 0.")))
        if maximum is None or maximum <= 0:
            row_errors.append(RowError(number, "maximum", _("The maximum is a number above 0.")))
        elif score is not None and score > maximum:
            row_errors.append(RowError(number, "score", _("The score is above the maximum.")))
        for value in (score, maximum):
            if value is not None and (value.as_tuple().exponent < -2 or abs(value) >= 10**6):  # type: ignore[operator]
                row_errors.append(RowError(number, "score", _("At most two decimals and six digits.")))
                break
        try:
            taken_on = dt.date.fromisoformat(cells["date"])
        except ValueError:
            row_errors.append(
                RowError(
                    number, "date", _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": cells["date"]}
                )
            )
            taken_on = None
        if application_id is not None and cells["test"]:
            key = (application_id, cells["test"].casefold())
            if key in seen:
                row_errors.append(
                    RowError(
                        number, "code", _("The same result appears on row %(row)d.") % {"row": seen[key]}
                    )
                )
            else:
                seen[key] = number
        if row_errors:
            errors += row_errors
            continue
        assert (
            application_id is not None and score is not None and maximum is not None and taken_on is not None
        )
        parsed.append((application_id, cells["test"], score, maximum, taken_on))
    if errors:
        raise ImportRefused(errors)
    return _results_write(vacancy=vacancy, rows=parsed, actor=actor)


@transaction.atomic
def _results_write(
    *, vacancy: Vacancy, rows: list[tuple[int, str, Decimal, Decimal, dt.date]], actor: Any
) -> ImportReport:
    report = ImportReport()
    for application_id, test, score, maximum, taken_on in rows:
        outcome = _result_put(
            application_id=application_id,
            test=test,
            score=score,
            maximum=maximum,
            taken_on=taken_on,
            actor=actor,
        )
        setattr(report, outcome, getattr(report, outcome) + 1)
    if report.created or report.changed:
        audit_record(
            actor=actor,
            event_type=AuditEventType.TEST_RESULTS_IMPORTED,
            subject=vacancy,
            created=report.created,
            changed=report.changed,
            unchanged=report.unchanged,
        )
    return report


def _result_put(
    *, application_id: int, test: str, score: Decimal, maximum: Decimal, taken_on: dt.date, actor: Any
) -> str:
    existing = (
        TestResult.objects.select_for_update()
        .filter(application_id=application_id, test__iexact=test)
        .first()
    )
    new = {
        "score": str(score.normalize()),
        "maximum": str(maximum.normalize()),
        "taken_on": taken_on.isoformat(),
    }
    if existing is not None:
        old = {
            "score": str(existing.score.normalize()),
            "maximum": str(existing.maximum.normalize()),
            "taken_on": existing.taken_on.isoformat(),
        }
        if old == new:
            return "unchanged"
        existing.score, existing.maximum, existing.taken_on = score, maximum, taken_on
        existing.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
        existing.recorded_at = timezone.now()
        existing.save()
        audit_record(
            actor=actor, event_type=AuditEventType.TEST_RESULT_RECORDED, subject=existing, old=old, new=new
        )
        return "changed"
    result = TestResult.objects.create(
        application_id=application_id,
        test=test,
        score=score,
        maximum=maximum,
        taken_on=taken_on,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(actor=actor, event_type=AuditEventType.TEST_RESULT_RECORDED, subject=result, new=new)
    return "created"


@transaction.atomic
def test_result_record(
    *, application: Application, test: str, score: Decimal, maximum: Decimal, taken_on: dt.date, actor: Any
) -> str:
    """One result typed in by a recruiter; the same checks as an imported row."""
    if not test.strip():
        raise DomainError(_("The test is missing."))
    if maximum <= 0 or score < 0 or score > maximum:
        raise DomainError(_("The score is between 0 and the maximum, which is above 0."))
    return _result_put(
        application_id=application.pk,
        test=test.strip(),
        score=score,
        maximum=maximum,
        taken_on=taken_on,
        actor=actor,
    )


# ---------------------------------------------------------------------------------------------------
# Slots and bookings


@transaction.atomic
def slot_open(
    *,
    stage: Stage,
    local_start: dt.datetime,
    minutes: int,
    place: str,
    video_link: str,
    capacity: int,
    actor: Any,
) -> Slot:
    """A slot at `local_start`, a wall-clock time in the place's zone (the stage's, else the vacancy's)."""
    if not stage.has_slots:
        raise DomainError(_("Only tests and interviews have slots."))
    if not place.strip() and not video_link.strip():
        raise DomainError(_("Give a place or a video link."))
    if capacity < 1 or minutes < 1:
        raise DomainError(_("A slot takes at least one candidate and lasts at least a minute."))
    zone = ZoneInfo(stage.place_zone)
    # A wall-clock time that happens twice (clocks going back) is read as its later instant, as deadlines are.
    starts_at = local_start.replace(tzinfo=zone, fold=1)
    slot = Slot.objects.create(
        stage=stage,
        starts_at=starts_at.astimezone(dt.UTC),
        minutes=minutes,
        place=place.strip()[:300],
        video_link=video_link.strip(),
        capacity=capacity,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.SLOT_OPENED,
        subject=slot,
        starts_at=slot.starts_at.isoformat(),
        zone=stage.place_zone,
        capacity=capacity,
    )
    return slot


def _local(slot: Slot) -> str:
    """The slot's start on the place's clock, naming it, in the active language (call it in the
    reader's)."""
    return written_at_place(slot.starts_at, slot.stage.place_zone)


@transaction.atomic
def candidates_invite(*, stage: Stage, applications: list[Application], actor: Any) -> list[Invitation]:
    """Invite candidates at the stage's state to book a slot; each gets a mail with the link."""
    if not stage.has_slots:
        raise DomainError(_("Only tests and interviews have slots."))
    # The measures granted (or adjusted) for this stage or every stage: the invitation tells the candidate
    # they are arranged. Never a request still open or refused, nor its reasons or documents.
    granted = granted_measures([a.pk for a in applications], stage_key=stage.key)
    made = []
    for application in applications:
        if application.vacancy_id != stage.vacancy_id or application.status != stage.entry_status:
            raise DomainError(_("This candidate is not at this stage."))
        invitation, created = Invitation.objects.get_or_create(stage=stage, application=application)
        if not created:
            continue
        made.append(invitation)
        audit_record(
            actor=actor, event_type=AuditEventType.CANDIDATE_INVITED, subject=invitation, stage=stage.key
        )
        link = settings.CONCOURS_SITE_URL + reverse("applications:slots", args=[application.pk])
        with translation.override(language_of(application)):
            stage_name = stage.localized_name()  # in the candidate's language, as the rest of the mail
        measures = granted.get(application.pk)
        # Through the candidates' outbox (its "invited" template): kept, and sent again if it fails. The
        # measures go as a function, read in the candidate's language when the mail is written.
        mail_queue(
            application=application,
            outcome=Outcome.INVITED,
            context={
                "stage": stage_name,
                "booking_link": link,
                "measures": measures.__str__ if measures else "",
            },
            actor=actor,
        )
    return made


def _summary(invitation: Invitation) -> str:
    return f"{invitation.stage.localized_name()} – {invitation.stage.vacancy}"


@transaction.atomic
def booking_make(*, invitation: Invitation, slot: Slot, actor: Any) -> Invitation:
    """Book `slot` for an invited candidate, or move their booking to it.

    The slot's row is locked while its places are counted, so two candidates racing for its last place
    never both get it: the second is refused.
    """
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("application__candidate__user", "stage__vacancy")
        .get(pk=invitation.pk)
    )
    if invitation.application.candidate.user_id != actor.pk:
        raise NotAllowed(_("Candidates book their own slots."))
    if invitation.application.status != invitation.stage.entry_status:
        raise DomainError(_("Your application is no longer at this stage."))
    slot = Slot.objects.select_for_update().get(pk=slot.pk)
    if slot.stage_id != invitation.stage_id:
        raise DomainError(_("This slot is not for this stage."))
    if slot.starts_at <= timezone.now():
        raise DomainError(_("This slot has passed."))
    if invitation.slot_id == slot.pk and invitation.status == Invitation.Status.BOOKED:
        return invitation
    taken = Invitation.objects.filter(slot=slot, status=Invitation.Status.BOOKED).count()
    if taken >= slot.capacity:
        raise DomainError(_("This slot has just been taken; choose another."))
    # A new time for the same event: a change, even after a cancellation (same UID, next SEQUENCE).
    changing = invitation.status in {Invitation.Status.BOOKED, Invitation.Status.CANCELLED}
    old = invitation.slot
    invitation.slot = slot
    invitation.status = Invitation.Status.BOOKED
    if changing:
        invitation.sequence = F("sequence") + 1
    invitation.save(update_fields=["slot", "status", "sequence", "updated_at"])
    invitation.refresh_from_db(fields=["sequence"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.BOOKING_CHANGED if changing else AuditEventType.BOOKING_MADE,
        subject=invitation,
        slot=slot.pk,
        old_slot=old.pk if old else None,
        sequence=invitation.sequence,
    )
    text = ics.invitation_ics(invitation, summary=_summary(invitation), now=timezone.now())
    with translation.override(_language_of(invitation.application.candidate.user)):
        when = _local(slot)
        _mail(
            subject=(_("Changed: %(summary)s, %(when)s") if changing else _("Booked: %(summary)s, %(when)s"))
            % {"summary": _summary(invitation), "when": when},
            body=_("Your time for the %(stage)s is %(when)s, %(where)s. The calendar file is attached.\n")
            % {
                "stage": invitation.stage.localized_name(),
                "when": when,
                "where": slot.place or slot.video_link,
            },
            to=[invitation.application.candidate.user.email],
            ics_text=text,
        )
    return invitation


@transaction.atomic
def booking_cancel(*, invitation: Invitation, actor: Any) -> Invitation:
    """Cancel a booking (the candidate, or a recruiter): the calendar event is cancelled too."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("application__candidate__user", "stage__vacancy", "slot")
        .get(pk=invitation.pk)
    )
    own = invitation.application.candidate.user_id == actor.pk
    if not (
        own or actor.is_superuser or actor.has_role(Role.RECRUITER) or actor.has_role(Role.ADMINISTRATOR)
    ):
        raise NotAllowed(_("You may not cancel this booking."))
    if invitation.status != Invitation.Status.BOOKED:
        raise DomainError(_("There is no booking to cancel."))
    invitation.status = Invitation.Status.CANCELLED
    invitation.sequence = F("sequence") + 1
    invitation.save(update_fields=["status", "sequence", "updated_at"])
    invitation.refresh_from_db(fields=["sequence"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.BOOKING_CANCELLED,
        subject=invitation,
        sequence=invitation.sequence,
    )
    assert invitation.slot is not None
    with translation.override(_language_of(invitation.application.candidate.user)):
        _mail(
            subject=_("Cancelled: %(summary)s, %(when)s")
            % {"summary": _summary(invitation), "when": _local(invitation.slot)},
            body=_("Your time for the %(stage)s is cancelled.\n")
            % {"stage": invitation.stage.localized_name()},
            to=[invitation.application.candidate.user.email],
            ics_text=ics.invitation_ics(invitation, summary=_summary(invitation), now=timezone.now()),
            method="CANCEL",
        )
    return invitation
