from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from concours.accounts.models import Role
from concours.core.audit import audit_events_for
from concours.vacancies.models import Vacancy
from concours.vacancies.notice_form import NoticeForm, notice_initial
from factories import VacancyFactory, make_user
from review_form import review_data

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
GOLD = SEEDS / "gold"


def _seed(name: str) -> Path:
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is not beside the repository")
    return next(SEEDS.glob(f"{name}_*.txt"))


@pytest.mark.parametrize(
    "gold", sorted(GOLD.glob("*.json")) if GOLD.exists() else [], ids=lambda p: p.stem[:3]
)
def test_the_review_form_gives_back_every_field_of_a_notice(gold: Path) -> None:
    """Seeding the form with a notice and submitting it unchanged yields the same notice."""
    import json

    notice = json.loads(gold.read_text())
    initial = notice_initial(notice, title_fr="", zone="Europe/Brussels", deadline=None)
    data = {key: "" if value is None else value for key, value in initial.items()}
    data["deadline"] = ""
    for key in ("essay_required", "genai_prohibited"):
        if not data[key]:
            data.pop(key)
    form = NoticeForm(data)
    assert form.is_valid(), form.errors
    again = form.to_notice(notice)
    for key in notice:
        if key in {"deadline", "source_file", "min_years_experience"}:
            continue
        assert again[key] == notice[key], key


def test_a_recruiter_imports_notices_through_the_page(client) -> None:  # type: ignore[no-untyped-def]
    """Uploading two files shows a report: one draft created, one file skipped with its reason."""
    client.force_login(make_user(Role.RECRUITER))
    notice = SimpleUploadedFile("251082.txt", _seed("000").read_bytes())
    empty = SimpleUploadedFile("empty.txt", b"")
    page = client.post(reverse("backoffice:import"), {"notices": [notice, empty]}).content.decode()
    assert "created" in page and "skipped" in page and "empty.txt" in page
    vacancy = Vacancy.objects.get(reference="251082")
    assert vacancy.status == Vacancy.Status.DRAFT


def test_the_recruiter_corrects_the_draft_beside_its_source_and_publishes(client) -> None:  # type: ignore[no-untyped-def]
    """Every parsed field is editable, the source text is shown, the edit is audited, publishing works."""
    recruiter = make_user(Role.RECRUITER)
    client.force_login(recruiter)
    client.post(
        reverse("backoffice:import"), {"notices": [SimpleUploadedFile("a.txt", _seed("004").read_bytes())]}
    )
    vacancy = Vacancy.objects.get(reference="250875")
    page = client.get(reverse("backoffice:review", args=[vacancy.pk])).content.decode()
    assert "Source text" in page and "Selective assessment" in page and "PASP0109" in page
    form = NoticeForm(
        initial=notice_initial(vacancy.notice, title_fr="", zone=vacancy.zone, deadline=vacancy.deadline)
    )
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items() if v not in (False,)}
    data["deadline"] = "2027-02-01T12:00"
    data["title_fr"] = "Chef de section (2 postes)"
    data["grade"] = "G22"
    data["essay_max_pages"] = 2
    data["seen"] = vacancy.updated_at.isoformat()  # the version the page carries
    response = client.post(reverse("backoffice:review", args=[vacancy.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    vacancy.refresh_from_db()
    assert vacancy.title_fr == "Chef de section (2 postes)" and vacancy.notice["essay"]["max_pages"] == 2
    assert vacancy.local_deadline.strftime("%Y-%m-%d %H:%M") == "2027-02-01 12:00"
    assert vacancy.posts.count() == 2
    assert audit_events_for(vacancy).filter(event_type="VACANCY_UPDATED", actor=recruiter).exists()
    data["seen"] = vacancy.updated_at.isoformat()
    client.post(reverse("backoffice:review", args=[vacancy.pk]), {**data, "action": "publish"})
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED


def test_a_draft_without_a_deadline_cannot_be_published(client) -> None:  # type: ignore[no-untyped-def]
    """Publishing asks for the deadline first."""
    vacancy = VacancyFactory(status=Vacancy.Status.DRAFT, deadline=None)
    client.force_login(make_user(Role.RECRUITER))
    data = review_data(vacancy)
    client.post(reverse("backoffice:review", args=[vacancy.pk]), {**data, "action": "publish"})
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.DRAFT


def test_bad_lines_in_the_review_form_are_named() -> None:
    """A malformed experience or language line gets an error quoting it."""
    form = NoticeForm(
        {
            "title": "T",
            "organisation": "NATO",
            "zone": "Europe/Brussels",
            "experience": "ten years | policy",
            "language_scale": "NATO",
            "language_alternatives": "English VI",
        }
    )
    assert not form.is_valid()
    assert "ten years" in str(form.errors["experience"]) and "English VI" in str(
        form.errors["language_alternatives"]
    )


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.PANEL_MEMBER, Role.HIRING_MANAGER])
def test_only_recruiters_import_review_and_publish(client, role: Role) -> None:  # type: ignore[no-untyped-def]
    """The three notice pages refuse every other role."""
    vacancy = VacancyFactory(status=Vacancy.Status.DRAFT)
    client.force_login(make_user(role))
    assert client.get(reverse("backoffice:import")).status_code == 403
    assert client.get(reverse("backoffice:review", args=[vacancy.pk])).status_code == 403
    data = {**review_data(vacancy), "action": "publish"}
    assert client.post(reverse("backoffice:review", args=[vacancy.pk]), data).status_code == 403
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.DRAFT


def test_the_review_page_names_the_fields_a_failing_rule_left_unread(client) -> None:  # type: ignore[no-untyped-def]
    """A parser rule that failed in production is listed for the recruiter, field by field."""
    warning = {"rule": "role.report_counts", "fields": ["direct_reports", "posts"], "error": "ValueError"}
    vacancy = VacancyFactory(notice={"title": "Head of Section", "warnings": [warning]})
    client.force_login(make_user(Role.RECRUITER))
    page = client.get(reverse("backoffice:review", args=[vacancy.pk])).content.decode()
    assert 'id="unread-fields"' in page and "direct_reports, posts" in page
    clean = VacancyFactory(notice={"title": "Head of Section", "warnings": []})
    assert (
        'id="unread-fields"' not in client.get(reverse("backoffice:review", args=[clean.pk])).content.decode()
    )


def test_a_notice_file_over_the_upload_limit_is_skipped_by_its_size(client, settings) -> None:  # type: ignore[no-untyped-def]
    """A notice larger than the upload limit is reported as too large (it arrives with nothing kept)."""
    settings.CONCOURS_MAX_UPLOAD_BYTES = 1024 * 1024
    client.force_login(make_user(Role.RECRUITER))
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024))
    page = client.post(reverse("backoffice:import"), {"notices": [big]}).content.decode()
    assert "skipped" in page and "The notice “big.pdf” is larger than 1 MB." in page
    assert not Vacancy.objects.exists()


def test_a_language_with_no_level_goes_through_the_review_form_unchanged() -> None:
    """'Required Language(s): English' is parsed as English with min_level null: the form shows the code
    alone ("en") and gives the null level back; a code and a level still read as before."""
    languages = {
        "scale": "UN",
        "any_of": [
            [{"language": "en", "min_level": "fluent"}, {"language": "tet", "min_level": None}],
            [{"language": "en", "min_level": "fluent"}, {"language": "pt", "min_level": None}],
        ],
    }
    initial = notice_initial(
        {"title": "T", "organisation": "UNDP", "languages": languages},
        title_fr="",
        zone="Asia/Dili",
        deadline=None,
    )
    assert initial["language_alternatives"] == "en fluent, tet\nen fluent, pt"
    form = NoticeForm(
        {
            "title": "T",
            "organisation": "UNDP",
            "zone": "Asia/Dili",
            "language_scale": "UN",
            "language_alternatives": initial["language_alternatives"],
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["language_alternatives"] == languages["any_of"]


def test_the_language_scales_of_the_review_form_are_named_in_french() -> None:
    """The scale choices read "OTAN (I–VI)" and "CECRL (A1–C2)" on a French review page."""
    with translation.override("fr"):
        choices = [str(label) for _value, label in NoticeForm().fields["language_scale"].choices]
    assert "OTAN (I–VI)" in choices and "CECRL (A1–C2)" in choices
    assert "NATO (I–VI)" not in choices


def test_an_import_without_any_file_says_a_file_is_needed(client) -> None:  # type: ignore[no-untyped-def]
    """Sent with no file (the browser's check bypassed), the page says the field is required rather than
    coming back as if nothing had been asked."""
    client.force_login(make_user(Role.RECRUITER))
    # A browser's form sends its CSRF token even with no file (the test client does not check it).
    data = {"csrfmiddlewaretoken": "token"}
    response = client.post(reverse("backoffice:import"), data, HTTP_ACCEPT_LANGUAGE="fr")
    page = response.content.decode()
    assert "Ce champ est obligatoire." in page and 'id="import-report"' not in page
    assert not Vacancy.objects.exists()
