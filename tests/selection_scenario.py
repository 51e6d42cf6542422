"""The assessment competition (assessment_scenario.py) carried to its last stage: its four candidates
shortlisted with their profiles kept, scored at the final interview by the chair, the expert and the
hiring manager, and the chair's consensus recorded, so that the plan's last stage has a confirmed
ranking. An appointing authority is named for the vacancy's organisation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.test import TestCase

from assessment_scenario import Competition, build_competition, declare_all
from concours.accounts.models import Role
from concours.applications.models import Application, snapshot_sha256
from concours.assessment.services import consensus_record, scorecard_save
from concours.candidates.selectors import profile_as_contract
from concours.selection.services import authority_name
from concours.vacancies.models import OrgUnit
from factories import ApplicationFactory, VacancyFactory, make_user

# The final interview's agreed point for each candidate, in the order of Competition.applications:
# the ranking reads 1st, 2nd, 3rd, 4th.
FINAL_POINTS = (5, 4, 3, 2)


@dataclass
class Ending:
    competition: Competition
    organisation: OrgUnit
    authority: Any

    @property
    def vacancy(self) -> Any:
        return self.competition.vacancy

    @property
    def recruiter(self) -> Any:
        return self.competition.recruiter

    @property
    def applications(self) -> list[Application]:
        return self.competition.applications


def keep_profile(application: Application) -> None:
    snapshot = profile_as_contract(application.candidate)
    Application.objects.filter(pk=application.pk).update(
        profile_snapshot=snapshot, profile_sha256=snapshot_sha256(snapshot)
    )


def organisation_above(vacancy: Any, name: str = "NATO International Staff") -> OrgUnit:
    """Put the vacancy's unit under an organisation (the factories' units stand alone)."""
    organisation, _ = OrgUnit.objects.get_or_create(
        parent=None, name=name, defaults={"kind": OrgUnit.Kind.ORGANISATION}
    )
    unit = vacancy.unit
    unit.parent = organisation
    unit.save(update_fields=["parent"])
    return organisation


def final_scored(competition: Competition, points: tuple[int, ...] = FINAL_POINTS) -> None:
    """Every candidate shortlisted and interviewed; the chair records the consensus."""
    for application in competition.applications:
        keep_profile(application)
    Application.objects.filter(pk__in=[a.pk for a in competition.applications]).update(
        status=Application.Status.SHORTLISTED
    )
    for key in ("chair", "expert", "manager"):
        declare_all(competition, key)
    final = competition.stage("final")
    criteria = [c.pk for c in final.criteria.all() if c.scored_on_scorecards]
    for application, point in zip(competition.applications, points, strict=True):
        application.refresh_from_db()
        comment = "Seen at the interview."
        for key in ("chair", "expert", "manager"):
            scorecard_save(
                stage=final,
                member=competition.members[key],
                application=application,
                values={pk: (point, comment) for pk in criteria},
                submit=True,
                actor=competition.user(key),
            )
        consensus_record(
            stage=final,
            application=application,
            values={pk: (point, "") for pk in criteria},
            actor=competition.user("chair"),
        )


def build_ending() -> Ending:
    competition = build_competition()
    final_scored(competition)
    organisation = organisation_above(competition.vacancy)
    authority = make_user(Role.APPOINTING_AUTHORITY, name="Authority Person", is_staff=True)
    with TestCase.captureOnCommitCallbacks(execute=True):
        authority_name(unit=organisation, user=authority, actor=None)
    for application in competition.applications:
        application.refresh_from_db()
    return Ending(competition, organisation, authority)


def later_vacancy(ending: Ending, *, grade: str = "G15", posts: int = 1, **kwargs: Any) -> Any:
    """A later vacancy of the same organisation, whose notice the scenario's candidates meet."""
    vacancy = VacancyFactory(grade=grade, posts=posts, **kwargs)
    organisation_above(vacancy, ending.organisation.name)
    return vacancy


def stranger_application(vacancy: Any) -> Application:
    return ApplicationFactory(vacancy=vacancy, status=Application.Status.SCREENED_IN)
