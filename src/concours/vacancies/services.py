"""State changes of vacancies. Each runs in a transaction and leaves an audit record."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from concours.core.audit import audit_events_for, audit_record
from concours.core.dates import written_local
from concours.core.errors import Conflict, DomainError
from concours.core.limits import reason_checked
from concours.core.models import AuditEventType
from concours.kernel.reference.duty_stations import default_zone, reread_in_zone, zone_for_location
from concours.kernel.reference.organisations import employer_named
from concours.kernel.reference.spelling import WORD_RE, fold
from concours.kernel.text.dates import written_moment
from concours.vacancies import hooks
from concours.vacancies.models import OrgUnit, Post, ScreeningQuestion, Vacancy

UNIT_KINDS = [
    OrgUnit.Kind.ORGANISATION,
    OrgUnit.Kind.DIVISION,
    OrgUnit.Kind.DIRECTORATE,
    OrgUnit.Kind.SECTION,
]


@transaction.atomic
def orgunit_ensure_path(
    *, names: list[str], names_fr: list[str] | None = None, actor: Any = None
) -> OrgUnit | None:
    """The unit at the end of `names` (organisation first), creating the missing nodes.

    Each unit that has no French name yet takes the one `names_fr` gives it (the same units' names in
    French), else the one the reference gives an organisation or body of its name ("NATO International
    Staff": "Secrétariat international de l'OTAN"); a French name an administrator gave is kept. Each
    French name given has its own audit record, by `actor`."""
    parent: OrgUnit | None = None
    french = list(names_fr or [])
    for depth, name in enumerate(names[: len(UNIT_KINDS)]):
        given = french[depth].strip() if depth < len(french) and french[depth] != name else ""
        name_fr = given or _reference_name_fr(name)
        parent, created = OrgUnit.objects.get_or_create(
            parent=parent, name=name, defaults={"kind": UNIT_KINDS[depth], "name_fr": name_fr}
        )
        if name_fr and (created or not parent.name_fr):
            _name_unit_in_french(
                parent, name_fr, actor=actor, source="names given" if given else "reference", created=created
            )
    return parent


def _name_unit_in_french(
    unit: OrgUnit, name_fr: str, *, actor: Any, source: str, created: bool = False, **extra: Any
) -> None:
    """Give `unit` its French name (a unit just `created` has it already), with the unit's own audit
    record: `source` says where the name came from ("names given", "reference", "French notice")."""
    old = "" if created else unit.name_fr
    if unit.name_fr != name_fr:
        unit.name_fr = name_fr
        unit.save(update_fields=["name_fr"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.UNIT_NAMED_IN_FRENCH,
        subject=unit,
        old={"name_fr": old},
        new={"name_fr": name_fr},
        source=source,
        created=created,
        **extra,
    )


def _reference_name_fr(name: str) -> str:
    """The French name the reference gives the organisation or body called `name`; else ""."""
    employer = employer_named(name)
    return employer.name_fr if employer is not None and fold(employer.name) == fold(name) else ""


# Words that name no unit by themselves: a French notice's "La Division" says which kind of unit, not which.
_GENERIC_UNIT_WORDS = frozenset(
    ("la", "le", "les", "l", "de", "du", "des", "d", "division", "direction", "section", "bureau", "service")
)


def _names_a_unit(name: str) -> bool:
    return any(word not in _GENERIC_UNIT_WORDS for word in WORD_RE.findall(fold(name)))


def _notice_unit_names(notice: dict[str, Any]) -> list[str]:
    """The units a notice names, organisation first: its body (or organisation), then its division."""
    return [str(n) for n in (notice.get("body") or notice.get("organisation"), notice.get("division")) if n]


def _name_units_in_french(vacancy: Vacancy, notice_fr: dict[str, Any], actor: Any) -> dict[str, str]:
    """Name in French the vacancy's units its English notice names (body, division) from its French notice,
    where a unit has no French name yet, each with its own audit record; the names given, by English name."""
    if vacancy.unit is None:
        return {}
    path = vacancy.unit.path()
    english, french = _notice_unit_names(vacancy.notice), _notice_unit_names(notice_fr)
    if not english or len(english) != len(french) or [unit.name for unit in path] != english:
        return {}
    named = {}
    for unit, name_fr in zip(path, french, strict=True):
        name_fr = name_fr.strip()[: OrgUnit._meta.get_field("name_fr").max_length]
        if name_fr and name_fr != unit.name and not unit.name_fr and _names_a_unit(name_fr):
            _name_unit_in_french(
                unit,
                name_fr,
                actor=actor,
                source="French notice",
                vacancy=vacancy.pk,
                reference=vacancy.reference,
            )
            named[unit.name] = name_fr
    return named


@transaction.atomic
def vacancy_save_from_notice(
    *,
    notice: dict[str, Any],
    deadline: dt.datetime | None,
    actor: Any,
    unit: OrgUnit | None = None,
    zone: str = "Europe/Brussels",
    title_fr: str = "",
    source_text: str = "",
) -> tuple[Vacancy, bool]:
    """Create or update the draft vacancy a parsed notice describes; returns (vacancy, created).

    A notice is the same vacancy when it carries the same reference in the same organisation.
    """
    organisation = notice.get("organisation") or "NATO"
    reference = notice.get("reference") or ""
    fields = {
        "title": notice["title"],
        "title_fr": title_fr,
        "grade": notice.get("grade") or "",
        "location": notice.get("location") or "",
        "zone": zone,
        "deadline": deadline,
        "notice": notice,
        "source_text": source_text,
        "unit": unit,
    }
    vacancy = (
        Vacancy.objects.select_for_update().filter(organisation=organisation, reference=reference).first()
        if reference
        else None
    )
    created = vacancy is None
    if vacancy is None:
        vacancy = Vacancy.objects.create(organisation=organisation, reference=reference, **fields)
    else:
        for name, value in fields.items():
            setattr(vacancy, name, value)
        vacancy.save()
        vacancy.posts.all().delete()
    for post in notice.get("posts") or [{"title": notice["title"], "reference": None, "grade": None}]:
        Post.objects.create(
            vacancy=vacancy,
            title=post.get("title") or notice["title"],
            reference=post.get("reference") or "",
            grade=post.get("grade") or notice.get("grade") or "",
            direct_reports=post.get("direct_reports"),
        )
    audit_record(
        actor=actor,
        event_type=AuditEventType.VACANCY_CREATED if created else AuditEventType.VACANCY_UPDATED,
        subject=vacancy,
        reference=reference,
    )
    return vacancy, created


@transaction.atomic
def vacancy_save_french_notice(
    *, vacancy: Vacancy, notice_fr: dict[str, Any], source_text_fr: str, actor: Any
) -> Vacancy:
    """Give a draft vacancy its French notice (what French readers see); its French title is the notice's.

    The English notice, which screening reads, is left as it is.
    """
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status != Vacancy.Status.DRAFT:
        raise DomainError(_("Only a draft vacancy takes a notice by import."))
    title_fr = str(notice_fr.get("title") or vacancy.title_fr)
    changed = sorted(
        key
        for key in set(notice_fr) | set(vacancy.notice_fr)
        if notice_fr.get(key) != vacancy.notice_fr.get(key)
    )
    old = {"title_fr": vacancy.title_fr, **{key: vacancy.notice_fr.get(key) for key in changed}}
    vacancy.notice_fr = notice_fr
    vacancy.title_fr = title_fr
    vacancy.source_text_fr = source_text_fr
    vacancy.save(update_fields=["notice_fr", "title_fr", "source_text_fr", "updated_at"])
    units_named = _name_units_in_french(vacancy, notice_fr, actor)
    audit_record(
        actor=actor,
        event_type=AuditEventType.VACANCY_UPDATED,
        subject=vacancy,
        language="fr",
        changed=[f"fr:{key}" for key in changed],
        old=old,
        new={"title_fr": title_fr, **{key: notice_fr.get(key) for key in changed}},
        **({"units_named_in_french": units_named} if units_named else {}),
    )
    return vacancy


def _iso(at: dt.datetime | None) -> str | None:
    return at.isoformat() if at else None


def _state_of(vacancy: Vacancy) -> dict[str, str | None]:
    """What publishing and closing change, and the deadline they hang on: the audit's old and new values."""
    return {
        "status": vacancy.status,
        "published_at": _iso(vacancy.published_at),
        "deadline": _iso(vacancy.deadline),
    }


@transaction.atomic
def vacancy_publish(*, vacancy: Vacancy, actor: Any, now: dt.datetime | None = None) -> Vacancy:
    """Put a draft on the portal. A deadline already past is refused: the notice would go live closed.

    `now` is the publication instant (the demo publishes its past campaigns at their time).
    """
    now = now or timezone.now()
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status != Vacancy.Status.DRAFT:
        raise DomainError(_("Only a draft vacancy can be published."))
    if vacancy.deadline is None:
        raise DomainError(_("Set the deadline before publishing the vacancy."))
    if vacancy.deadline <= now:
        raise DomainError(
            _("The deadline (%(deadline)s) has passed: set a later one before publishing the vacancy.")
            % {"deadline": _local(vacancy, vacancy.deadline)}
        )
    old = _state_of(vacancy)
    vacancy.status = Vacancy.Status.PUBLISHED
    vacancy.published_at = now
    vacancy.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.VACANCY_PUBLISHED,
        subject=vacancy,
        old=old,
        new=_state_of(vacancy),
    )
    return vacancy


@transaction.atomic
def vacancy_close(*, vacancy: Vacancy, actor: Any) -> Vacancy:
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status != Vacancy.Status.PUBLISHED:
        raise DomainError(_("Only a published vacancy can be closed."))
    # A vacancy keeps no closing date of its own: the audit record is where it is kept.
    old = {**_state_of(vacancy), "closed_at": None}
    vacancy.status = Vacancy.Status.CLOSED
    vacancy.save(update_fields=["status", "updated_at"])
    new = {**_state_of(vacancy), "closed_at": _iso(timezone.now())}
    audit_record(actor=actor, event_type=AuditEventType.VACANCY_CLOSED, subject=vacancy, old=old, new=new)
    return vacancy


@transaction.atomic
def vacancy_edit(
    *,
    vacancy: Vacancy,
    notice: dict[str, Any],
    title_fr: str,
    zone: str,
    deadline: dt.datetime | None,
    actor: Any,
    expected_updated_at: dt.datetime | None = None,
) -> Vacancy:
    """The recruiter's corrections to a draft or a published vacancy: every field of the notice, its
    posts and (for a draft) its deadline. The audit record keeps the old and new value of each change.

    `expected_updated_at` is the vacancy's `updated_at` when its author opened it (the review form
    carries it): when it was changed since, the edit is refused (`Conflict`, saying by whom and what)
    rather than silently undoing the other change. A published vacancy keeps its deadline and time zone
    here: candidates are told when it is extended (`vacancy_deadline_extend`), never silently moved.
    """
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if expected_updated_at is not None and vacancy.updated_at != expected_updated_at:
        raise Conflict(_changed_since(vacancy))
    if vacancy.status not in {Vacancy.Status.DRAFT, Vacancy.Status.PUBLISHED}:
        raise DomainError(_("A closed vacancy can no longer be edited."))
    if vacancy.status == Vacancy.Status.PUBLISHED and (deadline != vacancy.deadline or zone != vacancy.zone):
        raise DomainError(
            _(
                "The deadline of a published vacancy changes only by extending it, so that applicants "
                "are told."
            )
        )
    changed = sorted(
        key for key in set(notice) | set(vacancy.notice) if notice.get(key) != vacancy.notice.get(key)
    )
    old = {key: vacancy.notice.get(key) for key in changed}
    new = {key: notice.get(key) for key in changed}
    # The vacancy's own columns beside the notice (the deadline as the instant it is kept as).
    before = {"title_fr": vacancy.title_fr, "zone": vacancy.zone, "deadline_at": _iso(vacancy.deadline)}
    after = {"title_fr": title_fr, "zone": zone, "deadline_at": _iso(deadline)}
    for key in before:
        if before[key] != after[key]:
            changed.append(key)
            old[key], new[key] = before[key], after[key]
    status = vacancy.status
    vacancy.notice = notice
    vacancy.title = notice["title"]
    vacancy.title_fr = title_fr
    vacancy.organisation = notice.get("organisation") or vacancy.organisation
    vacancy.reference = notice.get("reference") or ""
    vacancy.grade = notice.get("grade") or ""
    vacancy.location = notice.get("location") or ""
    vacancy.zone = zone
    vacancy.deadline = deadline
    vacancy.save()
    vacancy.posts.all().delete()
    Post.objects.bulk_create(
        Post(
            vacancy=vacancy,
            title=post.get("title") or vacancy.title,
            reference=post.get("reference") or "",
            grade=post.get("grade") or vacancy.grade,
            direct_reports=post.get("direct_reports"),
        )
        for post in notice.get("posts") or []
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.VACANCY_UPDATED,
        subject=vacancy,
        status=status,
        changed=changed,
        old=old,
        new=new,
    )
    return vacancy


@transaction.atomic
def vacancy_edit_french(
    *,
    vacancy: Vacancy,
    notice_fr: dict[str, Any],
    actor: Any,
    expected_updated_at: dt.datetime | None = None,
) -> Vacancy:
    """The recruiter's corrections to the French version of a draft or published vacancy (its title is
    the French notice's). Refused, like `vacancy_edit`, when the vacancy changed since its editor opened
    it, or once it is closed; the audit record keeps the old and new value of each change."""
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if expected_updated_at is not None and vacancy.updated_at != expected_updated_at:
        raise Conflict(_changed_since(vacancy))
    if vacancy.status not in {Vacancy.Status.DRAFT, Vacancy.Status.PUBLISHED}:
        raise DomainError(_("A closed vacancy can no longer be edited."))
    title_fr = str(notice_fr.get("title") or "")
    before = {**vacancy.notice_fr, "title": vacancy.title_fr}
    changed = sorted(key for key in set(notice_fr) | set(before) if notice_fr.get(key) != before.get(key))
    vacancy.notice_fr = notice_fr
    vacancy.title_fr = title_fr
    vacancy.save(update_fields=["notice_fr", "title_fr", "updated_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.VACANCY_UPDATED,
        subject=vacancy,
        status=vacancy.status,
        language="fr",
        changed=[f"fr:{key}" for key in changed],
        old={key: before.get(key) for key in changed},
        new={key: notice_fr.get(key) for key in changed},
    )
    return vacancy


def _local(vacancy: Vacancy, at: dt.datetime) -> str:
    """An instant written out on the duty station's clock, in the reader's language."""
    return written_moment(at, vacancy.zone, get_language() or "en")


@transaction.atomic
def vacancy_deadline_extend(
    *, vacancy: Vacancy, deadline: dt.datetime, actor: Any, now: dt.datetime | None = None
) -> Vacancy:
    """Give a published vacancy a later deadline; everyone who applied is told, in their language.

    Only later, and only in the future: a deadline brought forward would close the door on candidates
    who counted on it. The applications app registers who is told and how (vacancies.hooks).
    """
    now = now or timezone.now()
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status != Vacancy.Status.PUBLISHED or vacancy.deadline is None:
        raise DomainError(_("Only the deadline of a published vacancy can be extended."))
    if deadline <= vacancy.deadline or deadline <= now:
        raise DomainError(
            _("The new deadline must be later than the current one (%(deadline)s) and in the future.")
            % {"deadline": _local(vacancy, vacancy.deadline)}
        )
    old_deadline = vacancy.deadline
    old = _state_of(vacancy)
    vacancy.deadline = deadline
    vacancy.save(update_fields=["deadline", "updated_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.VACANCY_DEADLINE_EXTENDED,
        subject=vacancy,
        old=old,
        new=_state_of(vacancy),
    )
    for hook in hooks.on_deadline_extended:
        hook(vacancy=vacancy, old_deadline=old_deadline, actor=actor)
    return vacancy


@transaction.atomic
def vacancy_unpublish(*, vacancy: Vacancy, actor: Any, reason: str = "") -> Vacancy:
    """Take a published vacancy off the portal: it is a draft again, and its applications are kept.

    Publishing it again puts it back with the same applications.
    """
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status != Vacancy.Status.PUBLISHED:
        raise DomainError(_("Only a published vacancy can be unpublished."))
    reason = reason_checked(reason)
    old = _state_of(vacancy)
    vacancy.status = Vacancy.Status.DRAFT
    vacancy.published_at = None
    vacancy.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.VACANCY_UNPUBLISHED,
        subject=vacancy,
        old=old,
        new=_state_of(vacancy),
        reason=reason,
    )
    return vacancy


def _changed_since(vacancy: Vacancy) -> str:
    # Who changed it is in the audit trail: the vacancy keeps no author of its own.
    last = audit_events_for(vacancy).select_related("actor").first()
    changed = (last.extra.get("changed") if last else None) or []
    return _(
        "While you were editing, %(who)s changed this vacancy (%(what)s, %(when)s); your changes were "
        "not saved. They are kept in the form: check them against the saved vacancy (open it in another "
        "tab), then save again to replace the other changes with yours."
    ) % {
        "who": str(last.actor) if last and last.actor else _("the system"),
        "what": ", ".join(changed) if changed else (last.get_event_type_display() if last else "—"),
        "when": written_local(last.at if last else vacancy.updated_at),
    }


def vacancies_close_expired(*, now: dt.datetime | None = None, actor: Any = None) -> list[Vacancy]:
    """Close every published vacancy whose deadline has passed (run by cron or a periodic task)."""
    now = now or timezone.now()
    expired = Vacancy.objects.filter(status=Vacancy.Status.PUBLISHED, deadline__lt=now)
    return [vacancy_close(vacancy=vacancy, actor=actor) for vacancy in expired]


@dataclass(frozen=True)
class ZoneCorrection:
    """A vacancy's zone and deadline before and after reading its deadline at its duty station."""

    old_zone: str
    new_zone: str
    old_deadline: dt.datetime | None
    new_deadline: dt.datetime | None

    def audit_values(self) -> dict[str, dict[str, str | None]]:
        return {
            "old": {"zone": self.old_zone, "deadline": _iso(self.old_deadline)},
            "new": {"zone": self.new_zone, "deadline": _iso(self.new_deadline)},
        }


def vacancy_zone_correction(vacancy: Vacancy) -> ZoneCorrection | None:
    """What `vacancy_zone_correct` would change; None when the vacancy's zone needs no correction.

    Only a vacancy stored with the default zone is corrected, and only when its duty station has a known,
    different zone: the default is what imports stored for duty stations they did not know (Kabul, Juba),
    reading the notice's local deadline as Brussels time. Any other zone was given by a person and is kept.
    """
    if vacancy.zone != default_zone():
        return None
    zone = zone_for_location(vacancy.location or vacancy.notice.get("location"))
    if zone is None or zone == vacancy.zone:
        return None
    deadline = reread_in_zone(vacancy.deadline, vacancy.zone, zone) if vacancy.deadline else None
    return ZoneCorrection(vacancy.zone, zone, vacancy.deadline, deadline)


@transaction.atomic
def vacancy_zone_correct(*, vacancy: Vacancy, actor: Any) -> ZoneCorrection | None:
    """Give a vacancy its duty station's zone, and its deadline the same local time in that zone.

    The notice's deadline was a local time at the duty station that was stored as an instant in the wrong
    zone; the same wall-clock time is read again in the right one. Whatever the vacancy's status (a closed
    vacancy's record is corrected too; it is not reopened). Returns the correction, or None when there was
    nothing to correct, so running it twice changes nothing the second time.
    """
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    correction = vacancy_zone_correction(vacancy)
    if correction is None:
        return None
    vacancy.zone = correction.new_zone
    vacancy.deadline = correction.new_deadline
    vacancy.save(update_fields=["zone", "deadline", "updated_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.VACANCY_ZONE_CORRECTED,
        subject=vacancy,
        location=vacancy.location or vacancy.notice.get("location"),
        **correction.audit_values(),
    )
    return correction


def _one_line(text: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def _check_questions_open(vacancy: Vacancy) -> None:
    if any(check(vacancy=vacancy) for check in hooks.submissions_exist):
        raise DomainError(
            _(
                "Candidates have already applied to this vacancy: its screening questions can no longer "
                "change, so that every candidate answers the same ones."
            )
        )


@transaction.atomic
def question_add(
    *,
    vacancy: Vacancy,
    text: str,
    text_fr: str,
    kind: str,
    knockout: bool,
    required_yes: bool | None,
    minimum: Decimal | None,
    actor: Any,
) -> ScreeningQuestion:
    """Add a screening question to a vacancy no candidate has applied to yet.

    The vacancy is locked as a submission locks it, so a question never appears while a candidate
    submits without it. A knock-out question must say what it requires; other questions require nothing.
    """
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    _check_questions_open(vacancy)
    # Runs of spaces and line breaks become one space; no-break spaces (French "?") stay.
    text, text_fr = _one_line(text), _one_line(text_fr)
    if not text:
        raise DomainError(_("Write the question in English."))
    if kind not in ScreeningQuestion.Kind.values:
        raise DomainError(_("Choose whether the answer is yes or no, or a number."))
    if knockout and kind == ScreeningQuestion.Kind.YES_NO and required_yes is None:
        raise DomainError(_("Say which answer a knock-out question requires."))
    if knockout and kind == ScreeningQuestion.Kind.NUMBER and minimum is None:
        raise DomainError(_("Give the least answer a knock-out question accepts."))
    question = ScreeningQuestion.objects.create(
        vacancy=vacancy,
        text=text[:300],
        text_fr=text_fr[:300],
        kind=kind,
        knockout=knockout,
        required_yes=required_yes if knockout and kind == ScreeningQuestion.Kind.YES_NO else None,
        minimum=minimum if knockout and kind == ScreeningQuestion.Kind.NUMBER else None,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.QUESTION_ADDED,
        subject=vacancy,
        question=question.pk,
        text=question.text,
        text_fr=question.text_fr,
        kind=question.kind,
        knockout=question.knockout,
        required_yes=question.required_yes,
        minimum=str(question.minimum) if question.minimum is not None else None,
    )
    return question


@transaction.atomic
def question_remove(*, question: ScreeningQuestion, actor: Any) -> None:
    """Remove a screening question from a vacancy no candidate has applied to yet (drafts lose their
    answers to it)."""
    vacancy = Vacancy.objects.select_for_update().get(pk=question.vacancy_id)
    _check_questions_open(vacancy)
    found = ScreeningQuestion.objects.filter(pk=question.pk, vacancy=vacancy).first()
    if found is None:
        raise DomainError(_("This question was already removed."))
    audit_record(
        actor=actor,
        event_type=AuditEventType.QUESTION_REMOVED,
        subject=vacancy,
        question=found.pk,
        text=found.text,
        knockout=found.knockout,
    )
    found.delete()
