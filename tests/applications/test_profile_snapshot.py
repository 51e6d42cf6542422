"""The profile as submitted is frozen on the application: screening and recruiters read it, not the
live profile, so that a candidate's later edits change only later applications."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import json

import pytest
from django.apps import apps as django_apps
from django.test import TestCase
from django.urls import reverse

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.applications.services import application_submit
from concours.candidates.models import CandidateProfile
from concours.candidates.selectors import profile_as_contract
from concours.candidates.services import profile_save
from concours.screening.models import Verdict
from concours.screening.services import application_screen, vacancy_screen_all
from factories import ProfileFactory, VacancyFactory, cv_upload, make_user

pytestmark = pytest.mark.django_db

NATO_NOTICE = {
    "organisation": "NATO",
    "title": "Policy Officer",
    "location": "Brussels, Belgium",
    "nationality_restriction": None,
    "essential_qualifications": ["have a university degree in a relevant field;"],
    "experience": [{"min_years": 5, "max_years": None, "of": "policy development"}],
    "degree": {"min_level": "bachelor", "preferred_level": "master"},
    "languages": {
        "scale": "NATO",
        "any_of": [
            [{"language": "en", "min_level": "V"}, {"language": "fr", "min_level": "II"}],
            [{"language": "fr", "min_level": "V"}, {"language": "en", "min_level": "II"}],
        ],
    },
    "essay": None,
}


def submit(profile: CandidateProfile, vacancy=None) -> Application:  # type: ignore[no-untyped-def]
    with TestCase.captureOnCommitCallbacks(execute=True):  # screening runs when the submission commits
        return application_submit(
            candidate=profile,
            vacancy=vacancy or VacancyFactory(notice=NATO_NOTICE),
            cv=cv_upload(),
            essay=None,
            actor=profile.user,
        )


def become_swiss_at_another_employer(profile: CandidateProfile) -> None:
    """What the candidate of the issue did after the deadline, through the profile page's service."""
    profile_save(
        user=profile.user,
        name=profile.name,
        nationalities=["CH"],
        languages=[{"language": "en", "scale": "NATO", "level": "V"}],
        education=[{"level": "master", "field": "Law", "completed": dt.date(2011, 6, 1)}],
        experience=[
            {
                "title": "Counsel",
                "employer": "Swiss Re",
                "start": dt.date(2015, 1, 1),
                "end": None,
                "fte": 1,
                "tags": ["policy"],
            }
        ],
        actor=profile.user,
    )


def canonical_sha256(value: object) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_a_profile_edited_after_submission_changes_neither_the_snapshot_nor_the_page_nor_the_verdict(
    client,  # type: ignore[no-untyped-def]
) -> None:
    """Nationality and employer changed after the deadline: recruiters and screening still see the
    profile as submitted; the next application takes the new profile."""
    profile = ProfileFactory(nationalities=["BE"])
    submitted_as = profile_as_contract(CandidateProfile.objects.get(pk=profile.pk))
    application = submit(profile)
    verdict = Verdict.objects.get(application=application)
    assert verdict.eligible == "yes"

    become_swiss_at_another_employer(profile)

    application.refresh_from_db()
    assert application.profile_snapshot == submitted_as
    assert application.profile_frozen_at == application.submitted_at
    again = application_screen(application=application)
    assert (again.eligible, again.checks) == (verdict.eligible, verdict.checks)
    vacancy_screen_all(vacancy=application.vacancy, actor=None)
    rescreened = Verdict.objects.get(application=application)
    assert (rescreened.eligible, rescreened.checks) == (verdict.eligible, verdict.checks)

    client.force_login(make_user(Role.RECRUITER))
    page = client.get(reverse("backoffice:application", args=[application.pk])).content.decode()
    assert "Belgium" in page and "Ministry" in page and "International relations" in page
    assert "Switzerland" not in page and "Swiss Re" not in page and "Law" not in page
    assert "Kept at submission" in page

    later = submit(profile)
    assert later.profile_snapshot["nationalities"] == ["CH"]
    assert Verdict.objects.get(application=later).eligible == "no"


def test_the_stored_hash_is_the_sha256_of_the_stored_json() -> None:
    """The hash can be checked again from the JSON as the database gives it back (jsonb reorders keys)."""
    application = submit(ProfileFactory(nationalities=["FR", "BE"], name="Zoë Ñúñez"))
    snapshot, digest = Application.objects.values_list("profile_snapshot", "profile_sha256").get(
        pk=application.pk
    )
    assert snapshot["name"] == "Zoë Ñúñez" and snapshot["nationalities"] == ["FR", "BE"]
    assert len(digest) == 64 and digest == canonical_sha256(snapshot)
    assert digest != canonical_sha256({**snapshot, "nationalities": ["BE"]})


def test_older_submissions_get_the_current_profile_and_the_page_says_it_was_kept_later(
    client, capsys
) -> None:  # type: ignore[no-untyped-def]
    """The data migration fills applications submitted before snapshots from the current profile,
    marks when, and leaves drafts and applications that have one alone."""
    migration = importlib.import_module(
        "concours.applications.migrations.0003_keep_profiles_of_past_submissions"
    )
    older = submit(ProfileFactory(nationalities=["BE"]))
    kept = submit(ProfileFactory(nationalities=["NL"]))
    Application.objects.filter(pk=older.pk).update(
        profile_snapshot=None, profile_sha256="", profile_frozen_at=None
    )
    draft = Application.objects.create(candidate=ProfileFactory(), vacancy=older.vacancy)
    kept_before = Application.objects.values_list(
        "profile_snapshot", "profile_sha256", "profile_frozen_at"
    ).get(pk=kept.pk)

    migration.keep_current_profiles(django_apps, None)
    assert "Kept the current profile of 1 application(s)" in capsys.readouterr().out

    older.refresh_from_db()
    assert older.profile_snapshot == profile_as_contract(older.candidate)
    assert older.profile_sha256 == canonical_sha256(older.profile_snapshot)
    assert older.profile_frozen_at is not None and older.profile_frozen_at > older.submitted_at
    assert (
        Application.objects.values_list("profile_snapshot", "profile_sha256", "profile_frozen_at").get(
            pk=kept.pk
        )
        == kept_before
    )
    draft.refresh_from_db()
    assert draft.profile_snapshot is None
    client.force_login(make_user(Role.RECRUITER))
    page = client.get(reverse("backoffice:application", args=[older.pk])).content.decode()
    assert "after the submission" in page and "Belgium" in page
