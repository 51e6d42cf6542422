"""French names of a vacancy's units and posts: where they are kept and how a French notice fills them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bilingual_notices import ENGLISH as BILINGUAL_ENGLISH
from bilingual_notices import FRENCH as BILINGUAL_FRENCH
from concours.accounts.models import Role
from concours.core.audit import audit_events_for
from concours.core.models import AuditEvent, AuditEventType
from concours.vacancies.importing import vacancy_import_notice
from concours.vacancies.models import OrgUnit, Post, Vacancy
from concours.vacancies.services import (
    orgunit_ensure_path,
    vacancy_save_french_notice,
    vacancy_save_from_notice,
)
from factories import VacancyFactory, make_user

pytestmark = pytest.mark.django_db

ENGLISH = {
    "organisation": "NATO",
    "body": "NATO International Staff",
    "division": "Defence Investment Division",
    "title": "Head, Capability Delivery Section & Head, Armaments Cooperation Section",
    "reference": "260114",
    "location": "Brussels, Belgium",
    "posts": [
        {"title": "Head, Capability Delivery Section", "reference": "DI0231", "grade": "G20"},
        {"title": "Head, Armaments Cooperation Section", "reference": "DI0187", "grade": "G20"},
    ],
}
FRENCH = {
    "organisation": "NATO",
    "body": "Secrétariat international de l'OTAN",
    "division": "Division Investissement de défense",
    "title": "Chef de la Section Réalisation des capacités et chef de la Section Coopération",
    "reference": "260114",
    "posts": [
        {"title": "Chef de la Section Coopération en matière d'armements", "reference": "DI0187"},
        {"title": "Chef de la Section Réalisation des capacités", "reference": "DI0231"},
    ],
}


def draft(notice: dict[str, object] = ENGLISH) -> Vacancy:
    unit = orgunit_ensure_path(names=[str(notice["body"]), str(notice["division"])])
    vacancy, _created = vacancy_save_from_notice(
        notice=dict(notice), deadline=None, actor=make_user(Role.RECRUITER), unit=unit
    )
    return vacancy


def titles(vacancy: Vacancy, lang: str) -> list[tuple[str, str]]:
    return [post.title_in_language(lang) for post in Post.objects.filter(vacancy=vacancy).order_by("id")]


def test_a_path_of_units_is_named_in_french_where_it_has_no_french_name() -> None:
    """By the French names given, else by the reference's name of an organisation or body."""
    unit = orgunit_ensure_path(names=["NATO International Staff", "Operations Division"], names_fr=["", ""])
    assert unit is not None
    assert [u.name_fr for u in unit.path()] == ["Secrétariat international de l'OTAN", ""]
    OrgUnit.objects.update(name_fr="")  # units made before the reference named them
    unit = orgunit_ensure_path(
        names=["NATO International Staff", "Operations Division"],
        names_fr=["Secrétariat international de l'OTAN", "Division Opérations"],
    )
    assert unit is not None
    assert [u.name_fr for u in unit.path()] == ["Secrétariat international de l'OTAN", "Division Opérations"]
    # A French name already given (by an administrator) is kept.
    orgunit_ensure_path(names=["NATO International Staff"], names_fr=["Autre nom"])
    assert (
        OrgUnit.objects.get(name="NATO International Staff").name_fr == "Secrétariat international de l'OTAN"
    )
    assert OrgUnit.objects.count() == 2


def test_the_french_notice_names_the_units_and_the_posts_in_french() -> None:
    vacancy = draft()
    recruiter = make_user(Role.RECRUITER)
    vacancy = vacancy_save_french_notice(
        vacancy=vacancy, notice_fr=dict(FRENCH), source_text_fr="", actor=recruiter
    )
    assert vacancy.unit is not None
    assert [(u.name, u.name_fr) for u in vacancy.unit.path()] == [
        ("NATO International Staff", "Secrétariat international de l'OTAN"),
        ("Defence Investment Division", "Division Investissement de défense"),
    ]
    event = audit_events_for(vacancy).filter(event_type="VACANCY_UPDATED").order_by("-id").first()
    assert event is not None and event.actor == recruiter
    # The body had the reference's French name from its making; the division takes the notice's.
    assert event.extra["units_named_in_french"] == {
        "Defence Investment Division": "Division Investissement de défense",
    }
    # Each post's French title is its own (by reference), whatever order the French notice lists them in.
    assert titles(vacancy, "fr") == [
        ("Chef de la Section Réalisation des capacités", "fr"),
        ("Chef de la Section Coopération en matière d'armements", "fr"),
    ]
    assert titles(vacancy, "en") == [
        ("Head, Capability Delivery Section", "en"),
        ("Head, Armaments Cooperation Section", "en"),
    ]


def test_a_unit_named_in_french_by_an_administrator_keeps_its_name() -> None:
    vacancy = draft()
    assert vacancy.unit is not None
    OrgUnit.objects.filter(pk=vacancy.unit.pk).update(name_fr="Division IdD")
    OrgUnit.objects.filter(name="NATO International Staff").update(name_fr="")
    vacancy = vacancy_save_french_notice(
        vacancy=vacancy, notice_fr=dict(FRENCH), source_text_fr="", actor=make_user(Role.RECRUITER)
    )
    assert vacancy.unit is not None
    assert [u.name_fr for u in vacancy.unit.path()] == ["Secrétariat international de l'OTAN", "Division IdD"]
    event = audit_events_for(vacancy).filter(event_type="VACANCY_UPDATED").order_by("-id").first()
    assert event is not None
    assert event.extra["units_named_in_french"] == {
        "NATO International Staff": "Secrétariat international de l'OTAN"
    }


def test_a_french_notice_s_division_that_names_no_unit_is_not_taken() -> None:
    """'La Division', as a parser may read it, says which kind of unit, not which one."""
    vacancy = draft()
    vacancy = vacancy_save_french_notice(
        vacancy=vacancy,
        notice_fr={**FRENCH, "division": "La Division"},
        source_text_fr="",
        actor=make_user(Role.RECRUITER),
    )
    assert vacancy.unit is not None and vacancy.unit.name_fr == ""


def test_a_french_notice_naming_other_units_names_none() -> None:
    """A French notice without a division, for a vacancy whose English one has one: which unit is which is
    not known, so none is named."""
    vacancy = draft()
    french = {key: value for key, value in FRENCH.items() if key != "division"}
    vacancy = vacancy_save_french_notice(
        vacancy=vacancy, notice_fr=french, source_text_fr="", actor=make_user(Role.RECRUITER)
    )
    assert vacancy.unit is not None
    assert [u.name_fr for u in vacancy.unit.path()] == ["Secrétariat international de l'OTAN", ""]
    event = audit_events_for(vacancy).filter(event_type="VACANCY_UPDATED").order_by("-id").first()
    assert event is not None and "units_named_in_french" not in event.extra


def test_posts_without_references_are_matched_by_their_place() -> None:
    vacancy = VacancyFactory(posts=0)
    vacancy.posts.all().delete()
    Post.objects.create(vacancy=vacancy, title="First post")
    Post.objects.create(vacancy=vacancy, title="Second post")
    vacancy.notice_fr = {"posts": [{"title": "Premier poste"}, {"title": "Second poste"}]}
    vacancy.save()
    assert titles(vacancy, "fr") == [("Premier poste", "fr"), ("Second poste", "fr")]
    # As many posts in French as in English, but with other references: none is the other.
    Post.objects.filter(vacancy=vacancy).update(reference="X1")
    vacancy.notice_fr = {"posts": [{"title": "Premier poste", "reference": "Y1"}, {"title": "Second poste"}]}
    vacancy.save()
    assert titles(vacancy, "fr") == [("First post", "en"), ("Second poste", "fr")]


def test_a_single_post_takes_the_french_title_of_the_notice() -> None:
    vacancy = VacancyFactory(title="Data Protection Officer", title_fr="Délégué à la protection des données")
    assert titles(vacancy, "fr") == [("Délégué à la protection des données", "fr")]
    vacancy.title_fr = ""
    vacancy.save()
    assert titles(vacancy, "fr") == [("Data Protection Officer", "en")]


def test_a_vacancy_made_from_its_french_notice_has_french_titles_only() -> None:
    vacancy = draft({**FRENCH, "division": "Division Investissement de défense"})
    vacancy.source_text_fr = "Avis de vacance"
    vacancy.save()
    assert vacancy.english_pending
    assert titles(vacancy, "en")[0] == ("Chef de la Section Coopération en matière d'armements", "fr")
    assert titles(vacancy, "fr")[0] == ("Chef de la Section Coopération en matière d'armements", "fr")


def test_the_admin_edits_a_unit_s_french_name(client: Client) -> None:
    unit = orgunit_ensure_path(names=["Defence Investment Division"])
    assert unit is not None
    client.force_login(make_user(Role.ADMINISTRATOR, is_superuser=True))
    url = reverse("admin:vacancies_orgunit_change", args=[unit.pk])
    assert 'name="name_fr"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "kind": unit.kind,
            "name": unit.name,
            "name_fr": "Division Investissement de défense",
            "code": "",
            "staff-TOTAL_FORMS": "0",
            "staff-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    unit.refresh_from_db()
    assert unit.name_fr == "Division Investissement de défense"
    changelist = client.get(reverse("admin:vacancies_orgunit_changelist")).content.decode()
    assert "Division Investissement de défense" in changelist


def test_the_admin_of_units_is_refused_to_a_candidate(client: Client) -> None:
    unit = orgunit_ensure_path(names=["NATO International Staff"])
    assert unit is not None
    client.force_login(make_user(Role.CANDIDATE))
    response = client.get(reverse("admin:vacancies_orgunit_change", args=[unit.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def unit_named_events(unit: OrgUnit) -> list[AuditEvent]:
    return list(audit_events_for(unit).filter(event_type=AuditEventType.UNIT_NAMED_IN_FRENCH).order_by("id"))


def test_an_import_naming_a_unit_in_french_records_it_on_the_unit() -> None:
    """The reference's French name an imported notice's body takes has its own audit record, by the
    importer; importing again, with the unit already named, records nothing more."""
    recruiter = make_user(Role.RECRUITER)
    vacancy_import_notice(text=BILINGUAL_ENGLISH, source="en.txt", actor=recruiter)
    body = OrgUnit.objects.get(name="NATO International Staff")
    assert body.name_fr == "Secrétariat international de l'OTAN"
    [event] = unit_named_events(body)
    assert event.actor == recruiter
    assert event.extra == {
        "old": {"name_fr": ""},
        "new": {"name_fr": "Secrétariat international de l'OTAN"},
        "source": "reference",
        "created": True,
    }
    vacancy_import_notice(text=BILINGUAL_ENGLISH + "* a longer copy;\n", source="board.txt", actor=recruiter)
    vacancy_import_notice(text=BILINGUAL_FRENCH, source="fr.txt", actor=recruiter)
    assert len(unit_named_events(body)) == 1


def test_a_french_notice_naming_a_unit_records_it_on_the_unit() -> None:
    vacancy = draft()
    assert vacancy.unit is not None
    assert unit_named_events(vacancy.unit) == []
    recruiter = make_user(Role.RECRUITER)
    vacancy_save_french_notice(vacancy=vacancy, notice_fr=dict(FRENCH), source_text_fr="", actor=recruiter)
    [event] = unit_named_events(vacancy.unit)
    assert event.actor == recruiter
    assert event.extra == {
        "old": {"name_fr": ""},
        "new": {"name_fr": "Division Investissement de défense"},
        "source": "French notice",
        "created": False,
        "vacancy": vacancy.pk,
        "reference": "260114",
    }


def test_a_unit_s_french_name_filled_in_later_or_kept_is_recorded_only_when_given() -> None:
    unit = orgunit_ensure_path(names=["NATO International Staff", "Operations Division"])
    assert unit is not None and unit.name_fr == "" and unit_named_events(unit) == []
    unit = orgunit_ensure_path(
        names=["NATO International Staff", "Operations Division"], names_fr=["", "Division Opérations"]
    )
    assert unit is not None and unit.name_fr == "Division Opérations"
    [event] = unit_named_events(unit)
    assert event.extra["source"] == "names given" and event.extra["created"] is False
    assert event.extra["old"] == {"name_fr": ""} and event.actor is None
    # A French name the unit already has is kept, and nothing is recorded.
    orgunit_ensure_path(names=["NATO International Staff", "Operations Division"], names_fr=["", "Autre"])
    assert len(unit_named_events(unit)) == 1
