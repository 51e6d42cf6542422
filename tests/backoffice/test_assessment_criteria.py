"""A recruiter's own criterion, with behavioural anchors written for it in English and French: added
through the stage's page, read on the members' scorecards in their language, scored, and weighed in the
stage's ranking."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from assessment_scenario import Competition, build_competition, declare_all, score
from concours.assessment.models import Criterion
from concours.assessment.scoring import stage_ranking
from concours.core.models import AuditEvent

pytestmark = pytest.mark.django_db

ANCHORS_EN = [
    "Cannot build a cost model.",
    "Builds a cost model with help.",
    "Builds a sound cost model of a programme alone.",
    "Models the costs of several programmes and their risks.",
    "Sets the cost-modelling method others follow.",
]
ANCHORS_FR = [
    "Ne sait pas construire un modèle de coûts.",
    "Construit un modèle de coûts avec de l'aide.",
    "Construit seul un modèle de coûts solide d'un programme.",
    "Modélise les coûts de plusieurs programmes et leurs risques.",
    "Fixe la méthode de modélisation des coûts que les autres suivent.",
]


@pytest.fixture
def competition() -> Competition:
    return build_competition()


def _add(client, competition: Competition, **fields: str):  # type: ignore[no-untyped-def]
    client.force_login(competition.recruiter)
    return client.post(
        reverse("backoffice:assessment_criterion_add", args=[competition.stage("longlist").pk]),
        {"name": "Cost modelling", "name_fr": "Modélisation des coûts", "weight": "2", **fields},
    )


def _fieldset(page: str, name: str) -> str:
    """The scorecard's fieldset of the criterion called `name`."""
    for fieldset in re.findall(r"<fieldset.*?</fieldset>", page, re.S):
        if f"<legend>{name}" in fieldset:
            return str(fieldset)
    raise AssertionError(f"no criterion {name!r} on the scorecard")


def _scorecard(client, competition: Competition, key: str, application, lang: str = "en") -> str:  # type: ignore[no-untyped-def]
    client.force_login(competition.user(key))
    url = reverse("backoffice:assessment_scorecard", args=[competition.stage("longlist").pk, application.pk])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return str(response.content.decode())


def test_a_recruiters_criterion_with_its_anchors_reaches_the_scorecards_and_the_ranking(  # type: ignore[no-untyped-def]
    client, competition
) -> None:
    longlist = competition.stage("longlist")
    notice_criteria = list(longlist.criteria.all())
    assert len(notice_criteria) == 3 and all(c.weight == 1 for c in notice_criteria)
    response = _add(
        client, competition, anchors_en="\n".join(ANCHORS_EN), anchors_fr="\r\n".join(ANCHORS_FR) + "\n\n"
    )
    assert response.status_code == 302
    criterion = Criterion.objects.get(stage=longlist, name="Cost modelling")
    assert criterion.source == Criterion.Source.TECHNICAL and criterion.weight == Decimal("2")
    assert criterion.anchors == [
        {"point": point, "en": en, "fr": fr}
        for point, en, fr in zip(range(1, 6), ANCHORS_EN, ANCHORS_FR, strict=True)
    ]
    event = AuditEvent.objects.filter(event_type="CRITERION_ADDED").get()
    assert event.extra["anchors"] == criterion.anchors and event.extra["weight"] == "2"
    stage_page = client.get(reverse("backoffice:assessment_stage", args=[longlist.pk])).content.decode()
    rows = {row.split("</td>")[0]: row for row in stage_page.split("<tr><td>")[1:]}
    assert "<td>its own</td>" in rows["Cost modelling"]
    assert "<td>the stage's</td>" in rows[escape(notice_criteria[0].name)]

    first = competition.applications[0]
    declare_all(competition, "chair")
    declare_all(competition, "expert")
    # In English: the criterion's own anchors, each by its point; the notice's criteria keep the stage's.
    page = _scorecard(client, competition, "expert", first)
    own = _fieldset(page, "Cost modelling")
    for point, text in enumerate(ANCHORS_EN, start=1):
        assert re.search(
            rf'value="{point}"\s*> <strong>{point}</strong> <span lang="en">{re.escape(text)}</span>', own
        )
    assert "written for this criterion" in own and "anchors-fallback" not in own
    assert not any(text in own for text in ANCHORS_FR)
    generic = _fieldset(page, escape(notice_criteria[0].name))
    assert "Meets the required level with clear examples." in generic
    assert not any(text in generic for text in ANCHORS_EN)
    # In French: the French anchors, under the French name.
    page = _scorecard(client, competition, "expert", first, lang="fr")
    own = _fieldset(page, "Modélisation des coûts")
    for point, text in enumerate(ANCHORS_FR, start=1):
        assert f'<strong>{point}</strong> <span lang="fr">{escape(text)}</span>' in own
    assert "rédigés pour ce critère" in own and "anchors-fallback" not in own
    assert not any(text in own for text in ANCHORS_EN)

    # The members score through the page: the notice's criteria 3 and 4, the new one 5 and 4.
    url = reverse("backoffice:assessment_scorecard", args=[longlist.pk, first.pk])
    for key, usual, own_value in (("chair", 3, 5), ("expert", 4, 4)):
        values = {f"value_{c.pk}": str(usual) for c in notice_criteria}
        client.force_login(competition.user(key))
        response = client.post(
            url,
            {
                **values,
                f"value_{criterion.pk}": str(own_value),
                f"comment_{criterion.pk}": "Modelled three programmes in the essay.",
                "submit": "1",
            },
        )
        assert response.status_code == 302, response.content.decode()

    # By hand: each notice criterion's mean is (3 + 4) / 2 = 3.5, weight 1; the new one's (5 + 4) / 2 =
    # 4.5, weight 2. Total = (3 × 3.5 + 2 × 4.5) / (3 + 2) = 19.5 / 5 = 3.9 (weighed as 1, it would be
    # (3 × 3.5 + 4.5) / 4 = 3.75).
    ranking = stage_ranking(longlist)
    assert ranking is not None
    row = next(r for r in ranking.rows if r.application_id == first.pk)
    assert row.total == Decimal("3.90") and row.rank == 1
    assert dict(row.parts)[f"c{criterion.pk}"] == Decimal("4.50")
    client.force_login(competition.user("chair"))
    page = client.get(reverse("backoffice:assessment_ranking", args=[longlist.pk])).content.decode()
    line = page.split(f'id="rank-{first.candidate_code}"')[1].split("</tr>")[0]
    assert re.findall(r"<td>([^<]*)</td>", line)[-5:] == ["3.90", "3.50", "3.50", "3.50", "4.50"]


def test_anchors_in_one_language_are_shown_in_it_and_said_so(client, competition) -> None:  # type: ignore[no-untyped-def]
    assert _add(client, competition, anchors_en="\n".join(ANCHORS_EN)).status_code == 302
    assert Criterion.objects.get(name="Cost modelling").anchors[0] == {
        "point": 1,
        "en": ANCHORS_EN[0],
        "fr": "",
    }
    first = competition.applications[0]
    declare_all(competition, "expert")
    own = _fieldset(_scorecard(client, competition, "expert", first, lang="fr"), "Modélisation des coûts")
    assert f'<span lang="en">{ANCHORS_EN[2]}</span>' in own
    assert "ne sont pas rédigés en français" in own
    own = _fieldset(_scorecard(client, competition, "expert", first), "Cost modelling")
    assert "anchors-fallback" not in own


@pytest.mark.parametrize(
    "fields",
    [
        {"anchors_en": "\n".join(ANCHORS_EN[:4])},
        {"anchors_en": "\n".join(ANCHORS_EN), "anchors_fr": "\n".join([*ANCHORS_FR, "Encore une."])},
        {"anchors_fr": "\n".join(ANCHORS_FR[:1])},
    ],
)
def test_a_wrong_count_of_anchor_lines_is_refused_and_leaves_no_criterion(
    client, competition, fields
) -> None:  # type: ignore[no-untyped-def]
    events = AuditEvent.objects.count()
    response = _add(client, competition, **fields)
    assert response.status_code == 400
    page = response.content.decode()
    assert "give one line per point, lowest first" in page and "5 points (1 to 5)" in page
    assert "Cost modelling" in page  # what was typed is shown again
    assert not Criterion.objects.filter(name="Cost modelling").exists()
    assert AuditEvent.objects.count() == events


def test_a_wrong_count_is_said_in_french(client, competition) -> None:  # type: ignore[no-untyped-def]
    client.force_login(competition.recruiter)
    response = client.post(
        reverse("backoffice:assessment_criterion_add", args=[competition.stage("longlist").pk]),
        {"name": "Cost modelling", "weight": "2", "anchors_fr": "\n".join(ANCHORS_FR[:3])},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 400
    assert "Les ancrages en français comptent 3 lignes" in response.content.decode()
    assert not Criterion.objects.filter(name="Cost modelling").exists()


def test_no_criterion_is_added_once_a_member_has_submitted(client, competition) -> None:  # type: ignore[no-untyped-def]
    declare_all(competition, "chair")
    score(competition, "chair", competition.applications[0], 3)
    events = AuditEvent.objects.count()
    response = _add(client, competition, anchors_en="\n".join(ANCHORS_EN))
    assert response.status_code == 400 and "its criteria are fixed" in response.content.decode()
    assert not Criterion.objects.filter(name="Cost modelling").exists()
    assert AuditEvent.objects.count() == events
