from __future__ import annotations

import pytest
from django.urls import reverse

from factories import VacancyFactory

pytestmark = pytest.mark.django_db


def test_the_portal_lists_published_vacancies_only(client) -> None:  # type: ignore[no-untyped-def]
    """Drafts are not shown to the public."""
    published, draft = VacancyFactory(), VacancyFactory(status="draft")
    page = client.get(reverse("vacancies:list")).content.decode()
    assert published.title in page and draft.title not in page
    assert client.get(reverse("vacancies:detail", args=[draft.pk])).status_code == 404


def test_search_finds_by_title_reference_and_grade(client) -> None:  # type: ignore[no-untyped-def]
    """The search box matches words of the title, the reference and the grade."""
    policy = VacancyFactory(title="Senior Policy Officer", grade="G17")
    legal = VacancyFactory(title="Legal Adviser", grade="G20")
    for query, shown, hidden in [
        ("senior", policy, legal),  # "policy" is in both notices' text, which the search reads too
        (legal.reference, legal, policy),
        ("G20", legal, policy),
    ]:
        page = client.get(reverse("vacancies:list"), {"q": query}).content.decode()
        assert shown.title in page and hidden.title not in page


def test_a_vacancy_page_shows_every_section_of_its_notice(client) -> None:  # type: ignore[no-untyped-def]
    """Summary, challenges, qualifications, competencies, contract, essay and timeline are on the page."""
    notice = {
        "title": "Head of Section",
        "summary": ["The section leads the work on partnerships."],
        "principal_issues": ["Partnership policy"],
        "key_challenges": ["Renew the partnership tools."],
        "essential_qualifications": ["have a university degree;"],
        "desirable_qualifications": ["a post-graduate degree;"],
        "accountabilities": [{"heading": "People management", "text": "Leads a team of eight."}],
        "reports_to": "Director, Security Policy",
        "direct_reports": 8,
        "competencies": [{"name": "Achievement", "level": "Sets and works to meet challenging goals"}],
        "contract": {"type": "definite", "initial_years": 3, "renewal_years": 3, "max_years": 6},
        "essay": {
            "required": True,
            "max_pages": 1,
            "paper": "A4",
            "format": "docx",
            "title_must_include": ["260001", "Key challenges"],
            "due": "2027-01-15",
        },
        "selection_timeline": [
            {"stage": "Final assessment", "when": "March 2027", "where": "Brussels, Belgium"}
        ],
        "additional_information": ["Reasonable accommodation is available on request."],
        "genai_prohibited": True,
    }
    vacancy = VacancyFactory(notice=notice)
    page = client.get(reverse("vacancies:detail", args=[vacancy.pk])).content.decode()
    for text in [
        "The section leads",
        "Partnership policy",
        "Renew the partnership",
        "university degree",
        "post-graduate",
        "Leads a team of eight",
        "Director, Security Policy",
        "Sets and works to meet",
        "Definite duration contract",
        "Maximum period of service: 6 years",
        "At most 1 A4 page",
        "260001",
        "Final assessment",
        "Reasonable accommodation",
        "generative AI",
    ]:
        assert text in page, text


def test_a_closed_vacancy_offers_no_apply_button(client) -> None:  # type: ignore[no-untyped-def]
    """After the deadline the page says applications are closed."""
    import datetime as dt

    from django.utils import timezone

    vacancy = VacancyFactory(deadline=timezone.now() - dt.timedelta(days=1))
    page = client.get(reverse("vacancies:detail", args=[vacancy.pk])).content.decode()
    assert "closed" in page and reverse("applications:apply", args=[vacancy.pk]) not in page
