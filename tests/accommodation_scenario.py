"""A competition where a shortlisted candidate asks for accommodation, with everyone who may or may not
read it: the recruiter in charge, a panel member and a hiring manager of the vacancy, an appointing
authority, an HR recruiter seated on its panel, and another candidate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from concours.accommodation.models import AccommodationRequest
from concours.accommodation.services import accommodation_request
from concours.accounts.models import Role
from concours.applications.models import Application
from concours.assessment.models import PanelMember
from concours.vacancies.models import OrgUnit, Vacancy, VacancyAssignment
from factories import PDF_BYTES, ApplicationFactory, OrgUnitFactory, VacancyFactory, docx_bytes, make_user


def pdf_upload(name: str = "medical certificate.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def docx_upload(name: str = "letter from my doctor.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, docx_bytes("Needs extra time"))


@dataclass
class Scene:
    vacancy: Vacancy
    application: Application
    candidate: Any
    recruiter: Any
    panel_member: Any
    hiring_manager: Any
    appointing_authority: Any
    hr_on_panel: Any
    other_candidate: Any

    def request(self, **kwargs: Any) -> AccommodationRequest:
        kwargs.setdefault("needs", "I have dyslexia and need extra time for written tests.")
        kwargs.setdefault("documents", [pdf_upload()])
        return accommodation_request(application=self.application, actor=self.candidate, **kwargs)

    def outsiders(self) -> dict[str, Any]:
        """Everyone who must never read the request: each gets 404 on its pages."""
        return {
            "panel member": self.panel_member,
            "hiring manager": self.hiring_manager,
            "appointing authority": self.appointing_authority,
            "HR recruiter on the panel": self.hr_on_panel,
            "another candidate": self.other_candidate,
        }


def organisation(name: str, days: int | None = None) -> OrgUnit:
    return OrgUnit.objects.create(
        kind=OrgUnit.Kind.ORGANISATION, name=name, accommodation_retention_days=days
    )


def build(*, unit: OrgUnit | None = None, status: str = Application.Status.SHORTLISTED) -> Scene:
    unit = unit or OrgUnitFactory(parent=organisation("NATO-" + str(OrgUnit.objects.count())))
    vacancy = VacancyFactory(unit=unit)
    application = ApplicationFactory(vacancy=vacancy, status=status)
    other = ApplicationFactory(vacancy=vacancy, status=Application.Status.SHORTLISTED)
    panel_member = make_user(Role.PANEL_MEMBER)
    VacancyAssignment.objects.create(vacancy=vacancy, user=panel_member, role="panel_member")
    PanelMember.objects.create(vacancy=vacancy, user=panel_member, role=PanelMember.Role.EXPERT)
    hiring_manager = make_user(Role.HIRING_MANAGER)
    VacancyAssignment.objects.create(vacancy=vacancy, user=hiring_manager, role="hiring_manager")
    hr_on_panel = make_user(Role.RECRUITER)
    PanelMember.objects.create(vacancy=vacancy, user=hr_on_panel, role=PanelMember.Role.HR)
    return Scene(
        vacancy=vacancy,
        application=application,
        candidate=application.candidate.user,
        recruiter=make_user(Role.RECRUITER),
        panel_member=panel_member,
        hiring_manager=hiring_manager,
        appointing_authority=make_user(Role.APPOINTING_AUTHORITY),
        hr_on_panel=hr_on_panel,
        other_candidate=other.candidate.user,
    )
