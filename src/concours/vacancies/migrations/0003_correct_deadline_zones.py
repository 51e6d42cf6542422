"""Data migration: deadlines stored in Europe/Brussels time for duty stations of another zone.

Until the duty stations became one list, an import gave every station it did not know (Kabul, Baghdad,
Juba, Heraklion, Frankfurt...) the default zone, Europe/Brussels, and so read the notice's local deadline as
Brussels time. Each such vacancy gets its station's zone and the same local deadline in it, with one
audit event (VACANCY_ZONE_CORRECTED, old and new values), as `vacancies.services.vacancy_zone_correct`
does; that service is not imported here because it works on the current models. The station's zone comes
from the kernel's reference data (plain Python, no models). Reversing it changes nothing: the audit events
keep the old values.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import migrations
from django.utils import timezone

from concours.kernel.reference.duty_stations import zone_for_location

DEFAULT_ZONE = "Europe/Brussels"  # the zone imports stored for duty stations they did not know
EVENT_TYPE = "VACANCY_ZONE_CORRECTED"


def _reread(moment, wrong_zone, right_zone):
    """The instant whose local time in right_zone is moment's local time in wrong_zone (a local time the
    clocks pass twice, or skip, is read as its later instant, as deadlines are)."""
    wall_clock = moment.astimezone(ZoneInfo(wrong_zone)).replace(tzinfo=None)
    right = ZoneInfo(right_zone)
    return max(
        (wall_clock.replace(tzinfo=right, fold=side) for side in (0, 1)), key=lambda m: m.astimezone(dt.UTC)
    )


def correct_deadline_zones(apps, schema_editor):
    Vacancy = apps.get_model("vacancies", "Vacancy")
    AuditEvent = apps.get_model("core", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    subject_type = None
    for vacancy in Vacancy.objects.filter(zone=DEFAULT_ZONE).order_by("pk"):
        location = vacancy.location or (vacancy.notice or {}).get("location")
        zone = zone_for_location(location)
        if zone is None or zone == vacancy.zone:
            continue
        old_zone, old_deadline = vacancy.zone, vacancy.deadline
        vacancy.zone = zone
        vacancy.deadline = _reread(old_deadline, old_zone, zone) if old_deadline else None
        vacancy.save(update_fields=["zone", "deadline", "updated_at"])
        if subject_type is None:
            subject_type, _ = ContentType.objects.get_or_create(app_label="vacancies", model="vacancy")
        AuditEvent.objects.create(
            actor=None,
            event_type=EVENT_TYPE,
            subject_type=subject_type,
            subject_id=str(vacancy.pk),
            subject_repr=f"{vacancy.reference} {vacancy.title}".strip()[:300],
            at=timezone.now(),
            extra={
                "location": location,
                "old": {"zone": old_zone, "deadline": old_deadline.isoformat() if old_deadline else None},
                "new": {
                    "zone": zone,
                    "deadline": vacancy.deadline.isoformat() if vacancy.deadline else None,
                },
                "by": "migration vacancies.0003_correct_deadline_zones",
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0003_audit_event_type_vacancy_zone_corrected"),
        ("vacancies", "0002_vacancy_deadline_optional_for_drafts"),
    ]

    operations = [migrations.RunPython(correct_deadline_zones, migrations.RunPython.noop)]
