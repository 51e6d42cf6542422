"""Changing a candidate's profile: the whole profile is saved at once, in one transaction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from concours.candidates.models import CandidateProfile, Education, LanguageSkill, WorkExperience
from concours.core.audit import audit_record
from concours.core.models import AuditEventType


@transaction.atomic
def profile_save(
    *,
    user: Any,
    name: str,
    nationalities: list[str],
    serving_staff: bool = False,
    languages: list[dict[str, Any]],
    education: list[dict[str, Any]],
    experience: list[dict[str, Any]],
    actor: Any,
) -> CandidateProfile:
    """Replace the profile of `user` with the given parts; rows are plain dicts of model fields."""
    profile, _ = CandidateProfile.objects.select_for_update().get_or_create(
        user=user, defaults={"name": name}
    )
    profile.name = name
    profile.nationalities = sorted({code.upper() for code in nationalities})
    profile.serving_staff = serving_staff
    profile.save()
    profile.languages.all().delete()
    profile.education.all().delete()
    profile.experience.all().delete()
    LanguageSkill.objects.bulk_create(LanguageSkill(profile=profile, **row) for row in languages)
    Education.objects.bulk_create(Education(profile=profile, **row) for row in education)
    for row in experience:
        # Floats from JSON imports (0.8) become exact two-place decimals.
        row = {**row, "fte": Decimal(str(row.get("fte", 1))).quantize(Decimal("0.01"))}
        post = WorkExperience(profile=profile, **row)
        post.full_clean(exclude=["profile"])
        post.save()
    if user.name != name:
        user.name = name
        user.save(update_fields=["name"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.PROFILE_SAVED,
        subject=profile,
        languages=len(languages),
        education=len(education),
        experience=len(experience),
    )
    return profile
