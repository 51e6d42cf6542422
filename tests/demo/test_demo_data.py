"""The demo data: vacancies meet the notice contract, candidates the profile contract, the plan the funnel.

Plain data and plain functions: no database. The verdicts the outcomes depend on are the kernel's, screened
here from the generated profiles and the demo notices.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from concours.applications.models import Application
from concours.demo.candidates import (
    MEMBER_WEIGHTS,
    NATO_MEMBERS,
    NON_MEMBERS,
    REFERENCE_MONTH,
    REFERENCE_YEAR,
    generate_candidates,
)
from concours.demo.catalogue import PORTAL_KEYS, demo_deadline, load_vacancies, vacancy_files, vacancy_refs
from concours.demo.plan import (
    CLAIMS,
    COHORTS,
    DECISION_REASONS,
    OPEN_PHASE_STATES,
    REASONS,
    Outcome,
    Planned,
    application_plan,
    claimed_positions,
    cohort_size,
    demo_plan,
    outcomes,
)
from concours.demo.routes import route
from concours.kernel.eligibility import compile_requirements, screen_compiled
from concours.kernel.eligibility.claims import Claim
from concours.kernel.reference import membership

REPO_ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = REPO_ROOT.parent / "shared" / "contracts"

FRENCH_PAIRS = (
    ("title", "title_fr"),
    ("summary", "summary_fr"),
    ("accountabilities", "accountabilities_fr"),
    ("additional_information", "additional_information_fr"),
    ("unit_path", "unit_path_fr"),
)


def _validator(name: str) -> Draft202012Validator:
    path = CONTRACTS / name
    if not path.is_file():
        pytest.skip(f"{path} is absent: the shared contracts are not beside the repository")
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _errors(validator: Draft202012Validator, instance: Any) -> list[str]:
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(instance)]


@pytest.fixture(scope="module")
def vacancies() -> list[dict[str, Any]]:
    return load_vacancies()


@pytest.fixture(scope="module")
def candidates() -> list[dict[str, Any]]:
    return generate_candidates()


@pytest.fixture(scope="module")
def people() -> list[dict[str, Any]]:
    """The candidates the demo loads: the 240 who apply across the vacancies, then the cohort."""
    return generate_candidates(240 + cohort_size())


@pytest.fixture(scope="module")
def plan(people: list[dict[str, Any]]) -> list[Planned]:
    return demo_plan(people, vacancy_refs(), general=240)


ON = date(REFERENCE_YEAR, REFERENCE_MONTH, 15)
"""A day in the generator's month, before every demo deadline but the closed vacancy's."""

Verdicts = dict[tuple[int, str], str]


def kernel_verdicts(plan: list[Planned], candidates: list[dict[str, Any]]) -> Verdicts:
    """What screening says of each submission, with the posts its candidate claims (as the loader
    submits them) for each experience requirement."""
    notices = {vacancy["reference"]: vacancy for vacancy in load_vacancies()}
    compiled = {reference: compile_requirements(notice) for reference, notice in notices.items()}
    verdicts = {}
    for row in plan:
        if row.state == "draft":
            continue
        candidate = candidates[row.candidate]
        positions = claimed_positions(candidate["experience"], row.reference)
        claims = None if positions is None else {i: Claim(posts) for i, posts in enumerate(positions)}
        verdicts[(row.candidate, row.reference)] = screen_compiled(
            candidate, compiled[row.reference], on=ON, claims=claims
        ).eligible
    return verdicts


@pytest.fixture(scope="module")
def verdicts(plan: list[Planned], people: list[dict[str, Any]]) -> Verdicts:
    return kernel_verdicts(plan, people)


@pytest.fixture(scope="module")
def settled(plan: list[Planned], verdicts: Verdicts, people: list[dict[str, Any]]) -> list[Outcome]:
    return outcomes(plan, verdicts, people)


def test_there_are_seven_vacancies_with_unique_references(vacancies: list[dict[str, Any]]) -> None:
    """The demo ships seven vacancies, each with its own reference and post references."""
    assert len(vacancies) == 7
    references = [vacancy["reference"] for vacancy in vacancies]
    assert len(set(references)) == 7
    post_refs = [post["reference"] for vacancy in vacancies for post in vacancy["posts"]]
    assert len(set(post_refs)) == len(post_refs)


def test_vacancies_validate_against_the_notice_contract(vacancies: list[dict[str, Any]]) -> None:
    """Every demo vacancy is a valid parsed notice with every contract key present."""
    validator = _validator("notice.schema.json")
    required = validator.schema["required"]
    for vacancy in vacancies:
        assert _errors(validator, vacancy) == [], vacancy["reference"]
        assert [key for key in required if key not in vacancy] == []


def test_vacancies_carry_the_portal_keys(vacancies: list[dict[str, Any]]) -> None:
    """Every demo vacancy has the portal's extra keys, with sensible shapes."""
    for path, vacancy in zip(vacancy_files(), vacancies, strict=True):
        assert [key for key in PORTAL_KEYS if key not in vacancy] == [], path.name
        assert vacancy["source_file"] == f"demo/{path.stem}.json"
        assert path.stem.startswith(vacancy["reference"])
        assert len(vacancy["unit_path"]) >= 2 and vacancy["unit_path"][0] == vacancy["body"].split(" (")[0]
        assert vacancy["zone"] in {"Europe/Brussels", "Europe/Amsterdam"}
        assert 2 <= len(vacancy["summary"]) <= 4
        assert 4 <= len(vacancy["accountabilities"]) <= 6
        assert all(set(item) == {"heading", "text"} for item in vacancy["accountabilities"])
        assert len(vacancy["additional_information"]) >= 3
        assert vacancy["status"] in {"published", "draft"}
        assert isinstance(vacancy["deadline_offset_days"], int)


def test_french_fields_are_filled_and_differ_from_english(vacancies: list[dict[str, Any]]) -> None:
    """Each French field is non-empty, matches its English field's shape and is not a copy of it."""
    for vacancy in vacancies:
        for english_key, french_key in FRENCH_PAIRS:
            english, french = vacancy[english_key], vacancy[french_key]
            assert french, (vacancy["reference"], french_key)
            assert french != english, (vacancy["reference"], french_key)
            if isinstance(english, list):
                assert len(french) == len(english), (vacancy["reference"], french_key)
                assert all(item for item in french)
                assert all(fr != en for fr, en in zip(french, english, strict=True))


def test_offsets_give_five_open_vacancies_and_two_closed(vacancies: list[dict[str, Any]]) -> None:
    """Five vacancies close 10 to 60 days after today; one closed five days ago (its longlist under way),
    the completed competition's over three months ago; exactly one is a draft."""
    offsets = sorted(vacancy["deadline_offset_days"] for vacancy in vacancies)
    assert offsets[0] <= -90 and offsets[1] == -5
    assert all(10 <= offset <= 60 for offset in offsets[2:])
    assert Counter(vacancy["status"] for vacancy in vacancies) == {"published": 6, "draft": 1}
    closed = [vacancy for vacancy in vacancies if vacancy["deadline_offset_days"] < 0]
    assert [vacancy["status"] for vacancy in closed] == ["published", "published"]


def test_demo_deadline_is_today_plus_offset_in_local_time(vacancies: list[dict[str, Any]]) -> None:
    """The demo deadline falls offset days after today at 23:59 in the duty station's zone."""
    today = date(2027, 3, 1)
    for vacancy in vacancies:
        deadline = demo_deadline(vacancy, today=today)
        assert (deadline.date() - today).days == vacancy["deadline_offset_days"]
        assert (deadline.hour, deadline.minute) == (23, 59)
        assert str(deadline.tzinfo) == vacancy["zone"]


def test_essays_name_the_reference_and_key_challenges(vacancies: list[dict[str, Any]]) -> None:
    """Where an essay is required, its title must include the vacancy reference and "Key challenges"."""
    essays = [vacancy for vacancy in vacancies if vacancy["essay"]]
    assert essays
    for vacancy in essays:
        essay = vacancy["essay"]
        assert essay["title_must_include"] == [vacancy["reference"], "Key challenges"]
        assert essay["max_pages"] in (1, 2) and essay["paper"] == "A4"


def test_candidates_validate_against_the_profile_contract(candidates: list[dict[str, Any]]) -> None:
    """Every generated candidate is a valid profile with a name and an example.org e-mail."""
    validator = _validator("candidate.schema.json")
    assert len(candidates) == 240
    for candidate in candidates:
        assert _errors(validator, candidate) == [], candidate["id"]
        assert candidate["name"].strip()
        assert candidate["email"].endswith("@example.org")


def test_candidate_emails_are_unique(candidates: list[dict[str, Any]]) -> None:
    """No two candidates share an e-mail address, and each follows firstname.lastname.N."""
    emails = [candidate["email"] for candidate in candidates]
    assert len(set(emails)) == len(emails)
    for number, email in enumerate(emails, start=1):
        assert email.isascii()
        assert email.split("@")[0].split(".")[-1] == str(number)


def test_generation_is_deterministic() -> None:
    """The same seed gives the same candidates and plan; another seed gives different ones."""
    first, again = generate_candidates(seed=11), generate_candidates(seed=11)
    assert first == again
    assert generate_candidates(seed=12) != first
    refs = vacancy_refs()
    assert application_plan(first, refs, seed=11) == application_plan(again, refs, seed=11)


def test_candidates_mix_eligible_and_ineligible_profiles(candidates: list[dict[str, Any]]) -> None:
    """Most candidates are NATO nationals; some are not, some hold two nationalities, some use CEFR."""
    outsiders = [c for c in candidates if not NATO_MEMBERS.intersection(c["nationalities"])]
    assert 0.04 * len(candidates) <= len(outsiders) <= 0.14 * len(candidates)
    assert any(len(c["nationalities"]) > 1 for c in candidates)
    assert any({"FI", "SE"} & set(c["nationalities"]) for c in candidates)
    scales = Counter(
        item.get("scale") for c in candidates for item in c["languages"] if item["language"] == "en"
    )
    assert scales["NATO"] > scales["CEFR"] > 0
    assert any(c["serving_staff"] for c in candidates)


def test_candidate_careers_have_varied_posts(candidates: list[dict[str, Any]]) -> None:
    """Experience has 2 to 6 dated posts, some ongoing, some part-time, some overlapping."""
    ongoing = part_time = overlapping = 0
    for candidate in candidates:
        posts = candidate["experience"]
        assert 2 <= len(posts) <= 6
        assert all(post["end"] is None or post["start"] <= post["end"] for post in posts)
        ongoing += any(post["end"] is None for post in posts)
        part_time += any(post.get("fte", 1) < 1 for post in posts)
        ends = [post["end"] or "9999-12" for post in posts]
        overlapping += any(later["start"] <= ends[i] for i, later in enumerate(posts[1:]))
    assert ongoing > len(candidates) / 2
    assert part_time > 0 and overlapping > 0


def test_the_people_data_agree_with_the_kernels_memberships() -> None:
    """Countries drawn as members are NATO members on the generator's date; the others are not."""
    on = date(REFERENCE_YEAR, REFERENCE_MONTH, 1)
    nato = membership("nato")
    assert [code for code in MEMBER_WEIGHTS if not nato.is_member(code, on)] == []
    assert [code for code in NON_MEMBERS if nato.is_member(code, on)] == []
    assert nato.members_on(on) == NATO_MEMBERS


def test_the_plan_has_one_application_per_candidate_and_vacancy(plan: list[Planned]) -> None:
    """No candidate applies twice to the same vacancy; the candidate drafts, submits or withdraws."""
    pairs = Counter((row.candidate, row.reference) for row in plan)
    assert len(plan) >= 300 and max(pairs.values()) == 1
    assert {row.state for row in plan} == {"draft", "submitted", "withdrawn"}


def test_the_plan_targets_only_published_vacancies(plan: list[Planned], people: list[dict[str, Any]]) -> None:
    """Applications go only to published vacancies, from generated candidates."""
    assert {row.reference for row in plan} == set(vacancy_refs(status="published"))
    assert all(0 <= row.candidate < len(people) for row in plan)


def test_a_cohort_applies_only_to_its_vacancy_and_leaves_the_others_plan_alone(
    plan: list[Planned], people: list[dict[str, Any]]
) -> None:
    """The completed competition's applicants are the candidates after the first 240, and apply only
    to it; the other vacancies get the plan they would get without it."""
    assert list(COHORTS) == ["260108"] and people[:240] == generate_candidates()
    cohort = [row for row in plan if row.reference in COHORTS]
    assert len(cohort) >= 30 and all(240 <= row.candidate < 240 + cohort_size() for row in cohort)
    others = [reference for reference in vacancy_refs() if reference not in COHORTS]
    assert [row for row in plan if row.reference not in COHORTS] == application_plan(people[:240], others)


def test_the_demo_claims_a_post_list_for_each_experience_requirement(vacancies: list[dict[str, Any]]) -> None:
    """Every demo vacancy says what shows each of its experience requirements, one entry per requirement."""
    for vacancy in vacancies:
        assert len(CLAIMS[vacancy["reference"]]) == len(vacancy.get("experience") or []), vacancy["reference"]


def test_claims_name_the_posts_that_show_each_experience() -> None:
    """A candidate claims the posts whose title, employer or tags show a requirement, and only those."""
    posts = [
        {"title": "Team Assistant", "employer": "Harlow & Finch Consulting", "tags": []},
        {"title": "Executive Assistant", "employer": "Ministry of Foreign Affairs of Norway", "tags": []},
        {
            "title": "Office Manager",
            "employer": "NATO International Staff",
            "tags": ["international_organisation"],
        },
        {
            "title": "Research Assistant",
            "employer": "Institute for Atlantic Security Studies",
            "tags": ["policy"],
        },
    ]
    assert claimed_positions(posts, "260151") == [(0, 1, 2), (1, 2)]
    assert claimed_positions(posts, "999999") is None


def test_every_vacancy_with_submissions_has_eligible_applicants(verdicts: Verdicts) -> None:
    """Screened with the posts the candidates claim, each vacancy has eligible applicants, and not all."""
    by_reference: dict[str, Counter[str]] = {}
    for (_candidate, reference), verdict in verdicts.items():
        by_reference.setdefault(reference, Counter())[verdict] += 1
    assert by_reference
    for reference, found in by_reference.items():
        assert found["yes"] >= 3 and found["no"] > 0, (reference, found)


def test_outcomes_cover_every_state_with_a_realistic_funnel(settled: list[Outcome]) -> None:
    """With the kernel's verdicts every state is reached, many more screened than selected."""
    counts = Counter(outcome.state for outcome in settled)
    assert set(counts) == set(Application.Status.values)
    assert counts["submitted"] + counts["screened_in"] + counts["screened_out"] > len(settled) / 2
    assert counts["selected"] < counts["shortlisted"] + counts["not_selected"] + counts["reserve"]


def test_outcomes_follow_the_verdicts(settled: list[Outcome], verdicts: Verdicts) -> None:
    """Only an eligible verdict, or one left to review and decided eligible, passes screening; the
    recruiter decides only verdicts left to review; the candidate's own draft or withdrawal stands."""
    passed = set(Application.Status.values) - {"draft", "submitted", "withdrawn", "screened_out"}
    for outcome in settled:
        verdict = verdicts.get((outcome.candidate, outcome.reference))
        if outcome.decision:
            assert verdict == "review" and outcome.decision in ("yes", "no"), outcome
        final = outcome.decision or verdict
        if outcome.state in passed:
            assert final == "yes", (outcome, verdict)
        if outcome.state == "screened_out":
            assert final == "no", (outcome, verdict)


def test_no_verdict_eligible_means_nobody_passes(plan: list[Planned], people: list[dict[str, Any]]) -> None:
    """Were every verdict "no", every submitted application would stay submitted or be screened out."""
    nobody = {(row.candidate, row.reference): "no" for row in plan if row.state != "draft"}
    states = {outcome.state for outcome in outcomes(plan, nobody, people)}
    assert states <= {"draft", "submitted", "withdrawn", "screened_out"}
    assert "screened_out" in states


def test_non_members_never_pass_screening(settled: list[Outcome], people: list[dict[str, Any]]) -> None:
    """Candidates with no NATO nationality, failed by the kernel, never get past screening."""
    for outcome in settled:
        if not NATO_MEMBERS.intersection(people[outcome.candidate]["nationalities"]):
            assert outcome.state in {"draft", "submitted", "withdrawn", "screened_out"}, outcome


def test_open_vacancies_wait_for_their_deadline(
    settled: list[Outcome], vacancies: list[dict[str, Any]]
) -> None:
    """Longlisting and later stages only where the deadline has passed."""
    offsets = {vacancy["reference"]: vacancy["deadline_offset_days"] for vacancy in vacancies}
    for outcome in settled:
        if offsets[outcome.reference] >= 0:
            assert outcome.state in OPEN_PHASE_STATES, outcome


def test_outcomes_select_no_more_than_posts_plus_two(
    settled: list[Outcome], vacancies: list[dict[str, Any]]
) -> None:
    """Per vacancy, selections never exceed its posts, and selected plus reserve never exceed posts + 2."""
    for vacancy in vacancies:
        states = Counter(outcome.state for outcome in settled if outcome.reference == vacancy["reference"])
        assert states["selected"] <= len(vacancy["posts"])
        assert states["selected"] + states["reserve"] <= len(vacancy["posts"]) + 2


def test_outcomes_are_deterministic(
    plan: list[Planned], verdicts: Verdicts, people: list[dict[str, Any]], settled: list[Outcome]
) -> None:
    """The same plan and verdicts give the same outcomes (a second load finds nothing to do)."""
    assert outcomes(plan, dict(reversed(verdicts.items())), people) == settled


def test_every_outcome_is_reachable_and_every_move_has_a_reason(settled: list[Outcome]) -> None:
    """From submission the workflow reaches each outcome (through its `via`); each recruiter move on the
    way has the reason the recruiter writes, and each decision its reason."""
    for outcome in settled:
        if outcome.state == "draft":
            continue
        steps = route("submitted", *[state for state in (outcome.via, outcome.state) if state])
        assert (steps[-1] if steps else "submitted") == outcome.state
        assert [step for step in steps if step not in REASONS and step != "withdrawn"] == []
        if outcome.decision:
            assert DECISION_REASONS[outcome.decision].strip()
