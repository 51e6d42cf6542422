"""Load the demo: an organisation, its vacancies, one user per role and candidates with applications.

Running it twice changes nothing more: every row is found by its natural key before it is created.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from concours.accounts.models import Role, User
from concours.accounts.roles import ensure_role_groups, grant_role
from concours.applications.models import Application
from concours.applications.services import application_submit, application_transition
from concours.candidates.models import CandidateProfile
from concours.candidates.services import profile_save
from concours.demo.candidates import STATE_PATHS, application_plan, generate_candidates
from concours.kernel.eligibility import compile_requirements, screen_compiled
from concours.screening.requirements import vacancy_requirements
from concours.screening.services import vacancy_screen_all
from concours.vacancies.models import Vacancy, VacancyAssignment
from concours.vacancies.services import orgunit_ensure_path, vacancy_publish, vacancy_save_from_notice

DEMO_USERS = [
    ("admin@example.org", "Alex Administrator", Role.ADMINISTRATOR),
    ("recruiter@example.org", "Rita Recruiter", Role.RECRUITER),
    ("panel@example.org", "Paul Panel", Role.PANEL_MEMBER),
    ("manager@example.org", "Hanna Manager", Role.HIRING_MANAGER),
    ("candidate@example.org", "Camille Candidate", Role.CANDIDATE),
]


def demo_notices() -> list[dict[str, Any]]:
    folder = resources.files("concours.demo") / "vacancies"
    return [
        json.loads(item.read_text("utf-8"))
        for item in sorted(folder.iterdir(), key=lambda i: i.name)
        if item.name.endswith(".json")
    ]


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    return dt.date.fromisoformat(value if len(value) > 7 else f"{value}-01")


def _pdf_cv(name: str) -> bytes:
    text = f"Curriculum vitae - {name}".replace("(", "").replace(")", "")
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.writelines(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _essay(reference: str, name: str) -> bytes:
    from docx import Document
    from docx.shared import Mm

    document = Document()
    document.core_properties.title = f"{reference} Key challenges"
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # python-docx's default is Letter
    document.add_heading(f"{reference} – Key challenges", level=1)
    document.add_paragraph(
        f"{name} sets out how the three key challenges of the post would be addressed in the first year."
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# States only an eligible candidate reaches, the furthest first.
ADVANCED = ["selected", "reserve", "shortlisted", "not_selected", "longlisted", "screened_in"]
# The other states, those that suit an ineligible candidate last.
OTHERS = ["draft", "submitted", "withdrawn", "screened_out"]
ELIGIBILITY_ORDER = {"yes": 0, "review": 1, "no": 2}


def coherent_plan(
    plan: list[tuple[int, str, str]], people: list[dict[str, Any]], vacancies: dict[str, Vacancy]
) -> list[tuple[int, str, str]]:
    """The same states per vacancy, given to candidates whose eligibility makes them plausible.

    The synthetic plan picks states by chance; here the kernel screens each planned application first,
    so that the longlist, shortlist and selection hold eligible candidates and the ineligible are
    screened out, as a recruiter would have done.
    """
    today = timezone.localdate()
    by_vacancy: dict[str, list[tuple[int, str]]] = {}
    for index, reference, target in plan:
        by_vacancy.setdefault(reference, []).append((index, target))
    result = []
    for reference, rows in by_vacancy.items():
        requirements = compile_requirements(vacancy_requirements(vacancies[reference]))
        eligibility = {
            index: screen_compiled(people[index], requirements, on=today).eligible for index, _ in rows
        }
        candidates = sorted(
            (index for index, _ in rows), key=lambda i: (ELIGIBILITY_ORDER[eligibility[i]], i)
        )
        targets = sorted((t for _, t in rows), key=lambda t: (ADVANCED + OTHERS).index(t))
        for index, target in zip(candidates, targets, strict=True):
            if target in ADVANCED and eligibility[index] == "no":
                target = "screened_out"
            elif target == "screened_out" and eligibility[index] == "yes":
                target = "screened_in"
            result.append((index, reference, target))
    return result


class Command(BaseCommand):
    help = "Load the demo organisation, vacancies, users and applications (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--candidates", type=int, default=240)

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("CONCOURS_DEMO_PASSWORD", "concours-demo")
        ensure_role_groups()
        users = self._users(password)
        recruiter = users[Role.RECRUITER]
        vacancies = self._vacancies(recruiter, users)
        # Background work is held back while loading (each submission would screen itself and render an
        # anonymised essay); the vacancies are then screened in bulk, and renditions are made when a
        # panel member first opens them.
        with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
            created = self._applications(options["candidates"], vacancies, recruiter, password)
        for vacancy in vacancies.values():
            if vacancy.status != Vacancy.Status.DRAFT:
                vacancy_screen_all(vacancy=vacancy, actor=recruiter)
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
        for email, _name, role in DEMO_USERS:
            self.stdout.write(f"  {role.label:<15} {email}")

    def _users(self, password: str) -> dict[Role, User]:
        users = {}
        for email, name, role in DEMO_USERS:
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
        for notice in demo_notices():
            zone = notice.get("zone") or "Europe/Brussels"
            day = today + dt.timedelta(days=int(notice.get("deadline_offset_days", 30)))
            deadline = dt.datetime.combine(day, dt.time(23, 59), tzinfo=ZoneInfo(zone))
            unit = orgunit_ensure_path(names=list(notice.get("unit_path") or []))
            existing = Vacancy.objects.filter(reference=notice.get("reference") or "").first()
            if existing is not None:
                vacancies[existing.reference] = existing
                continue
            vacancy, _ = vacancy_save_from_notice(
                notice=notice,
                deadline=deadline,
                actor=recruiter,
                unit=unit,
                zone=zone,
                title_fr=notice.get("title_fr") or "",
            )
            if notice.get("status", "published") == "published":
                vacancy = vacancy_publish(vacancy=vacancy, actor=recruiter)
            for role, kind in (
                (Role.PANEL_MEMBER, VacancyAssignment.Role.PANEL_MEMBER),
                (Role.HIRING_MANAGER, VacancyAssignment.Role.HIRING_MANAGER),
            ):
                if len(vacancies) % 2 == 0:
                    VacancyAssignment.objects.get_or_create(vacancy=vacancy, user=users[role], role=kind)
            vacancies[vacancy.reference] = vacancy
        return vacancies

    def _applications(self, count: int, vacancies: dict[str, Vacancy], recruiter: User, password: str) -> int:
        people = generate_candidates(count)
        published = [ref for ref, v in vacancies.items() if v.status == Vacancy.Status.PUBLISHED]
        plan = coherent_plan(application_plan(people, published), people, vacancies)
        profiles: dict[int, CandidateProfile] = {}
        # Hashing is deliberately slow; the demo candidates share one password, so hash it once.
        password_hash = make_password(password)
        rng = random.Random(7)
        created = 0
        for index, reference, target in plan:
            vacancy = vacancies[reference]
            profile = profiles.get(index) or self._candidate(people[index], password_hash)
            profiles[index] = profile
            if Application.objects.filter(candidate=profile, vacancy=vacancy).exists():
                continue
            with transaction.atomic():
                self._apply(profile, vacancy, target, recruiter, rng)
            created += 1
        return created

    def _candidate(self, person: dict[str, Any], password_hash: str) -> CandidateProfile:
        existing = CandidateProfile.objects.filter(user__email=person["email"]).first()
        if existing is not None:
            return existing
        with transaction.atomic():
            user = User.objects.create(email=person["email"], password=password_hash, name=person["name"])
            grant_role(user, Role.CANDIDATE, actor=None)
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

    def _apply(
        self, profile: CandidateProfile, vacancy: Vacancy, target: str, recruiter: User, rng: random.Random
    ) -> None:
        user = profile.user
        if target == Application.Status.DRAFT:
            Application.objects.create(candidate=profile, vacancy=vacancy)
            return
        deadline = vacancy.deadline or timezone.now()
        submitted_at = min(timezone.now(), deadline) - dt.timedelta(days=rng.randint(1, 20))
        application = application_submit(
            candidate=profile,
            vacancy=vacancy,
            cv=SimpleUploadedFile("cv.pdf", _pdf_cv(profile.name), content_type="application/pdf"),
            essay=SimpleUploadedFile(
                f"{vacancy.reference} Key challenges.docx", _essay(vacancy.reference, profile.name)
            )
            if vacancy.essay_rules
            else None,
            actor=user,
            now=submitted_at,
        )
        for step in STATE_PATHS[target][1:]:
            actor = user if step == Application.Status.WITHDRAWN else recruiter
            reason = "" if actor == user else f"Demo: moved to {step}."
            application = application_transition(application=application, to=step, reason=reason, actor=actor)
