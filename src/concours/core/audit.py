"""Writing the audit trail. Services call `audit_record` inside their own transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from concours.core.models import AuditEvent, AuditEventType


def audit_record(
    *, actor: Any, event_type: AuditEventType, subject: models.Model, **extra: Any
) -> AuditEvent:
    """One row of the trail; `event_type` must be a member, so the list of event types stays complete."""
    # Checked at run time too: a plain string is a `str` like the members, and would slip past mypy in
    # untyped callers.
    if not isinstance(event_type, AuditEventType):
        raise TypeError(f"audit_record() takes an AuditEventType, not {event_type!r}")
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        event_type=event_type,
        subject_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
        subject_id=str(subject.pk),
        subject_repr=str(subject)[:300],
        extra=extra,
    )


def audit_events_for(subject: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
        subject_id=str(subject.pk),
    )
