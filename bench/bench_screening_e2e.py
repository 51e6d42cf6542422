"""End-to-end screening: read 100,000 applications from the database, screen them, write the verdicts.

Usage: DATABASE_URL=... python bench/bench_screening_e2e.py [--applications N]
Without DATABASE_URL it uses a fresh SQLite file in a temporary folder. The set-up (synthetic
candidates and applications, written with bulk inserts) is not timed; `vacancy_screen_all` is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=100_000)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concours.config.settings")
    os.environ["CONCOURS_VAR_DIR"] = tmp.name
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from concours.accounts.models import User
    from concours.applications.models import Application, snapshot_sha256
    from concours.candidates.models import CandidateProfile, Education, LanguageSkill, WorkExperience
    from concours.screening import services as screening_services
    from concours.screening.models import Verdict
    from concours.vacancies.models import Vacancy

    call_command("migrate", verbosity=0)
    engine = connection.vendor
    n = args.applications
    rng = random.Random(2026)
    deadline = timezone.now() + dt.timedelta(days=30)
    notice = {
        "organisation": "NATO",
        "body": "NATO International Staff",
        "title": "Head of Section",
        "location": "Brussels, Belgium",
        "nationality_restriction": "nationals of NATO member countries",
        "essential_qualifications": ["have a university degree in a relevant field;"],
        "experience": [
            {"min_years": 10, "max_years": None, "of": "political analysis and policy development"},
            {"min_years": 5, "max_years": None, "of": "managing teams"},
        ],
        "degree": {"min_level": "bachelor", "preferred_level": "master"},
        "languages": {
            "scale": "NATO",
            "any_of": [
                [{"language": "en", "min_level": "V"}, {"language": "fr", "min_level": "II"}],
                [{"language": "fr", "min_level": "V"}, {"language": "en", "min_level": "II"}],
            ],
        },
    }
    started = time.perf_counter()
    with transaction.atomic():
        vacancy = Vacancy.objects.create(
            reference="BENCH1",
            title="Head of Section",
            deadline=deadline,
            status=Vacancy.Status.PUBLISHED,
            notice=notice,
            location="Brussels, Belgium",
        )
        users = User.objects.bulk_create(
            [User(email=f"bench{i}@example.org", password="!") for i in range(n)], batch_size=5000
        )
        countries = ["BE", "FR", "DE", "PL", "IT", "ES", "CA", "US", "GB", "NL", "FI", "SE", "CH", "AT", "JP"]
        profiles = CandidateProfile.objects.bulk_create(
            [
                CandidateProfile(user=u, name=f"Candidate {i}", nationalities=[rng.choice(countries)])
                for i, u in enumerate(users)
            ],
            batch_size=5000,
        )
        levels = ["I", "II", "III", "IV", "V", "VI"]
        skills = LanguageSkill.objects.bulk_create(
            [
                LanguageSkill(profile=p, language=lang, scale="NATO", level=rng.choice(levels))
                for p in profiles
                for lang in ("en", "fr")
            ],
            batch_size=5000,
        )
        degrees = Education.objects.bulk_create(
            [
                Education(
                    profile=p,
                    level=rng.choice(["secondary", "bachelor", "master", "doctorate"]),
                    completed=dt.date(rng.randint(1990, 2020), 6, 1),
                )
                for p in profiles
            ],
            batch_size=5000,
        )
        tags = [
            ["policy", "political_analysis"],
            ["management", "senior"],
            ["defence"],
            ["policy", "management"],
        ]
        posts = []
        for p in profiles:
            for _ in range(rng.randint(1, 4)):
                start = dt.date(rng.randint(1995, 2022), rng.randint(1, 12), 1)
                end = None if rng.random() < 0.3 else start + dt.timedelta(days=rng.randint(300, 3000))
                posts.append(
                    WorkExperience(
                        profile=p,
                        title="Officer",
                        start=start,
                        end=end,
                        fte=rng.choice([1, 1, 1, 0.5]),
                        tags=rng.choice(tags),
                    )
                )
        WorkExperience.objects.bulk_create(posts, batch_size=5000)
        # Each application keeps its profile as submitted (what application_submit stores), built here
        # from the rows just written: screening reads these snapshots, not the profile tables.
        snapshots = _snapshots(users, profiles, skills, degrees, posts)
        submitted = timezone.now() - dt.timedelta(days=2)
        Application.objects.bulk_create(
            [
                Application(
                    candidate=p,
                    vacancy=vacancy,
                    status="submitted",
                    submitted_at=submitted,
                    profile_snapshot=snapshots[p.pk],
                    profile_sha256=snapshot_sha256(snapshots[p.pk]),
                    profile_frozen_at=submitted,
                )
                for p in profiles
            ],
            batch_size=5000,
        )
    setup = time.perf_counter() - started

    started = time.perf_counter()
    report = screening_services.vacancy_screen_all(vacancy=vacancy, actor=None)
    first = time.perf_counter() - started
    started = time.perf_counter()
    screening_services.vacancy_screen_all(
        vacancy=vacancy, actor=None
    )  # again: every verdict exists, so this is an update
    second = time.perf_counter() - started
    assert Verdict.objects.filter(application__vacancy=vacancy).count() == n
    print(
        f"screening end to end ({engine}): {n} applications screened and written in {first:.1f} s "
        f"({n / first:,.0f}/s); re-screening {second:.1f} s; set-up {setup:.1f} s; "
        f"yes/no/review = {report.counts['yes']}/{report.counts['no']}/{report.counts['review']}"
    )
    return 0


def _snapshots(users: list, profiles: list, skills: list, degrees: list, posts: list) -> dict[int, dict]:  # type: ignore[type-arg]
    """The profiles in the shape of candidate.schema.json, as candidates.selectors.profile_as_contract
    gives them, keyed by profile id."""
    contracts = {
        p.pk: {
            "id": str(p.pk),
            "name": p.name,
            "email": u.email,
            "nationalities": list(p.nationalities),
            "languages": [],
            "education": [],
            "experience": [],
            "serving_staff": False,
        }
        for u, p in zip(users, profiles, strict=True)
    }
    for s in skills:
        contracts[s.profile_id]["languages"].append(
            {"language": s.language, "scale": s.scale, "level": s.level}
        )
    for e in degrees:
        contracts[e.profile_id]["education"].append(
            {
                "level": e.level,
                "field": e.field,
                "institution": e.institution,
                "completed": e.completed.isoformat(),
            }
        )
    for w in posts:
        contracts[w.profile_id]["experience"].append(
            {
                "start": w.start.isoformat(),
                "end": w.end.isoformat() if w.end else None,
                "title": w.title,
                "employer": w.employer,
                "fte": float(w.fte),
                "tags": list(w.tags),
            }
        )
    return contracts


if __name__ == "__main__":
    sys.exit(main())
