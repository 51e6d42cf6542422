"""The demo loader: every state reached the real way, in agreement with the kernel, and only once.

The demo is loaded once for the module (it takes half a minute) inside a transaction that is rolled back
at the end, with uploads in a temporary folder; each test then reads what it left.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test.utils import override_settings

from concours.accounts.models import Role, User
from concours.applications.claims import experience_requirements
from concours.applications.models import Application, ExperienceClaim, Transition
from concours.applications.workflow import TRANSITIONS
from concours.assessment.models import Consensus, Declaration, Scorecard, Stage, TestResult
from concours.candidates.models import CandidateProfile
from concours.candidates.selectors import profile_as_contract
from concours.core.models import AuditEvent
from concours.demo.competition import DATA as COMPETITION
from concours.demo.management.commands.load_demo import demo_accounts
from concours.kernel.eligibility import compile_requirements, screen_compiled
from concours.kernel.eligibility.claims import Claim
from concours.notifications.models import OutboxMail
from concours.screening.models import Verdict
from concours.screening.requirements import vacancy_requirements
from concours.selection.models import Recommendation, ReserveEntry, Review, SelectionReport
from concours.selection.reporting import may_read_reports, report_bytes
from concours.vacancies.models import Post, Vacancy

pytestmark = pytest.mark.django_db

S = Application.Status
# Every state an application reaches only once screening has let it through.
PASSED_SCREENING = {S.SCREENED_IN, S.LONGLISTED, S.SHORTLISTED, S.RESERVE, S.SELECTED, S.NOT_SELECTED}


def counts() -> dict[str, int]:
    return {
        "vacancies": Vacancy.objects.count(),
        "posts": Post.objects.count(),
        "users": User.objects.count(),
        "candidates": CandidateProfile.objects.count(),
        "applications": Application.objects.count(),
        "transitions": Transition.objects.count(),
        "verdicts": Verdict.objects.count(),
        "decisions": Verdict.objects.exclude(decision="").count(),
        "audit events": AuditEvent.objects.count(),
        "scorecards": Scorecard.objects.count(),
        "test results": TestResult.objects.count(),
        "reviews": Review.objects.count(),
        "reserve entries": ReserveEntry.objects.count(),
        "reports": SelectionReport.objects.count(),
        "mails": OutboxMail.objects.count(),
        "mails sent": OutboxMail.objects.filter(state=OutboxMail.State.SENT).count(),
    }


@dataclass(frozen=True)
class Loaded:
    first: dict[str, int]
    second: dict[str, int]
    output: str
    media: Path


@pytest.fixture(scope="module")
def demo(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Loaded]:
    media = tmp_path_factory.mktemp("media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Loaded as `make demo` loads it, each step committing (no outer transaction): what a step leaves
    # for after its commit (the "received" mail of a submission) is there before the next step, as in a
    # real run. The database is emptied afterwards for the other modules' tests.
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast):
        try:
            out = io.StringIO()
            call_command("load_demo", stdout=out)
            first = counts()
            call_command("load_demo", stdout=io.StringIO())
            yield Loaded(first, counts(), out.getvalue(), media)
        finally:
            call_command("flush", interactive=False, verbosity=0)


def test_a_second_run_adds_nothing(demo: Loaded) -> None:
    """Loading the demo again leaves every table as it was, the audit trail included."""
    assert demo.second == demo.first


def test_the_demo_keeps_its_shape(demo: Loaded) -> None:
    """Seven vacancies, the candidates and applications the README states, every state, every role."""
    assert demo.first["vacancies"] == 7
    # 229 generated candidates and their 351 applications; the completed competition's cohort: 38
    # candidates, one application each; and the demo account candidate@example.org with its own 4.
    assert (demo.first["candidates"], demo.first["applications"]) == (268, 393)
    assert set(Application.objects.values_list("status", flat=True)) == set(S.values)
    for role in Role:
        assert User.objects.filter(groups__name=role.value).exists(), role
    essays = sorted(demo.media.rglob("essay-*"))  # stored under a name of their own, without extension
    assert essays and zipfile.is_zipfile(essays[0]), "no essay (.docx) was uploaded"


def test_the_output_gives_every_account_and_the_password(demo: Loaded) -> None:
    """The operator reads how to sign in: each demo account and the shared password."""
    assert "393 applications (393 new)" in demo.output
    assert "password for all: concours-demo" in demo.output
    for email, _name, role in demo_accounts():
        assert email in demo.output
        assert User.objects.get(email=email).groups.filter(name=role.value).exists()


def test_the_demo_candidate_has_a_profile_and_applications_in_several_states(demo: Loaded) -> None:
    """candidate@example.org signs in to a full profile (nationality, languages on the NATO scale,
    education, posts) and applications made the real way: a draft, a submitted one, one screened in by
    the recruiter's decision on what screening left to review, and one withdrawn by the candidate."""
    profile = CandidateProfile.objects.get(user__email="candidate@example.org")
    assert profile.name == "Camille Candidate" and profile.nationalities == ["FR"]
    assert {(skill.language, skill.scale, skill.level) for skill in profile.languages.all()} >= {
        ("fr", "NATO", "VI"),
        ("en", "NATO", "V"),
    }
    assert profile.education.count() == 2 and profile.experience.count() == 3
    applications = Application.objects.filter(candidate=profile).select_related("vacancy")
    states = {application.vacancy.reference: application.status for application in applications}
    assert states == {
        "260142": S.SCREENED_IN,
        "260139": S.SUBMITTED,
        "260151": S.WITHDRAWN,
        "260163": S.DRAFT,
    }
    screened_in = applications.get(status=S.SCREENED_IN)
    assert screened_in.verdict.eligible == "review" and screened_in.verdict.decided_eligible == "yes"
    withdrawn = applications.get(status=S.WITHDRAWN)
    assert withdrawn.transitions.get(to_status=S.WITHDRAWN).actor == profile.user
    assert screened_in.attachments.filter(kind="cv").exists()


def test_every_verdict_is_what_the_kernel_says(demo: Loaded) -> None:
    """Each stored verdict is the kernel's, screened again here from the profile, the notice and the posts
    claimed for each experience requirement."""
    applications = (
        Application.objects.exclude(status=S.DRAFT)
        .select_related("vacancy", "verdict", "candidate__user")
        .prefetch_related("candidate__languages", "candidate__education", "candidate__experience", "claims")
    )
    requirements = {}
    indexes: dict[int, dict[str, int]] = {}
    for application in applications:
        vacancy = application.vacancy
        if vacancy.pk not in requirements:
            requirements[vacancy.pk] = compile_requirements(vacancy_requirements(vacancy))
            indexes[vacancy.pk] = {r.key: r.index for r in experience_requirements(vacancy)}
        assert application.submitted_at is not None
        claims = {
            indexes[vacancy.pk][claim.requirement_key]: Claim(tuple(claim.counted_posts), bool(claim.review))
            for claim in application.claims.all()
        }
        verdict = screen_compiled(
            profile_as_contract(application.candidate),
            requirements[vacancy.pk],
            on=application.submitted_at.astimezone(ZoneInfo(vacancy.zone)).date(),
            submitted_at=application.submitted_at,
            claims=claims or None,
        )
        assert application.verdict.eligible == verdict.eligible, application


def test_every_vacancy_with_submissions_has_eligible_applicants(demo: Loaded) -> None:
    """Each published or closed demo vacancy that received applications has at least one whose final
    verdict is eligible: its applicants claimed, requirement by requirement, the posts that show it."""
    vacancies = Vacancy.objects.filter(status__in=[Vacancy.Status.PUBLISHED, Vacancy.Status.CLOSED])
    checked = 0
    for vacancy in vacancies:
        verdicts = Verdict.objects.filter(application__vacancy=vacancy).exclude(application__status=S.DRAFT)
        if not verdicts.exists():
            continue
        checked += 1
        finals = [verdict.final for verdict in verdicts]
        assert "yes" in finals, (vacancy.reference, sorted(finals))
    assert checked >= 6
    assert ExperienceClaim.objects.filter(application__vacancy__reference="260139").exclude(posts=[]).exists()


def test_each_state_agrees_with_its_verdict(demo: Loaded) -> None:
    """Past screening only with an eligible verdict; screened out only when not eligible; the recruiter
    decides only what screening left to review."""
    verdicts = Verdict.objects.select_related("application")
    assert verdicts.filter(application__status__in=PASSED_SCREENING).exists()
    for verdict in verdicts:
        status = verdict.application.status
        if status in PASSED_SCREENING:
            assert verdict.final == "yes", (status, verdict.eligible, verdict.decided_eligible)
        if status == S.SCREENED_OUT:
            assert verdict.final == "no", (status, verdict.eligible, verdict.decided_eligible)
        if verdict.decision:
            assert verdict.eligible == "review"
    assert not Verdict.objects.filter(application__status=S.DRAFT).exists()


def test_every_state_was_reached_by_moves_the_workflow_allows(demo: Loaded) -> None:
    """Each application's transitions chain from draft to its state, each move one the table allows."""
    moves = Transition.objects.order_by("at", "id").values_list("application_id", "from_status", "to_status")
    history: dict[int, list[tuple[str, str]]] = {}
    for application_id, from_status, to_status in moves:
        assert to_status in TRANSITIONS[from_status], (from_status, to_status)
        history.setdefault(application_id, []).append((from_status, to_status))
    for pk, status in Application.objects.values_list("pk", "status"):
        steps = history.get(pk, [])
        if status == S.DRAFT:
            assert steps == []
            continue
        assert steps[0][0] == S.DRAFT and steps[-1][1] == status, steps
        assert all(before[1] == after[0] for before, after in pairwise(steps)), steps


# ---------------------------------------------------------------------------------------------------
# The completed competition


def _completed() -> Vacancy:
    return Vacancy.objects.get(reference=COMPETITION["reference"])


def test_the_completed_competition_went_through_every_stage(demo: Loaded) -> None:
    """Its panel declared (one conflict) and scored the longlist and the interviews, the chair agreed
    the scores, the test's results were imported, and the longlist and shortlist were confirmed."""
    vacancy = _completed()
    stages = {stage.key: stage for stage in Stage.objects.filter(vacancy=vacancy)}
    assert {"longlist", "test", "shortlist", "final", "selection"} <= set(stages)
    assert Declaration.objects.filter(member__vacancy=vacancy, conflicted=True).count() == 1
    for key in ("longlist", "final"):
        assert Scorecard.objects.filter(stage=stages[key], status="submitted").exists(), key
        assert Consensus.objects.filter(stage=stages[key]).exists(), key
    assert TestResult.objects.filter(application__vacancy=vacancy).exists()
    moves = Transition.objects.filter(application__vacancy=vacancy)
    for stage, status in (("longlist", S.LONGLISTED), ("shortlist", S.SHORTLISTED)):
        moved = moves.filter(to_status=status)
        assert moved.exists() and all(move.reason.startswith(stages[stage].name) for move in moved), stage
    assert f"Competition {vacancy.reference} completed" in demo.output


def test_the_completed_competition_selects_one_per_post_and_keeps_a_reserve_list(demo: Loaded) -> None:
    """The appointing authority approved, after returning it once with a comment, a recommendation
    drawn from the last stage's ranking: one candidate selected per post, two on the reserve list, and
    everyone else who passed screening not selected. Only the approval moved them."""
    vacancy = _completed()
    recommendation = Recommendation.objects.get(vacancy=vacancy)
    assert recommendation.status == Recommendation.Status.APPROVED
    assert recommendation.decided_by is not None
    assert recommendation.decided_by.email == COMPETITION["authority"]
    assert list(recommendation.reviews.order_by("id").values_list("outcome", flat=True)) == [
        Review.Outcome.RETURNED,
        Review.Outcome.APPROVED,
    ]
    assert (
        recommendation.reviews.get(outcome=Review.Outcome.RETURNED).comments == COMPETITION["return_comment"]
    )
    posts = list(vacancy.posts.all())
    assert posts and recommendation.selections.count() == len(posts)
    for post in posts:
        assert recommendation.selections.get(post=post).application.status == S.SELECTED
    statuses = [
        status for status in Application.objects.filter(vacancy=vacancy).values_list("status", flat=True)
    ]
    assert statuses.count(S.SELECTED) == len(posts)
    entries = ReserveEntry.objects.filter(recommendation=recommendation)
    assert entries.count() >= 2
    assert all(entry.application.status == S.RESERVE for entry in entries)
    assert not {S.SCREENED_IN, S.LONGLISTED, S.SHORTLISTED, S.SUBMITTED} & set(statuses)
    assert statuses.count(S.NOT_SELECTED) >= 3
    # The ranking's order is the decision's: the first ones selected, the next two on the reserve list.
    ranked = [int(row["application"]) for row in sorted(recommendation.ranking, key=lambda row: row["rank"])]
    selected = set(recommendation.selections.values_list("application_id", flat=True))
    assert selected == set(ranked[: len(posts)])
    assert set(entries.values_list("application_id", flat=True)) == set(ranked[len(posts) : len(posts) + 2])
    for move in Transition.objects.filter(
        application__vacancy=vacancy, to_status__in=[S.SELECTED, S.RESERVE]
    ):
        assert "approved by" in move.reason, move.reason


def test_the_completed_competition_has_its_report(demo: Loaded) -> None:
    """A selection report, its stored PDF matching the SHA-256 kept with it; the appointing authority
    and the recruiters may read it, the panel may not."""
    vacancy = _completed()
    report = SelectionReport.objects.get(vacancy=vacancy)
    with override_settings(MEDIA_ROOT=demo.media):  # where the demo stored it, not this test's folder
        data = report_bytes(report)
    assert data.startswith(b"%PDF-")
    assert hashlib.sha256(data).hexdigest() == report.sha256
    for email, allowed in (
        (COMPETITION["authority"], True),
        ("recruiter@example.org", True),
        ("panel@example.org", False),
    ):
        assert may_read_reports(vacancy=vacancy, user=User.objects.get(email=email)) is allowed, email


def test_the_outbox_shows_the_completed_competitions_mails(demo: Loaded) -> None:
    """Each candidate was told each outcome, and every mail of the competition left through the outbox:
    received, screened out, shortlisted, then selected, reserve list or not selected."""
    vacancy = _completed()
    mails = OutboxMail.objects.filter(application__vacancy=vacancy)
    assert set(mails.values_list("state", flat=True)) == {OutboxMail.State.SENT}
    assert all(mail.sent_at and mail.attempts == 1 for mail in mails)
    told = {(mail.application_id, mail.outcome) for mail in mails}
    expected = {
        (application.pk, application.status)
        for application in Application.objects.filter(vacancy=vacancy).exclude(
            status__in=[S.DRAFT, S.WITHDRAWN]
        )
    } | {
        (move.application_id, S.SHORTLISTED)
        for move in Transition.objects.filter(application__vacancy=vacancy, to_status=S.SHORTLISTED)
    }
    assert expected <= told
    assert {outcome for _pk, outcome in told} == {
        "received",
        "screened_out",
        "shortlisted",
        "selected",
        "reserve",
        "not_selected",
    }
