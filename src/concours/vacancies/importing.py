"""Importing vacancy notices: any notice's text becomes a draft vacancy, once.

The same notice met twice (the organisation's site and a job board) updates one vacancy: it is the same
when it carries the same reference in the same organisation, or, without a reference, the same title,
organisation and deadline day. Each notice is imported in its own transaction, so a bad file changes
nothing and does not stop the others.

A vacancy has an English and a French notice. An English notice creates or updates the vacancy; a French
notice fills the French version of the vacancy with the same reference in the same organisation. A
French notice whose reference no vacancy has yet makes a draft from the French alone (screening reads
its requirements, which the parser reads in either language; English readers see the French, marked so)
and the English notice of that reference, imported later, then gives it its English version whole. A
French notice that gives no reference is skipped: nothing could tie its English notice to it.
`vacancy_import_files` imports a batch's English notices before its French ones, so both can be sent
together in any order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.translation import gettext as _

from concours.core.audit import audit_record
from concours.core.models import AuditEventType
from concours.kernel.notices import NoticeError, parse_notice_text, read_notice_file
from concours.kernel.reference.duty_stations import default_zone, zone_for_location
from concours.kernel.text.language import text_language
from concours.vacancies.models import OrgUnit, Vacancy
from concours.vacancies.services import (
    orgunit_ensure_path,
    vacancy_save_french_notice,
    vacancy_save_from_notice,
)


@dataclass(frozen=True)
class ImportOutcome:
    source: str
    action: str  # "created", "updated" or "skipped"
    reason: str
    vacancy: Vacancy | None = None
    changed: list[str] = field(default_factory=list)
    # The notice's duty station has no known time zone: the draft keeps the default zone until the
    # recruiter gives the right one at review (the reason says so).
    zone_unknown: bool = False
    language: str = "en"  # the notice's language: "fr" filled (or would have filled) the French version


def deadline_instant(deadline: str | None, zone: str) -> dt.datetime | None:
    """A notice's deadline as an aware instant: a date alone means the end of that day at the duty station."""
    if not deadline:
        return None
    moment = dt.datetime.fromisoformat(deadline)
    if len(deadline) == 10:
        moment = moment.replace(hour=23, minute=59, second=59)
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(zone))


def _same_vacancy(notice: dict[str, Any], deadline: dt.datetime | None) -> Vacancy | None:
    organisation = notice.get("organisation") or "NATO"
    candidates = Vacancy.objects.select_for_update().filter(organisation=organisation)
    if notice.get("reference"):
        return candidates.filter(reference=notice["reference"]).first()
    same_title = candidates.filter(title__iexact=notice["title"])
    if deadline is None:
        return same_title.filter(deadline__isnull=True).first()
    day = deadline.date()
    return next((v for v in same_title if v.local_deadline and v.local_deadline.date() == day), None)


def merge_notices(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The new parse, keeping what only the old one knew (a board's copy often drops fields)."""
    merged = dict(old)
    changed = []
    for key, value in new.items():
        if key == "source_file" or value in (None, [], {}, ""):
            continue
        if old.get(key) != value:
            changed.append(key)
        merged[key] = value
    return merged, changed


@dataclass(frozen=True)
class StationZone:
    """The zone a notice's deadline is read in: the duty station's, else a fallback; `unknown` flags a
    draft left in the default zone for want of the station's."""

    zone: str
    unknown: bool


def _station_zone(notice: dict[str, Any], fallback: str | None = None) -> StationZone:
    """An unknown duty station gets no zone guessed: the fallback (a zone a person gave the vacancy, else
    the default zone) is used, and flagged when it is the default one, for the recruiter to correct."""
    station = zone_for_location(notice.get("location"))
    zone = station or (default_zone() if fallback is None else fallback)
    return StationZone(zone, unknown=station is None and zone == default_zone())


def _notice_unit(notice: dict[str, Any], actor: Any) -> OrgUnit | None:
    """The unit a notice names (its body, else its organisation, then its division), made if missing."""
    names = [n for n in (notice.get("body") or notice.get("organisation"), notice.get("division")) if n]
    return orgunit_ensure_path(names=names, actor=actor)


def _zone_unknown_reason(notice: dict[str, Any], zone: str) -> str:
    """What the import says of a notice whose duty station has no known zone."""
    return _(
        "The time zone of the duty station (%(location)s) is not known: the deadline was read in"
        " %(zone)s time; give the duty station's time zone when you review the draft."
    ) % {"location": notice.get("location") or "—", "zone": zone}


def vacancy_import_notice(*, text: str, source: str, actor: Any) -> ImportOutcome:
    """Create or update the draft vacancy a notice describes; published vacancies are never changed."""
    notice = parse_notice_text(text, source_file=source)
    if not notice.get("title"):
        return ImportOutcome(
            source, "skipped", _("No vacancy title was found: this does not look like a notice.")
        )
    if text_language(text) == "fr":
        return _import_french_notice(notice=notice, text=text, source=source, actor=actor)
    # An unknown duty station gets no zone guessed: the draft is stored with the default zone and flagged,
    # and the review form asks the recruiter for the zone.
    zone = _station_zone(notice)
    deadline = deadline_instant(notice.get("deadline"), zone.zone)
    with transaction.atomic():
        existing = _same_vacancy(notice, deadline)
        if existing is not None and existing.status != Vacancy.Status.DRAFT:
            return ImportOutcome(
                source,
                "skipped",
                _("Vacancy %(vacancy)s is already %(status)s; an import never changes it.")
                % {"vacancy": existing, "status": existing.get_status_display()},
                existing,
            )
        changed: list[str] = []
        if existing is not None:
            # A draft made from its French notice holds French where the English goes: the English
            # notice replaces it whole rather than merging with it.
            notice, changed = merge_notices({} if existing.english_pending else existing.notice, notice)
            if not changed:
                return ImportOutcome(
                    source, "skipped", _("Already imported; nothing new in this copy."), existing
                )
            # The merged notice's place decides; where it is unknown, the zone a person may have given stays.
            zone = _station_zone(notice, fallback=existing.zone)
            deadline = deadline_instant(notice.get("deadline"), zone.zone) or existing.deadline
        vacancy, created = vacancy_save_from_notice(
            notice=notice,
            deadline=deadline,
            actor=actor,
            unit=_notice_unit(notice, actor),
            zone=zone.zone,
            title_fr=existing.title_fr if existing else "",
            source_text=text
            if existing is None or len(text) > len(existing.source_text)
            else existing.source_text,
        )
        audit_record(
            actor=actor,
            event_type=AuditEventType.NOTICE_IMPORTED,
            subject=vacancy,
            source=source,
            changed=changed,
            zone=zone.zone,
            zone_unknown=zone.unknown,
            language="en",
        )
    if created:
        reason = _("New draft vacancy.")
    else:
        reason = _("Same notice as vacancy %(vacancy)s; updated: %(fields)s.") % {
            "vacancy": vacancy,
            "fields": ", ".join(changed),
        }
    if zone.unknown:
        reason += " " + _zone_unknown_reason(notice, zone.zone)
    return ImportOutcome(
        source, "created" if created else "updated", reason, vacancy, changed, zone_unknown=zone.unknown
    )


def _import_french_notice(*, notice: dict[str, Any], text: str, source: str, actor: Any) -> ImportOutcome:
    """Fill the French version of the vacancy with the notice's reference; create nothing."""
    reference = notice.get("reference")
    if not reference:
        return ImportOutcome(
            source,
            "skipped",
            _(
                "This notice is in French and gives no reference: a French notice only fills the French "
                "version of a vacancy found by its reference. Import the English notice first."
            ),
            language="fr",
        )
    with transaction.atomic():
        existing = (
            Vacancy.objects.select_for_update()
            .filter(organisation=notice.get("organisation") or "NATO", reference=reference)
            .first()
        )
        if existing is None:
            return _create_from_french_notice(notice=notice, text=text, source=source, actor=actor)
        if existing.status != Vacancy.Status.DRAFT:
            return ImportOutcome(
                source,
                "skipped",
                _("Vacancy %(vacancy)s is already %(status)s; an import never changes it.")
                % {"vacancy": existing, "status": existing.get_status_display()},
                existing,
                language="fr",
            )
        french, changed = merge_notices(existing.notice_fr, notice)
        if not changed:
            return ImportOutcome(
                source,
                "skipped",
                _("Already imported; nothing new in this copy."),
                existing,
                language="fr",
            )
        vacancy = vacancy_save_french_notice(
            vacancy=existing,
            notice_fr=french,
            source_text_fr=text if len(text) > len(existing.source_text_fr) else existing.source_text_fr,
            actor=actor,
        )
        audit_record(
            actor=actor,
            event_type=AuditEventType.NOTICE_IMPORTED,
            subject=vacancy,
            source=source,
            changed=changed,
            language="fr",
        )
    return ImportOutcome(
        source,
        "updated",
        _("French notice of vacancy %(vacancy)s; its French version now has: %(fields)s.")
        % {"vacancy": vacancy, "fields": ", ".join(changed)},
        vacancy,
        changed,
        language="fr",
    )


def _create_from_french_notice(
    *, notice: dict[str, Any], text: str, source: str, actor: Any
) -> ImportOutcome:
    """A draft vacancy from a French notice alone, in the caller's transaction; its English notice,
    imported later under the same reference, gives it its English version."""
    zone = _station_zone(notice)
    vacancy, _created = vacancy_save_from_notice(
        notice=notice,
        deadline=deadline_instant(notice.get("deadline"), zone.zone),
        actor=actor,
        unit=_notice_unit(notice, actor),
        zone=zone.zone,
        title_fr=str(notice["title"]),
        source_text="",
    )
    vacancy = vacancy_save_french_notice(vacancy=vacancy, notice_fr=notice, source_text_fr=text, actor=actor)
    audit_record(
        actor=actor,
        event_type=AuditEventType.NOTICE_IMPORTED,
        subject=vacancy,
        source=source,
        changed=sorted(notice),
        zone=zone.zone,
        zone_unknown=zone.unknown,
        language="fr",
    )
    reason = _(
        "New draft vacancy from its French notice. Import the English notice of reference %(reference)s "
        "to give it its English version; until then English readers see the French."
    ) % {"reference": vacancy.reference}
    if zone.unknown:
        reason += " " + _zone_unknown_reason(notice, zone.zone)
    return ImportOutcome(
        source, "created", reason, vacancy, sorted(notice), zone_unknown=zone.unknown, language="fr"
    )


def _read(path: str, source: str) -> str | ImportOutcome:
    try:
        return read_notice_file(path)
    except NoticeError as error:
        return ImportOutcome(source, "skipped", str(error))


def vacancy_import_file(*, path: str, actor: Any, name: str | None = None) -> ImportOutcome:
    """Import one notice file (text, HTML, PDF or .docx); unreadable files are skipped with the reason."""
    source = name or path
    text = _read(path, source)
    if isinstance(text, ImportOutcome):
        return text
    return vacancy_import_notice(text=text, source=source, actor=actor)


def vacancy_import_files(*, files: list[tuple[str, str]], actor: Any) -> list[ImportOutcome]:
    """Import several notice files, given as (path, name): the English notices first, then the French
    ones, which fill the French version of the vacancies the English ones made. The outcomes come back
    in the order the files were given."""
    texts = [_read(path, name) for path, name in files]
    order = sorted(
        range(len(files)),
        key=lambda i: isinstance(texts[i], str) and text_language(str(texts[i])) == "fr",
    )
    outcomes: dict[int, ImportOutcome] = {}
    for index in order:
        text = texts[index]
        outcomes[index] = (
            text
            if isinstance(text, ImportOutcome)
            else vacancy_import_notice(text=text, source=files[index][1], actor=actor)
        )
    return [outcomes[index] for index in range(len(files))]
