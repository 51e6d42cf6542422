"""Factories for the Django models: each test builds the scenario it needs, nothing more."""

from __future__ import annotations

import datetime as dt
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from concours.accounts.models import Role, User
from concours.accounts.roles import grant_role
from concours.applications.models import Application
from concours.candidates.models import CandidateProfile, Education, JobAlert, LanguageSkill, WorkExperience
from concours.demo.documents import cv_pdf
from concours.vacancies.models import OrgUnit, Post, Vacancy, VacancyAssignment

PASSWORD = "a-Strong-test-passw0rd"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create: bool, extracted: Role | None, **kwargs: object) -> None:
        if create and extracted:
            grant_role(self, extracted, actor=None)
        if create:
            from allauth.account.models import EmailAddress

            self.save()
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


def make_user(role: Role, **kwargs: object) -> User:
    return UserFactory(role=role, **kwargs)


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    kind = OrgUnit.Kind.DIVISION
    name = factory.Sequence(lambda n: f"Division {n}")


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"26{n:04d}")
    organisation = "NATO"
    title = factory.Sequence(lambda n: f"Policy Officer {n}")
    title_fr = factory.Sequence(lambda n: f"Responsable de la politique {n}")
    grade = "G17"
    location = "Brussels, Belgium"
    zone = "Europe/Brussels"
    deadline = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))
    status = Vacancy.Status.PUBLISHED
    unit = factory.SubFactory(OrgUnitFactory)
    notice = factory.LazyAttribute(
        lambda o: {
            "organisation": "NATO",
            "title": o.title,
            "reference": o.reference,
            "key_challenges": ["Lead the policy work of the section."],
            "essential_qualifications": ["have a university degree in a relevant field;"],
            # Essay rules (and so LibreOffice) only where a test asks for them: see ESSAY_RULES.
            "essay": None,
        }
    )

    @factory.post_generation
    def posts(self, create: bool, extracted: int | None, **kwargs: object) -> None:
        if create:
            for index in range(extracted or 1):
                Post.objects.create(vacancy=self, title=self.title, reference=f"P{index}", grade=self.grade)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VacancyAssignment

    vacancy = factory.SubFactory(VacancyFactory)
    user = factory.SubFactory(UserFactory, role=Role.PANEL_MEMBER)
    role = VacancyAssignment.Role.PANEL_MEMBER


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, role=Role.CANDIDATE)
    name = factory.LazyAttribute(lambda o: o.user.name)
    nationalities = factory.LazyFunction(lambda: ["BE"])

    @factory.post_generation
    def complete(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted is not False:
            LanguageSkill.objects.create(profile=self, language="en", scale="NATO", level="V")
            LanguageSkill.objects.create(profile=self, language="fr", scale="NATO", level="III")
            Education.objects.create(
                profile=self, level="master", field="International relations", completed=dt.date(2010, 6, 1)
            )
            WorkExperience.objects.create(
                profile=self,
                title="Policy officer",
                employer="Ministry",
                start=dt.date(2012, 1, 1),
                tags=["policy", "multilateral"],
            )


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    candidate = factory.SubFactory(ProfileFactory)
    vacancy = factory.SubFactory(VacancyFactory)
    status = Application.Status.DRAFT


def docx_bytes(text: str = "Key challenges", title: str = "", author: str = "") -> bytes:
    """A one-page A4 Word document (python-docx's own default page is Letter)."""
    from docx import Document
    from docx.shared import Mm

    document = Document()
    document.core_properties.title = title
    document.core_properties.author = author
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


ESSAY_RULES = {
    "required": True,
    "max_pages": 1,
    "paper": "A4",
    "format": "docx",
    "title_must_include": ["Key challenges"],
    "due": None,
}

PDF_BYTES = cv_pdf("Test Candidate")  # a real one-page PDF: every upload passes the document gate


def cv_upload(name: str = "cv.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def essay_upload(name: str = "260001 Key challenges.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, docx_bytes(title=name))


class JobAlertFactory(factory.django.DjangoModelFactory):
    """A job alert saved a day ago (so due at the next daily run), for every vacancy (empty search)."""

    class Meta:
        model = JobAlert

    owner = factory.SubFactory(UserFactory, role=Role.CANDIDATE)
    language = "en"
    created_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    last_sent_at = factory.LazyAttribute(lambda o: o.created_at)
