"""Reading candidate profiles, and giving them in the shape screening reads (candidate.schema.json)."""

from __future__ import annotations

from typing import Any

from concours.candidates.models import CandidateProfile


def profile_for_user(*, user: Any) -> CandidateProfile | None:
    return CandidateProfile.objects.filter(user=user).first()


def profile_as_contract(profile: CandidateProfile) -> dict[str, Any]:
    """The profile as candidate.schema.json describes it (uses prefetched rows when present)."""
    return {
        "id": str(profile.pk),
        "name": profile.name,
        "email": profile.user.email,
        "nationalities": list(profile.nationalities),
        "languages": [
            {"language": skill.language, "scale": skill.scale, "level": skill.level}
            for skill in profile.languages.all()
        ],
        "education": [
            {
                "level": item.level,
                "field": item.field,
                "institution": item.institution,
                "completed": item.completed.isoformat() if item.completed else None,
            }
            for item in profile.education.all()
        ],
        "experience": [
            {
                "start": post.start.isoformat(),
                "end": post.end.isoformat() if post.end else None,
                "title": post.title,
                "employer": post.employer,
                "fte": float(post.fte),
                "tags": list(post.tags),
            }
            for post in profile.experience.all()
        ],
        "serving_staff": profile.serving_staff,
    }


def profile_missing_parts(profile: CandidateProfile | None) -> list[str]:
    """Which parts of a profile are still empty (keys of candidate.schema.json)."""
    if profile is None:
        return ["nationalities", "languages", "education", "experience"]
    missing = []
    if not profile.nationalities:
        missing.append("nationalities")
    if not profile.languages.exists():
        missing.append("languages")
    if not profile.education.exists():
        missing.append("education")
    if not profile.experience.exists():
        missing.append("experience")
    return missing
