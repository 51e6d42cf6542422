"""Changing a candidate's profile: the whole profile is saved at once, in one transaction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from concours.candidates.models import CandidateProfile, Education, LanguageSkill, WorkExperience
from concours.core.audit import audit_record
from concours.core.models import AuditEventType
from concours.kernel.reference.language_scales import language_scale, language_scales


def language_level_error(*, scale: str, level: str) -> str | None:
    """Why `level` is not a level of `scale`, or None when it is one, in any spelling ('vi', 'b2')."""
    if scale not in language_scales():
        return _("“%(scale)s” is not a language scale.") % {"scale": scale}
    found = language_scale(scale)
    if found.normalise(level) is not None:
        return None
    message = _("“%(level)s” is not a level of the %(scale)s scale, whose levels are %(levels)s.") % {
        "level": level,
        "scale": found.name("fr" if (get_language() or "en").startswith("fr") else "en"),
        "levels": ", ".join(lv.code for lv in found.levels),
    }
    if found.is_profile_scale:
        message += " " + _("A level may end with “+” (2+), or give four skills as a profile (3321).")
    return message


def _language_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with each level written as its scale writes it; ValidationError for a level off its scale."""
    checked = []
    for row in rows:
        scale = row.get("scale", LanguageSkill.Scale.NATO)
        error = language_level_error(scale=scale, level=str(row.get("level", "")))
        if error:
            raise ValidationError(error)
        checked.append({**row, "scale": scale, "level": language_scale(scale).normalise(str(row["level"]))})
    return checked


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
    """Replace the profile of `user` with the given parts; rows are plain dicts of model fields.

    A language level off its scale ("B2" on NATO's I-VI) is refused with `ValidationError`, whoever sends it.
    """
    languages = _language_rows(languages)
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
