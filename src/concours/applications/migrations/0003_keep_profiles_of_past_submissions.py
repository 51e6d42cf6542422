"""Give every application submitted before profiles were kept the profile as it stands now.

Nothing recorded what those profiles were at submission, so the best there is, is the current profile:
it is kept with the instant of this migration as `profile_frozen_at` (later than `submitted_at`), which
the recruiters' page reads to say that the profile was kept after the submission, not at it. The
contract and its hash are written out here rather than imported, so that this migration does the same
thing whatever the code becomes later.
"""

import hashlib
import json

from django.db import migrations
from django.utils import timezone


def _contract(profile):  # type: ignore[no-untyped-def]
    # candidate.schema.json as candidates.selectors.profile_as_contract gave it when this was written.
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


def _sha256(snapshot):  # type: ignore[no-untyped-def]
    text = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()


def keep_current_profiles(apps, schema_editor):  # type: ignore[no-untyped-def]
    Application = apps.get_model("applications", "Application")
    CandidateProfile = apps.get_model("candidates", "CandidateProfile")
    pending = Application.objects.exclude(status="draft").filter(profile_snapshot__isnull=True)
    candidate_ids = set(pending.values_list("candidate_id", flat=True))
    if not candidate_ids:
        return
    profiles = {
        profile.pk: profile
        for profile in CandidateProfile.objects.filter(pk__in=candidate_ids)
        .select_related("user")
        .prefetch_related("languages", "education", "experience")
    }
    now = timezone.now()
    kept = []
    for application in pending.iterator(chunk_size=2000):
        snapshot = _contract(profiles[application.candidate_id])
        application.profile_snapshot = snapshot
        application.profile_sha256 = _sha256(snapshot)
        application.profile_frozen_at = now
        kept.append(application)
    Application.objects.bulk_update(
        kept, ["profile_snapshot", "profile_sha256", "profile_frozen_at"], batch_size=2000
    )
    print(
        f"\n  Kept the current profile of {len(kept)} application(s) submitted before profiles were kept "
        "at submission: they may differ from what was submitted, and their pages say so."
    )


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_application_profile_snapshot"),
        ("candidates", "0001_initial"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(keep_current_profiles, migrations.RunPython.noop)]
