"""Load the demo: an organisation, its vacancies, one user per role and candidates with applications.

Every application goes the way a real one does: the candidate submits it through the submission service,
the screening service screens it with the eligibility kernel, and the recruiter decides the verdicts left
to review and moves it, one step of the workflow table at a time, through the transition service. The
plan (`concours.demo.plan`) only says where each application should end up, given its verdict.

Running it twice changes nothing more: every row is found by its natural key before it is created, and
only applications still waiting at "submitted" are moved. A vacancy loaded before its file had the French
of some section gets that French on the next run (the sections its French notice already has are kept).
"""

from __future__ import annotations

import datetime as dt
import os
import random
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from concours.accounts.models import Role, User
from concours.accounts.roles import ensure_role_groups, grant_role
from concours.applications.claims import ClaimInput, experience_requirements
from concours.applications.decisions import Decision
from concours.applications.models import Application
from concours.applications.services import application_submit, application_transition
from concours.applications.workflow import CANDIDATE_MOVES, DECISIONS
from concours.candidates.models import CandidateProfile
from concours.candidates.services import profile_save
from concours.demo.assessment import EXPERT_EMAIL, level_for, longlist_demo
from concours.demo.assessment import REFERENCE as LONGLIST_REFERENCE
from concours.demo.candidates import Candidate, demo_data, generate_candidates
from concours.demo.catalogue import demo_deadline, english_notice, french_notice, load_vacancies
from concours.demo.competition import REFERENCE as COMPLETED_REFERENCE
from concours.demo.competition import completed_demo
from concours.demo.documents import cv_pdf, essay_docx
from concours.demo.plan import (
    DECISION_REASONS,
    OPEN_PHASE_STATES,
    REASONS,
    Outcome,
    Planned,
    claimed_positions,
    cohort_size,
    demo_plan,
    outcomes,
)
from concours.demo.routes import route
from concours.essays.models import EssayCheck
from concours.essays.tasks import essay_check_pages
from concours.screening.models import Verdict
from concours.screening.services import vacancy_screen_all, verdict_decide
from concours.vacancies.models import StaffUnit, Vacancy, VacancyAssignment
from concours.vacancies.services import (
    orgunit_ensure_path,
    vacancy_edit_french,
    vacancy_publish,
    vacancy_save_french_notice,
    vacancy_save_from_notice,
)

SUBMITTED = Application.Status.SUBMITTED
S = Application.Status
# The demo's finished competitions are seeded decided, as if their recommendations had been approved:
# the only decisions made outside the selection app (applications/decisions.py), named so in the audit.
SEEDED = Decision("demo data: a finished competition, seeded as approved")


def demo_accounts() -> list[tuple[str, str, Role]]:
    """(e-mail, name, role) of the demo's fixed users, one per role."""
    return [(row["email"], row["name"], Role(row["role"])) for row in demo_data("accounts")["accounts"]]


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    return dt.date.fromisoformat(value if len(value) > 7 else f"{value}-01")


class Command(BaseCommand):
    help = "Load the demo organisation, vacancies, users and applications (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--candidates",
            type=int,
            default=240,
            help="Candidates applying across the vacancies; the completed competition's cohort comes on top.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("CONCOURS_DEMO_PASSWORD", "concours-demo")
        ensure_role_groups()
        accounts = demo_accounts()
        users = self._users(accounts, password)
        recruiter = users[Role.RECRUITER]
        vacancies = self._vacancies(recruiter, users)
        people = generate_candidates(options["candidates"] + cohort_size())
        published = [ref for ref, v in vacancies.items() if v.status == Vacancy.Status.PUBLISHED]
        plan = demo_plan(people, published, general=options["candidates"])
        # Background work is held back while loading (each submission would screen itself and render an
        # anonymised essay): the vacancies are screened in bulk below, and renditions are made when a
        # panel member first opens them.
        held_back = {**settings.TASKS["default"], "BACKEND": "django_tasks.backends.dummy.DummyBackend"}
        with override_settings(TASKS={"default": held_back}):  # on the same queues
            applications, created = self._applications(plan, people, vacancies, password)
            own, own_created = self._demo_candidate_applies(users[Role.CANDIDATE], vacancies)
            created += own_created
        # The essays' pages are counted by the rendering workers, as for any submission (at once with the
        # demo's immediate backend); only those still waiting, so that a second run renders nothing.
        uncounted = EssayCheck.objects.filter(status=EssayCheck.Status.PENDING).values_list("pk", flat=True)
        for check_id in uncounted:
            essay_check_pages.enqueue(check_id)
        for vacancy in vacancies.values():
            # Only where something is unscreened, so that a second run records nothing.
            waiting = Application.objects.filter(vacancy=vacancy, verdict__isnull=True).exclude(
                status=Application.Status.DRAFT
            )
            if waiting.exists():
                vacancy_screen_all(vacancy=vacancy, actor=recruiter)
        verdicts = dict(
            Verdict.objects.filter(application__in=[a.pk for a in applications.values()]).values_list(
                "application_id", "eligible"
            )
        )
        screened = {key: verdicts[a.pk] for key, a in applications.items() if a.pk in verdicts}
        # On the vacancy the demo takes through the longlist, the panel's ranking moves candidates past
        # "screened in": they stop there first, and walk on from "longlisted" once it has.
        # On the vacancy whose whole competition the demo runs, every candidate who passes screening stops
        # at "screened in": the assessment and the appointing authority's approval take them on.
        held: list[tuple[Application, Outcome]] = []
        planned: dict[int, str] = {}
        for outcome in outcomes(plan, screened, people):
            application = applications[(outcome.candidate, outcome.reference)]
            completing = outcome.reference == COMPLETED_REFERENCE and outcome.state not in OPEN_PHASE_STATES
            if completing:
                planned[application.pk] = outcome.state
                outcome = outcome._replace(state=S.SCREENED_IN, via="")
            if application.status == SUBMITTED and outcome.state != SUBMITTED:
                hold = outcome.reference == LONGLIST_REFERENCE and S.LONGLISTED in route(
                    S.SCREENED_IN, *[stop for stop in (outcome.via, outcome.state) if stop]
                )
                with transaction.atomic():
                    self._settle(
                        application,
                        outcome._replace(state=S.SCREENED_IN, via="") if hold else outcome,
                        recruiter,
                    )
                if hold:
                    held.append((application, outcome))
        if held:
            longlisted = longlist_demo(
                vacancy=vacancies[LONGLIST_REFERENCE],
                levels={application.pk: level_for(outcome.state) for application, outcome in held},
                recruiter=recruiter,
                password=password,
            )
            self.stdout.write(f"Longlist of {LONGLIST_REFERENCE}: the panel's ranking moved {longlisted} on.")
            for application, outcome in held:
                application.refresh_from_db(fields=["status"])
                with transaction.atomic():
                    self._settle(application, outcome._replace(decision=""), recruiter)
        if planned:
            completed = completed_demo(
                vacancy=vacancies[COMPLETED_REFERENCE],
                planned=planned,
                recruiter=recruiter,
                password=password,
            )
            states = ", ".join(
                f"{count} {S(status).label.lower()}" for status, count in sorted(completed.statuses.items())
            )
            self.stdout.write(
                f"Competition {COMPLETED_REFERENCE} completed ({states}); "
                f"{'a selection report made, ' if completed.report_made else ''}"
                f"{completed.mails_sent} of its mails sent."
            )
        self._demo_candidate_settles(own, recruiter)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {Vacancy.objects.count()} vacancies, "
                f"{CandidateProfile.objects.count()} candidates, "
                f"{Application.objects.count()} applications ({created} new)."
            )
        )
        self.stdout.write(
            "Sign in at http://127.0.0.1:8000/accounts/login/ with (password for all: %s):" % password
        )
        for email, _name, role in accounts:
            self.stdout.write(f"  {role.label:<15} {email}")
        self.stdout.write(f"  {'Panel (expert)':<15} {EXPERT_EMAIL}")

    def _users(self, accounts: list[tuple[str, str, Role]], password: str) -> dict[Role, User]:
        users = {}
        for email, name, role in accounts:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email=email, password=password, name=name)
                from allauth.account.models import EmailAddress

                EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            if role == Role.ADMINISTRATOR and not user.is_superuser:
                user.is_superuser = True
                user.save(update_fields=["is_superuser"])
            grant_role(user, role, actor=None)
            users[role] = user
        return users

    @transaction.atomic
    def _vacancies(self, recruiter: User, users: dict[Role, User]) -> dict[str, Vacancy]:
        today = timezone.localdate()
        vacancies = {}
        for notice in load_vacancies():
            zone = notice.get("zone") or "Europe/Brussels"
            unit = orgunit_ensure_path(
                names=list(notice.get("unit_path") or []), names_fr=list(notice.get("unit_path_fr") or [])
            )
            if unit is not None:  # the demo recruiter works for the organisation: its mails are theirs
                StaffUnit.objects.get_or_create(unit=unit.path()[0], user=recruiter)
            existing = Vacancy.objects.filter(reference=notice.get("reference") or "").first()
            if existing is not None:
                vacancies[existing.reference] = self._french_filled(existing, notice, recruiter)
                continue
            vacancy, _ = vacancy_save_from_notice(
                notice=english_notice(notice),
                deadline=demo_deadline(notice, today=today),
                actor=recruiter,
                unit=unit,
                zone=zone,
                title_fr=notice.get("title_fr") or "",
            )
            # Its French notice, as a recruiter imports it, while the vacancy is still a draft.
            vacancy = vacancy_save_french_notice(
                vacancy=vacancy, notice_fr=french_notice(notice), source_text_fr="", actor=recruiter
            )
            if notice.get("status", "published") == "published":
                # A campaign whose deadline has passed was published in its time, before the deadline.
                deadline = vacancy.deadline or timezone.now()
                published_at = min(timezone.now(), deadline - dt.timedelta(days=30))
                vacancy = vacancy_publish(vacancy=vacancy, actor=recruiter, now=published_at)
            for role, kind in (
                (Role.PANEL_MEMBER, VacancyAssignment.Role.PANEL_MEMBER),
                (Role.HIRING_MANAGER, VacancyAssignment.Role.HIRING_MANAGER),
            ):
                if len(vacancies) % 2 == 0:
                    VacancyAssignment.objects.get_or_create(vacancy=vacancy, user=users[role], role=kind)
            vacancies[vacancy.reference] = vacancy
        return vacancies

    def _french_filled(self, vacancy: Vacancy, notice: dict[str, Any], recruiter: User) -> Vacancy:
        """The vacancy, with the French of each section its French notice lacks and the demo file has
        (a demo loaded before the file had it); the French it already has, maybe corrected, is kept."""
        current = {**({"title": vacancy.title_fr} if vacancy.title_fr else {}), **vacancy.notice_fr}
        missing = {key: text for key, text in french_notice(notice).items() if not current.get(key)}
        if not missing:
            return vacancy
        if vacancy.status == Vacancy.Status.CLOSED:
            # A closed vacancy is no longer edited, in French either.
            self.stdout.write(
                f"Vacancy {vacancy.reference} is closed: its French notice is left without "
                f"{', '.join(sorted(missing))}."
            )
            return vacancy
        return vacancy_edit_french(vacancy=vacancy, notice_fr={**current, **missing}, actor=recruiter)

    def _applications(
        self, plan: list[Planned], people: list[Candidate], vacancies: dict[str, Vacancy], password: str
    ) -> tuple[dict[tuple[int, str], Application], int]:
        """Every planned application, by (candidate index, reference), made now unless it exists."""
        by_email = {person["email"]: index for index, person in enumerate(people)}
        found = {
            (by_email[email], reference): application
            for application, email, reference in (
                (a, a.candidate.user.email, a.vacancy.reference)
                for a in Application.objects.filter(vacancy__in=vacancies.values()).select_related(
                    "candidate__user", "vacancy"
                )
            )
            if email in by_email
        }
        profiles: dict[int, CandidateProfile] = {}
        # Hashing is deliberately slow; the demo candidates share one password, so hash it once.
        password_hash = make_password(password)
        rng = random.Random(7)
        created = 0
        for row in plan:
            if (row.candidate, row.reference) in found:
                continue
            profile = profiles.get(row.candidate) or self._candidate(people[row.candidate], password_hash)
            profiles[row.candidate] = profile
            with transaction.atomic():
                found[(row.candidate, row.reference)] = self._apply(
                    profile, vacancies[row.reference], row.state, rng, claim=True
                )
            created += 1
        return found, created

    def _candidate(self, person: Candidate, password_hash: str) -> CandidateProfile:
        existing = CandidateProfile.objects.filter(user__email=person["email"]).first()
        if existing is not None:
            return existing
        with transaction.atomic():
            user = User.objects.create(email=person["email"], password=password_hash, name=person["name"])
            grant_role(user, Role.CANDIDATE, actor=None)
            return self._profile(user, person)

    def _profile(self, user: User, person: Candidate) -> CandidateProfile:
        """The person's profile (candidate.schema.json shape), saved by the profile service."""
        return profile_save(
            user=user,
            name=person["name"],
            nationalities=person["nationalities"],
            serving_staff=bool(person.get("serving_staff")),
            languages=[
                {"language": s["language"], "scale": s.get("scale", "NATO"), "level": s["level"]}
                for s in person["languages"]
            ],
            education=[
                {
                    "level": e["level"],
                    "field": e.get("field", ""),
                    "institution": e.get("institution", ""),
                    "completed": _date(e.get("completed")),
                }
                for e in person["education"]
            ],
            experience=[
                {
                    "title": p.get("title", ""),
                    "employer": p.get("employer", ""),
                    "start": _date(p["start"]),
                    "end": _date(p.get("end")),
                    "fte": p.get("fte", 1),
                    "tags": p.get("tags", []),
                }
                for p in person["experience"]
            ],
            actor=user,
        )

    def _demo_candidate_applies(
        self, user: User, vacancies: dict[str, Vacancy]
    ) -> tuple[list[tuple[Application, str]], int]:
        """The demo account candidate@example.org gets its profile (data/demo_candidate.json) and applies
        as any candidate does; returns each application with where it should end, and how many are new."""
        data = demo_data("demo_candidate")
        profile = CandidateProfile.objects.filter(user=user).first()
        if profile is None:
            with transaction.atomic():
                profile = self._profile(user, {"name": user.name, **data["profile"]})
        rng = random.Random(11)
        own: list[tuple[Application, str]] = []
        created = 0
        for row in data["applications"]:
            vacancy = vacancies[row["reference"]]
            application = Application.objects.filter(candidate=profile, vacancy=vacancy).first()
            if application is None:
                state = S.DRAFT if row["goal"] == S.DRAFT else S.SUBMITTED
                with transaction.atomic():
                    application = self._apply(profile, vacancy, state, rng)
                created += 1
            own.append((application, row["goal"]))
        return own, created

    def _demo_candidate_settles(self, own: list[tuple[Application, str]], recruiter: User) -> None:
        """After screening: the recruiter confirms what screening left to review and screens the
        application in, or Camille withdraws; only applications still waiting at "submitted" move."""
        for application, goal in own:
            application.refresh_from_db(fields=["status"])
            if application.status != SUBMITTED or goal in (S.DRAFT, S.SUBMITTED):
                continue
            with transaction.atomic():
                if goal == S.WITHDRAWN:
                    application_transition(
                        application=application, to=S.WITHDRAWN, reason="", actor=application.candidate.user
                    )
                    continue
                verdict = Verdict.objects.get(application=application)
                if verdict.eligible == "review" and not verdict.decision:
                    verdict_decide(
                        verdict=verdict, eligible="yes", reason=DECISION_REASONS["yes"], actor=recruiter
                    )
                    application.refresh_from_db(fields=["status"])
                    verdict.refresh_from_db()
                if application.status == SUBMITTED and verdict.final == "yes":
                    application_transition(
                        application=application,
                        to=goal,
                        reason=REASONS[goal],
                        actor=recruiter,
                        decision=SEEDED if goal in DECISIONS else None,
                    )

    def _apply(
        self,
        profile: CandidateProfile,
        vacancy: Vacancy,
        state: str,
        rng: random.Random,
        *,
        claim: bool = False,
    ) -> Application:
        """The candidate's part: a draft, or a submission with a CV and, where asked, an essay; with
        `claim`, the posts the candidate claims for each experience requirement (`_claims`)."""
        if state == Application.Status.DRAFT:
            return Application.objects.create(candidate=profile, vacancy=vacancy)
        deadline = vacancy.deadline or timezone.now()
        submitted_at = min(timezone.now(), deadline) - dt.timedelta(days=rng.randint(1, 20))
        return application_submit(
            candidate=profile,
            vacancy=vacancy,
            cv=SimpleUploadedFile("cv.pdf", cv_pdf(profile.name), content_type="application/pdf"),
            essay=SimpleUploadedFile(
                f"{vacancy.reference} Key challenges.docx", essay_docx(vacancy.reference, profile.name)
            )
            if vacancy.essay_rules
            else None,
            actor=profile.user,
            now=submitted_at,
            claims=self._claims(profile, vacancy) if claim else None,
        )

    def _claims(self, profile: CandidateProfile, vacancy: Vacancy) -> list[ClaimInput] | None:
        """For each experience requirement of the notice, the candidate's posts that show it, chosen as a
        candidate does on the apply page (`claimed_positions` reads the posts' titles, employers, tags)."""
        posts = list(profile.experience.all())
        positions = claimed_positions(
            [{"title": post.title, "employer": post.employer, "tags": post.tags} for post in posts],
            vacancy.reference,
        )
        if positions is None:
            return None
        return [
            ClaimInput(requirement.key, tuple(posts[i].pk for i in positions[requirement.index]))
            for requirement in experience_requirements(vacancy)
            if requirement.index < len(positions)
        ]

    def _settle(self, application: Application, outcome: Outcome, recruiter: User) -> None:
        """Decide the verdict if the plan says so, then walk the workflow to the planned state."""
        if outcome.decision:
            verdict = Verdict.objects.get(application=application)
            verdict_decide(
                verdict=verdict,
                eligible=outcome.decision,
                reason=DECISION_REASONS[outcome.decision],
                actor=recruiter,
            )
            # Deciding may itself move the application (screened in or out): walk on from where it is.
            application.refresh_from_db(fields=["status"])
        stops = [state for state in (outcome.via, outcome.state) if state]
        for step in route(application.status, *stops):
            # Withdrawing is the candidate's own move; every other one is the recruiter's, with a reason.
            by_candidate = step in CANDIDATE_MOVES
            application = application_transition(
                application=application,
                to=step,
                reason="" if by_candidate else REASONS[step],
                actor=application.candidate.user if by_candidate else recruiter,
                decision=SEEDED if step in DECISIONS else None,
            )
