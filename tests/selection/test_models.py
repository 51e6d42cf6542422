"""The selection models' own guarantees: a report cannot be changed once made, one selection per post,
and an application selected for at most one post, held by the database whatever the code does."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.selection.models import PostSelection, Recommendation, SelectionReport
from factories import ApplicationFactory, VacancyFactory, make_user

pytestmark = pytest.mark.django_db


def test_a_report_is_kept_as_made() -> None:
    vacancy = VacancyFactory()
    data = b"%PDF-1.7 report"
    report = SelectionReport(
        vacancy=vacancy,
        language="en",
        sha256=hashlib.sha256(data).hexdigest(),
        made_by=make_user(Role.RECRUITER),
    )
    report.file.save("report.pdf", ContentFile(data), save=False)
    report.save()
    with report.file.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == report.sha256
    report.language = "fr"
    with pytest.raises(ValueError):
        report.save()
    assert SelectionReport.objects.get().language == "en"


def test_the_database_holds_one_selection_per_post_and_one_post_per_candidate() -> None:
    vacancy = VacancyFactory(posts=2)
    first, second = vacancy.posts.all()
    one, other = (
        ApplicationFactory(vacancy=vacancy, status=Application.Status.SHORTLISTED) for _ in range(2)
    )
    recommendation = Recommendation.objects.create(vacancy=vacancy)
    PostSelection.objects.create(recommendation=recommendation, post=first, application=one, reason="Best")
    with pytest.raises(IntegrityError), transaction.atomic():
        PostSelection.objects.create(
            recommendation=recommendation, post=second, application=one, reason="Too"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        PostSelection.objects.create(
            recommendation=recommendation, post=first, application=other, reason="Too"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        PostSelection.objects.create(recommendation=recommendation, post=second, application=other, reason="")
    PostSelection.objects.create(recommendation=recommendation, post=second, application=other, reason="Next")
    assert PostSelection.objects.count() == 2
