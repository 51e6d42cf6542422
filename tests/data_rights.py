"""A candidate with something everywhere Concours keeps personal data, and another beside them.

Built through the services, as the pages build it: a profile, an application in a competition that has
closed (screened out by a recruiter whose reason names the candidate, with its anonymised essay), an
application in a competition still running, and a draft essay waiting to be checked.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from concours.accommodation.services import accommodation_decide, accommodation_request
from concours.accounts.models import Role, User
from concours.applications.models import Application, Attachment
from concours.applications.services import application_submit
from concours.candidates.models import CandidateProfile
from concours.candidates.services import job_alert_save, profile_save
from concours.demo.documents import cv_pdf
from concours.essays.models import DraftCheck, Rendition
from concours.essays.services import draft_check_start
from concours.genai.models import EssaySignal
from concours.genai.services import calibration_store, explanation_answer, explanation_ask
from concours.notifications.outcomes import Outcome
from concours.notifications.services import mail_queue
from concours.screening.services import application_screen, verdict_decide
from concours.selection.models import Placement, Recommendation, ReserveEntry, ReserveOffer
from concours.vacancies.models import OrgUnit, Post, Vacancy
from concours.vacancies.services import vacancy_close
from factories import ESSAY_RULES, PDF_BYTES, VacancyFactory, docx_bytes, make_user


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    employer: str
    university: str
    field: str
    job: str
    cv_name: str
    essay_name: str
    draft_name: str
    nationalities: tuple[str, ...]

    @property
    def terms(self) -> list[str]:
        """Every value that names or points to this person, as a scan looks for it."""
        surname = self.name.split()[-1].split("-")[-1]
        return [
            self.name,
            surname,
            self.email,
            self.email.split("@")[0],
            self.employer,
            self.university,
            self.field,
            self.job,
            self.cv_name,
            self.essay_name,
            self.draft_name,
        ]


ZOE = Person(
    name="Zoë Ångström-Kowalczyk",
    email="zoe.kowalczyk@utenriks-tromso.example",
    employer="Utenriksdepartementet Tromsø",
    university="Université de Montréal-Laval",
    field="Arctic security studies",
    job="Senior sea-ice policy adviser",
    cv_name="CV_Kowalczyk_final.pdf",
    essay_name="Key challenges Kowalczyk.docx",
    draft_name="Kowalczyk draft v3.docx",
    nationalities=("NO", "PL"),
)
BART = Person(
    name="Bartholomew Quenneville",
    email="b.quenneville@lakehead-poly.example",
    employer="Quenneville Maritime Consulting",
    university="Lakehead Polytechnic Institute",
    field="Naval logistics engineering",
    job="Fleet readiness coordinator",
    cv_name="Quenneville resume.pdf",
    essay_name="Key challenges Quenneville.docx",
    draft_name="Quenneville draft.docx",
    nationalities=("CA",),
)


@dataclass
class Scenario:
    zoe: CandidateProfile
    bart: CandidateProfile
    recruiter: User
    closed: Vacancy  # closed; Zoë screened out there, Bart still in the competition
    running: Vacancy  # published; both have applied
    essay_vacancy: Vacancy  # asks for an essay; Zoë's draft waits to be checked
    zoe_closed: Application
    zoe_running: Application
    bart_closed: Application
    draft: DraftCheck


def _profile(person: Person) -> CandidateProfile:
    user = make_user(Role.CANDIDATE, email=person.email, name=person.name)
    return profile_save(
        user=user,
        name=person.name,
        nationalities=list(person.nationalities),
        languages=[
            {"language": "en", "scale": "NATO", "level": "V"},
            {"language": "fr", "scale": "NATO", "level": "IV"},
        ],
        education=[
            {
                "level": "master",
                "field": person.field,
                "institution": person.university,
                "completed": dt.date(2011, 6, 30),
            }
        ],
        experience=[
            {
                "title": person.job,
                "employer": person.employer,
                "start": dt.date(2012, 1, 1),
                "end": None,
                "fte": 1,
                "tags": ["policy", "security"],
            }
        ],
        actor=user,
    )


def _submit(profile: CandidateProfile, person: Person, vacancy: Vacancy) -> Application:
    ascii_name = person.name.replace("ë", "e").replace("Å", "A").replace("ö", "o")
    return application_submit(
        candidate=profile,
        vacancy=vacancy,
        cv=SimpleUploadedFile(person.cv_name, cv_pdf(f"{ascii_name} {vacancy.reference}")),
        essay=SimpleUploadedFile(
            person.essay_name,
            docx_bytes(text=f"Key challenges, by {person.name}", title=person.essay_name, author=person.name),
        ),
        actor=profile.user,
    )


def build() -> Scenario:
    recruiter = make_user(Role.RECRUITER)
    zoe, bart = _profile(ZOE), _profile(BART)
    closed, running = VacancyFactory(), VacancyFactory()
    essay_vacancy = VacancyFactory(notice={"title": "Head of Section", "essay": ESSAY_RULES})
    zoe_closed, zoe_running = _submit(zoe, ZOE, closed), _submit(zoe, ZOE, running)
    bart_closed = _submit(bart, BART, closed)
    _submit(bart, BART, running)
    verdict = application_screen(application=zoe_closed)
    verdict_decide(
        verdict=verdict,
        eligible="no",
        reason=f"{ZOE.name} ({ZOE.email}) holds no degree in the field",
        actor=recruiter,
    )
    rendition = Rendition(application=zoe_closed, candidate_code=zoe_closed.candidate_code)
    rendition.pdf.save("essay.pdf", ContentFile(cv_pdf(zoe_closed.candidate_code)), save=False)
    rendition.save()
    vacancy_close(vacancy=closed, actor=recruiter)
    draft = draft_check_start(
        candidate=zoe,
        vacancy=essay_vacancy,
        data=docx_bytes(title="Key challenges", author=ZOE.name),
        file_name=ZOE.draft_name,
        actor=zoe.user,
    )
    return Scenario(
        zoe=zoe,
        bart=bart,
        recruiter=recruiter,
        closed=closed,
        running=running,
        essay_vacancy=essay_vacancy,
        zoe_closed=Application.objects.get(pk=zoe_closed.pk),
        zoe_running=zoe_running,
        bart_closed=bart_closed,
        draft=draft,
    )


def text_values() -> list[tuple[str, str]]:
    """Every text kept in the database, in every model of every app: (where, text)."""
    found: list[tuple[str, str]] = []
    for model in apps.get_models():
        fields = [
            field
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField | models.FileField)
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list("pk", *[field.attname for field in fields]):
            for field, value in zip(fields, row[1:], strict=True):
                if value not in (None, ""):
                    found.append((f"{model._meta.label}.{field.name}#{row[0]}", _text(value)))
    return found


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


@dataclass
class Everything:
    """`build()` and, for both candidates, a job alert and an accommodation request on the running
    application; for Zoë, besides, an explanation asked of her about that essay and answered, and a
    third application that put her on a reserve list, since expired, with a post offered and declined."""

    s: Scenario
    reserve_application: Application
    accommodation_names: tuple[str, str]  # Zoë's supporting documents, as she named them


def build_everything() -> Everything:
    s = build()
    job_alert_save(owner=s.zoe.user, filters={"query": "sea-ice"}, language="fr", actor=s.zoe.user)
    job_alert_save(owner=s.bart.user, filters={"query": "naval"}, language="en", actor=s.bart.user)
    names = ("Kowalczyk medical certificate.pdf", f"Letter for {ZOE.name}.docx")
    request = accommodation_request(
        application=s.zoe_running,
        needs=f"{ZOE.name} asks for extra time: dyslexia.",
        documents=[
            SimpleUploadedFile(names[0], PDF_BYTES, content_type="application/pdf"),
            SimpleUploadedFile(names[1], docx_bytes(f"{ZOE.name} needs extra time")),
        ],
        actor=s.zoe.user,
    )
    accommodation_decide(
        request=request,
        state="adjusted",
        measures=["extra_time"],
        measures_note="Twenty minutes more",
        reason=f"{ZOE.name} gets extra time, not a separate room",
        actor=s.recruiter,
    )
    bart_running = Application.objects.get(candidate=s.bart, vacancy=s.running)
    accommodation_request(
        application=bart_running,
        needs=f"{BART.name} needs an accessible room.",
        documents=[SimpleUploadedFile("Quenneville doctor.pdf", PDF_BYTES, content_type="application/pdf")],
        actor=s.bart.user,
    )
    # The generative-AI signal suggested a human review of her essay; a recruiter asks, she answers.
    organisation = OrgUnit.objects.create(kind=OrgUnit.Kind.ORGANISATION, name="Data rights organisation")
    calibration = calibration_store(
        organisation=organisation,
        human_scores_by_group={"native": [i / 1000 for i in range(400)]},
        machine_scores=[0.9 + i / 1000 for i in range(100)],
        corpus={},
        actor=None,
    )
    essay = s.zoe_running.attachments.get(kind=Attachment.Kind.ESSAY)
    EssaySignal.objects.create(
        application=s.zoe_running,
        state=EssaySignal.State.REVIEW_SUGGESTED,
        score=0.95,
        calibration=calibration,
        made_at=calibration.made_at,
        essay_sha256=essay.sha256,
    )
    asked = explanation_ask(
        application=s.zoe_running, message="How did you write your essay?", actor=s.recruiter
    )
    explanation_answer(
        request=asked, answer=f"Alone, in the evenings, while at {ZOE.employer}.", actor=s.zoe.user
    )
    # A competition that put her on a reserve list (the approval's rows, as it writes them).
    earlier = VacancyFactory()
    reserve_application = _submit(s.zoe, ZOE, earlier)
    Application.objects.filter(pk=reserve_application.pk).update(status=Application.Status.RESERVE)
    recommendation = Recommendation.objects.create(vacancy=earlier, status=Recommendation.Status.APPROVED)
    Placement.objects.create(
        recommendation=recommendation,
        application=reserve_application,
        outcome=Placement.Outcome.RESERVE,
        reason=f"{ZOE.name} ranked second",
    )
    entry = ReserveEntry.objects.create(
        application=reserve_application,
        recommendation=recommendation,
        grade="G15",
        listed_on=dt.date(2025, 1, 10),
        expires_on=dt.date(2025, 7, 10),
    )
    mail_queue(
        application=reserve_application, outcome=Outcome.RESERVE, context={"expires": entry.expires_on}
    )
    later = VacancyFactory(reference="LATER-01")
    post = Post.objects.create(vacancy=later, title="Sea-ice analyst")
    ReserveOffer.objects.create(
        entry=entry,
        vacancy=later,
        post=post,
        state=ReserveOffer.State.DECLINED,
        answered_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
    )
    ReserveEntry.objects.filter(pk=entry.pk).update(
        state=ReserveEntry.State.EXPIRED, closed_at=dt.datetime(2025, 7, 11, tzinfo=dt.UTC)
    )
    vacancy_close(vacancy=earlier, actor=s.recruiter)
    return Everything(
        s=s, reserve_application=Application.objects.get(pk=reserve_application.pk), accommodation_names=names
    )
