"""The audit trail takes its event types from one list, and every service names a member of it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation

from concours.core.audit import audit_events_for, audit_record
from concours.core.models import AuditEvent, AuditEventType
from factories import VacancyFactory

SRC = Path(__file__).resolve().parents[2] / "src" / "concours"

# The values stored before the list existed: rows written then must stay valid choices.
STORED_BEFORE = {
    "APPLICATION_SUBMITTED",
    "APPLICATION_MOVED",
    "ESSAY_RENDITION_MADE",
    "NOTICE_IMPORTED",
    "PROFILE_SAVED",
    "VACANCY_CREATED",
    "VACANCY_UPDATED",
    "VACANCY_PUBLISHED",
    "VACANCY_CLOSED",
    "VACANCY_SCREENED",
    "VERDICT_SCREENED",
    "VERDICT_CONFIRMED",
    "VERDICT_OVERRIDDEN",
}


@pytest.mark.django_db
def test_the_helper_refuses_a_string_that_is_not_a_member() -> None:
    """A plain string, even one equal to a member's value, is refused and nothing is written."""
    vacancy = VacancyFactory()
    with pytest.raises(TypeError, match="AuditEventType"):
        audit_record(actor=None, event_type="VACANCY_PUBLISHED", subject=vacancy)  # type: ignore[arg-type]
    assert not audit_events_for(vacancy).exists()


@pytest.mark.django_db
def test_the_helper_records_a_member() -> None:
    """A member is stored as its value, with the subject and the details."""
    vacancy = VacancyFactory()
    audit_record(actor=None, event_type=AuditEventType.VACANCY_UPDATED, subject=vacancy, changed=["title"])
    event = audit_events_for(vacancy).get()
    assert (event.event_type, event.extra) == ("VACANCY_UPDATED", {"changed": ["title"]})
    assert event.get_event_type_display() == "Vacancy updated"


def test_members_are_named_entity_past_verb_and_keep_the_stored_values() -> None:
    """Each value is its own name (upper case), and every value stored before the list still is one."""
    assert all(member.value == member.name and member.name.isupper() for member in AuditEventType)
    assert {member.value for member in AuditEventType} >= STORED_BEFORE


def test_the_model_field_offers_exactly_the_members() -> None:
    """The admin's filter and the choices come from the same list."""
    field = AuditEvent._meta.get_field("event_type")
    assert [value for value, _label in field.choices] == [member.value for member in AuditEventType]  # type: ignore[union-attr]


def test_every_event_type_reads_in_french() -> None:
    """Auditors reading the trail in French see French labels."""
    with translation.override("en"):
        english = {m.name: str(m.label) for m in AuditEventType}
    with translation.override("fr"):
        french = {m.name: str(m.label) for m in AuditEventType}
    assert [name for name in english if french[name] == english[name]] == []


def _bad_event_types(source: str, name: str) -> list[str]:
    """Every `audit_record(...)` call whose event type is anything but `AuditEventType.<MEMBER>`."""
    members = set(AuditEventType.__members__)
    found: list[str] = []

    def member(node: ast.expr) -> bool:
        if isinstance(node, ast.IfExp):  # `A if overrides else B`: both branches must be members
            return member(node.body) and member(node.orelse)
        return (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "AuditEventType"
            and node.attr in members
        )

    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = (
            func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        )
        if called != "audit_record":
            continue
        event_type = next((k.value for k in node.keywords if k.arg == "event_type"), None)
        if event_type is None or not member(event_type):
            found.append(f"{name}:{node.lineno} {ast.unparse(event_type) if event_type else '(none)'}")
    return found


def _sources() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts)


def test_every_audit_call_in_the_source_names_a_member() -> None:
    """No service passes a string or a constant of its own: the event type is always a member."""
    calls = [p for p in _sources() if "audit_record(" in p.read_text(encoding="utf-8")]
    assert len(calls) >= 8, "the scan found too few callers to be looking in the right place"
    bad = [line for path in calls for line in _bad_event_types(path.read_text(encoding="utf-8"), path.name)]
    assert bad == []


def test_the_scan_finds_a_string_and_a_foreign_constant() -> None:
    """The scan flags a literal, a local constant and an unknown member (so the test above can fail)."""
    source = (
        'audit_record(actor=None, event_type="VACANCY_PUBLISHED", subject=v)\n'
        "audit_record(actor=None, event_type=VACANCY_CLOSED, subject=v)\n"
        "audit.audit_record(actor=None, event_type=AuditEventType.NO_SUCH_THING, subject=v)\n"
        "audit_record(actor=None, event_type=AuditEventType.VERDICT_CONFIRMED if x else 'X', subject=v)\n"
        "audit_record(actor=None, event_type=AuditEventType.VACANCY_CLOSED, subject=v)\n"
    )
    assert [line.split()[0] for line in _bad_event_types(source, "probe.py")] == [
        "probe.py:1",
        "probe.py:2",
        "probe.py:3",
        "probe.py:4",
    ]


def test_only_the_helper_writes_audit_events() -> None:
    """No module creates AuditEvent rows directly, around the helper's check."""
    writers = [
        path.relative_to(SRC).as_posix()
        for path in _sources()
        if "AuditEvent.objects.create" in path.read_text(encoding="utf-8")
        or "AuditEvent.objects.bulk_create" in path.read_text(encoding="utf-8")
    ]
    assert writers == ["core/audit.py"]
