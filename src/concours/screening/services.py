"""Screening applications against their vacancy, and recording a recruiter's decision on a verdict."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import psycopg
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concours.applications.claims import answers_as_read, experience_requirements
from concours.applications.models import Application, ExperienceClaim, ScreeningAnswer
from concours.applications.services import application_transition
from concours.applications.workflow import allowed_targets
from concours.core.audit import audit_record
from concours.core.dates import written_local
from concours.core.errors import Conflict, DomainError
from concours.core.limits import reason_checked
from concours.core.models import AuditEventType
from concours.kernel.eligibility import InvalidInput, Requirements, compile_requirements, screen_compiled
from concours.kernel.eligibility.claims import Claim
from concours.kernel.eligibility.questions import compile_questions
from concours.screening.models import Eligible, Verdict
from concours.screening.requirements import vacancy_requirements
from concours.screening.selectors import submitted_profiles_for_vacancy
from concours.vacancies.models import ScreeningQuestion, Vacancy

S = Application.Status
# Past screening, an "eligible" decision agrees with the state already: it does not move it back.
PAST_SCREENING = frozenset({S.LONGLISTED, S.SHORTLISTED, S.RESERVE, S.SELECTED})
# Out of the competition, a state says nothing about eligibility: the decision is kept, the state stays.
OUT_OF_COMPETITION = frozenset({S.WITHDRAWN, S.NOT_SELECTED})


@dataclass(frozen=True)
class ScreeningReport:
    screened: int
    counts: dict[str, int]


def _compile(vacancy: Vacancy) -> Requirements:
    """The notice's requirements and the vacancy's screening questions, compiled once."""
    try:
        questions = [question.as_rule() for question in ScreeningQuestion.objects.filter(vacancy=vacancy)]
        return dataclasses.replace(
            compile_requirements(vacancy_requirements(vacancy)), questions=compile_questions(questions)
        )
    except InvalidInput as error:
        raise DomainError(
            _("The requirements of this vacancy cannot be read: %(error)s") % {"error": error}
        ) from error


def _verdict_fields(
    profile: dict[str, Any],
    requirements: Requirements,
    submitted_at: dt.datetime | None,
    zone: Any,
    now: dt.datetime,
    claims: dict[int, Claim] | None = None,
    answers: dict[str, Any] | None = None,
) -> dict[str, Any]:
    applied = submitted_at or now
    on = applied.astimezone(zone).date()
    try:
        verdict = screen_compiled(
            profile, requirements, on=on, submitted_at=submitted_at, claims=claims, answers=answers
        )
    except InvalidInput as error:
        # A profile that breaks the contract cannot be judged by rule: a person looks at it.
        return {
            "eligible": Eligible.REVIEW,
            "checks": [
                {
                    "criterion": "profile",
                    "result": "review",
                    "code": "",
                    "reason": _("The profile cannot be read: %(error)s") % {"error": error},
                    "params": {},
                }
            ],
            "on": on,
            "screened_at": now,
        }
    return {
        "eligible": verdict.eligible,
        "checks": [
            {"criterion": c.criterion, "result": c.result, "code": c.code, "params": c.params}
            for c in verdict.checks
        ],
        "on": on,
        "screened_at": now,
    }


@transaction.atomic
def application_screen(
    *, application: Application, actor: Any = None, now: dt.datetime | None = None
) -> Verdict:
    """Screen one application on its profile as submitted; a recruiter's earlier decision is kept."""
    now = now or timezone.now()
    application = Application.objects.select_related("vacancy").get(pk=application.pk)
    requirements = _compile(application.vacancy)
    indexes = _requirement_indexes(application.vacancy)
    fields = _verdict_fields(
        application.profile_snapshot or {},  # none kept (a draft): the verdict asks a person to look
        requirements,
        application.submitted_at,
        ZoneInfo(application.vacancy.zone),
        now,
        claims=_claims(ExperienceClaim.objects.filter(application=application), indexes).get(application.pk),
        answers=answers_as_read(ScreeningAnswer.objects.filter(application=application)),
    )
    verdict, _created = Verdict.objects.update_or_create(application=application, defaults=fields)
    audit_record(
        actor=actor,
        event_type=AuditEventType.VERDICT_SCREENED,
        subject=application,
        eligible=verdict.eligible,
    )
    return verdict


def vacancy_screen_all(
    *, vacancy: Vacancy, actor: Any, now: dt.datetime | None = None, batch_size: int = 2000
) -> ScreeningReport:
    """Screen every submitted application of a vacancy on its profile as submitted, in bulk;
    recruiters' decisions are kept."""
    now = now or timezone.now()
    requirements = _compile(vacancy)
    zone = ZoneInfo(vacancy.zone)
    profiles = submitted_profiles_for_vacancy(vacancy=vacancy)
    # Only what screening reads: a large campaign has a claim per requirement per application.
    claimed = ExperienceClaim.objects.filter(application__vacancy=vacancy).only(
        "application_id", "requirement_key", "posts", "reviewed_posts", "review"
    )
    claims = _claims(claimed, _requirement_indexes(vacancy))
    answers: dict[int, dict[str, Any]] = {}
    for answer in ScreeningAnswer.objects.filter(application__vacancy=vacancy).only(
        "application_id", "question_id", "yes", "number"
    ):
        answers.setdefault(answer.application_id, {})[f"q{answer.question_id}"] = answer.value
    applications = (
        Application.objects.filter(vacancy=vacancy)
        .exclude(status=Application.Status.DRAFT)
        .values_list("id", "submitted_at")
    )
    counts = {choice.value: 0 for choice in Eligible}
    rows = []
    for app_id, submitted_at in applications.iterator(chunk_size=batch_size):
        fields = _verdict_fields(
            profiles.get(app_id) or {},
            requirements,
            submitted_at,
            zone,
            now,
            claims=claims.get(app_id),
            answers=answers.get(app_id),
        )
        counts[fields["eligible"]] += 1
        rows.append((app_id, fields["eligible"], fields["checks"], fields["on"]))
    with transaction.atomic():
        _upsert_verdicts(rows, screened_at=now, batch_size=batch_size)
        audit_record(
            actor=actor,
            event_type=AuditEventType.VACANCY_SCREENED,
            subject=vacancy,
            screened=len(rows),
            **counts,
        )
    return ScreeningReport(screened=len(rows), counts=counts)


def _requirement_indexes(vacancy: Vacancy) -> dict[str, int]:
    """Requirement key -> its index among the notice's experience requirements, as the kernel counts."""
    return {requirement.key: requirement.index for requirement in experience_requirements(vacancy)}


def _claims(rows: Iterable[ExperienceClaim], indexes: dict[str, int]) -> dict[int, dict[int, Claim]]:
    """Per application, its claims by requirement index: the posts that count (the recruiter's after a
    review). A claim to a requirement the notice no longer has is left out: that one is judged by tags."""
    found: dict[int, dict[int, Claim]] = {}
    for claim in rows:
        index = indexes.get(claim.requirement_key)
        if index is not None:
            found.setdefault(claim.application_id, {})[index] = Claim(
                tuple(claim.counted_posts), reviewed=bool(claim.review)
            )
    return found


def _upsert_verdicts(
    rows: list[tuple[int, str, list[Any], dt.date]], *, screened_at: dt.datetime, batch_size: int
) -> None:
    """Insert or refresh what screening found, leaving decisions untouched.

    Plain SQL, an upsert both SQLite and PostgreSQL understand: building a model instance per verdict
    would cost more than screening it. PostgreSQL takes each batch as arrays in one statement (a round
    trip per row would dominate); SQLite, in-process, takes the rows one by one.
    """
    quote = connection.ops.quote_name
    on_column = quote("on")
    postgres = connection.vendor == "postgresql"
    source = (
        "SELECT a, e, c::jsonb, o, %s, '', '', '' "
        "FROM unnest(%b::bigint[], %b::text[], %b::text[], %b::date[]) AS t(a, e, c, o)"
        if postgres
        else "VALUES (%s, %s, %s, %s, %s, '', '', '')"
    )
    sql = (
        f"INSERT INTO {quote(Verdict._meta.db_table)} (application_id, eligible, checks, {on_column}, "
        f"screened_at, decision, decided_eligible, decision_reason) {source} "
        "ON CONFLICT (application_id) DO UPDATE SET eligible = excluded.eligible, checks = excluded.checks, "
        f"{on_column} = excluded.{on_column}, screened_at = excluded.screened_at"
    )
    at = connection.ops.adapt_datetimefield_value(screened_at)
    adapt_date = connection.ops.adapt_datefield_value
    dumps = json.dumps
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            batch = rows[start : start + batch_size]
            if postgres:
                ids, results, checks, days = zip(*batch, strict=True)
                params = [at, list(ids), list(results), [dumps(c) for c in checks], list(days)]
                # Bound on the server and in binary: the arrays travel as they are, where Django's
                # client-side binding would escape every quote of every JSON text in Python.
                with psycopg.Cursor(connection.connection) as raw:
                    raw.execute(sql, params)
            else:
                cursor.executemany(
                    sql, [(app_id, result, dumps(c), adapt_date(day), at) for app_id, result, c, day in batch]
                )


def _changed_since(verdict: Verdict, seen: str) -> str:
    # A revision is the screening's result and time, then the decision's three parts: when those
    # changed, someone decided meanwhile; otherwise it was screened again.
    if verdict.decision and verdict.revision.split("|")[2:] != seen.split("|")[2:]:
        return _(
            "While you were looking, %(who)s decided on this verdict (“%(result)s”, %(when)s); your "
            "decision was not recorded. Read theirs and decide again if you disagree."
        ) % {
            "who": str(verdict.decided_by) if verdict.decided_by else _("the system"),
            "result": Eligible(verdict.decided_eligible).label,
            "when": written_local(verdict.decided_at) if verdict.decided_at else "—",
        }
    return _(
        "This application was screened again while you were looking (“%(result)s”, %(when)s); your "
        "decision was not recorded. Read the new verdict and decide again."
    ) % {
        "result": Eligible(verdict.eligible).label,
        "when": written_local(verdict.screened_at),
    }


def _state_for_decision(status: str, eligible: str) -> str | None:
    """The state a decision moves the application to, or None when its state already agrees.

    Raises DomainError when the workflow forbids the move (say "not eligible" for a longlisted
    application): refusing the decision is better than a verdict and a state that disagree.
    """
    target = S.SCREENED_IN if eligible == Eligible.YES else S.SCREENED_OUT
    if status == target or status in OUT_OF_COMPETITION:
        return None
    if eligible == Eligible.YES and status in PAST_SCREENING:
        return None
    if target not in allowed_targets(status):
        raise DomainError(
            _(
                "This decision would move the application from “%(from)s” to “%(to)s”, which the "
                "workflow does not allow; move the application first."
            )
            % {"from": S(status).label, "to": S(target).label}
        )
    return target


@transaction.atomic
def verdict_decide(
    *,
    verdict: Verdict,
    eligible: str,
    reason: str,
    actor: Any,
    now: dt.datetime | None = None,
    expected_revision: str | None = None,
) -> Verdict:
    """A recruiter confirms the screening's result or overrides it; an override needs a reason.

    The application moves to screened in or out in the same transaction (through the workflow, with a
    Transition), so the decision and the application's state agree or neither changes.
    `expected_revision` is the verdict as its author saw it (`Verdict.revision`, carried by the form):
    when it was screened again or decided by someone else since, the decision is refused (`Conflict`).
    """
    verdict = Verdict.objects.select_for_update(of=("self",)).select_related("decided_by").get(pk=verdict.pk)
    if expected_revision is not None and verdict.revision != expected_revision:
        raise Conflict(_changed_since(verdict, expected_revision))
    if eligible not in {Eligible.YES, Eligible.NO}:
        raise DomainError(_("Decide whether the candidate is eligible or not."))
    reason = reason_checked(reason)
    overrides = eligible != verdict.eligible
    if overrides and not reason.strip():
        raise DomainError(_("Give a reason for overriding the screening."))
    # Locked before reading its state: a concurrent move would otherwise decide on a stale state.
    application = Application.objects.select_for_update().get(pk=verdict.application_id)
    target = _state_for_decision(application.status, eligible)
    verdict.decision = Verdict.Decision.OVERRIDDEN if overrides else Verdict.Decision.CONFIRMED
    verdict.decided_eligible = eligible
    verdict.decision_reason = reason.strip()
    verdict.decided_by = actor
    verdict.decided_at = now or timezone.now()
    verdict.save(
        update_fields=["decision", "decided_eligible", "decision_reason", "decided_by", "decided_at"]
    )
    if target is not None:
        # A confirmation may come without a reason; the move still needs one (staff moves do).
        verdict.application = application_transition(
            application=application,
            to=target,
            reason=verdict.decision_reason or _("Screening result confirmed."),
            actor=actor,
            now=verdict.decided_at,
        )
    audit_record(
        actor=actor,
        event_type=AuditEventType.VERDICT_OVERRIDDEN if overrides else AuditEventType.VERDICT_CONFIRMED,
        subject=application,
        screened=verdict.eligible,
        decided=eligible,
        reason=verdict.decision_reason,
        moved_to=target,
    )
    return verdict


@transaction.atomic
def claim_review(
    *,
    claim: ExperienceClaim,
    posts: Iterable[int],
    note: str,
    actor: Any,
    expected_revision: str | None = None,
    now: dt.datetime | None = None,
) -> ExperienceClaim:
    """A recruiter confirms which posts count for a requirement (those claimed) or corrects them; a
    correction needs a note. The application is screened again in the same transaction, on the posts
    that now count.

    `posts` are positions in the profile as submitted. `expected_revision` is the claim as its author
    saw it (`ExperienceClaim.revision`): when someone reviewed it since, the review is refused.
    """
    now = now or timezone.now()
    claim = ExperienceClaim.objects.select_for_update().select_related("application").get(pk=claim.pk)
    if expected_revision is not None and claim.revision != expected_revision:
        raise Conflict(
            _(
                "While you were looking, %(who)s reviewed this claim (%(when)s); your review was not "
                "recorded. Read theirs and review it again if you disagree."
            )
            % {
                "who": str(claim.reviewed_by) if claim.reviewed_by else _("the system"),
                "when": written_local(claim.reviewed_at) if claim.reviewed_at else "—",
            }
        )
    application = claim.application
    if application.status == Application.Status.DRAFT or application.profile_snapshot is None:
        raise DomainError(_("Only the claims of a submitted application can be reviewed."))
    held = len(application.profile_snapshot.get("experience") or [])
    counted = sorted(set(posts))
    if any(not 0 <= position < held for position in counted):
        raise DomainError(_("Count only posts of the profile as submitted."))
    note = reason_checked(note).strip()
    corrected = counted != sorted(claim.posts)
    if corrected and not note:
        raise DomainError(_("Say why you count other posts than the candidate claimed."))
    claim.review = ExperienceClaim.Review.CORRECTED if corrected else ExperienceClaim.Review.CONFIRMED
    claim.reviewed_posts = counted
    claim.review_note = note
    claim.reviewed_by = actor
    claim.reviewed_at = now
    claim.save(update_fields=["review", "reviewed_posts", "review_note", "reviewed_by", "reviewed_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.CLAIM_REVIEWED,
        subject=application,
        requirement=claim.requirement_key,
        claimed=list(claim.posts),
        counted=counted,
        review=claim.review,
        note=note,
    )
    application_screen(application=application, actor=actor, now=now)
    return claim
