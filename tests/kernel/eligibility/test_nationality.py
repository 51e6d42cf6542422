from __future__ import annotations

from datetime import date

import pytest

from concours.kernel.eligibility.builders import notice, profile
from concours.kernel.eligibility.screen import screen
from concours.kernel.eligibility.verdict import Check


def nationality(nationalities: list[str], on: date, **notice_changes: object) -> Check:
    verdict = screen(profile(nationalities=nationalities), notice(**notice_changes), on=on)
    (found,) = [check for check in verdict.checks if check.criterion == "nationality"]
    return found


@pytest.mark.parametrize(
    ("code", "on", "expected"),
    [
        ("FI", date(2023, 4, 3), "fail"),
        ("FI", date(2023, 4, 4), "pass"),
        ("SE", date(2024, 3, 6), "fail"),
        ("SE", date(2024, 3, 7), "pass"),
        ("SE", date(2025, 1, 1), "pass"),
        ("CH", date(2025, 1, 1), "fail"),
        ("GB", date(1990, 1, 1), "pass"),
    ],
)
def test_membership_is_judged_on_the_application_date(code: str, on: date, expected: str) -> None:
    assert nationality([code], on).result == expected


def test_a_finn_a_day_early_is_told_when_finland_joined() -> None:
    check = nationality(["FI"], date(2023, 4, 3))
    assert check.code == "nationality.fail_not_yet"
    assert "Finland is a member only since 4 April 2023" in check.reason("en")
    assert "depuis le 4 avril 2023" in check.reason("fr")


def test_any_one_qualifying_nationality_suffices() -> None:
    check = nationality(["CH", "SE"], date(2024, 3, 7))
    assert check.result == "pass" and check.params["country"] == "SE"


def test_nato_posts_need_nato_nationality_even_when_the_notice_is_silent() -> None:
    """Seeds 001 and 002 do not write the restriction; NATO's standing rule applies all the same."""
    check = nationality(["CH"], date(2025, 1, 1), nationality_restriction=None)
    assert check.result == "fail" and check.params["standing"] == "nato"
    assert "standing rule of NATO" in check.reason("en")
    assert nationality(["BE"], date(2025, 1, 1), nationality_restriction=None).result == "pass"


def test_the_organisation_may_be_given_by_the_body_or_the_caller() -> None:
    silent = notice(organisation=None, body="NCIA", nationality_restriction=None)
    assert screen(profile(nationalities=["CH"]), silent, on=date(2025, 1, 1)).eligible == "no"
    osce = notice(nationality_restriction=None)
    verdict = screen(profile(nationalities=["CH"]), osce, on=date(2025, 1, 1), organisation="OSCE")
    assert verdict.checks[0].result == "pass"  # Switzerland is an OSCE participating State


def test_an_organisation_without_a_standing_rule_is_open() -> None:
    check = nationality(
        ["JP"], date(2025, 1, 1), organisation="United Nations", body=None, nationality_restriction=None
    )
    assert (check.result, check.code) == ("pass", "nationality.open")


def test_an_unknown_organisation_needs_a_person() -> None:
    check = nationality(
        ["JP"], date(2025, 1, 1), organisation="Acme", body=None, nationality_restriction=None
    )
    assert (check.result, check.code) == ("review", "nationality.review_organisation")


def test_a_restriction_in_unknown_words_needs_a_person() -> None:
    check = nationality(["BE"], date(2025, 1, 1), nationality_restriction="citizens of the Commonwealth")
    assert (check.result, check.code) == ("review", "nationality.review_restriction")


def test_a_restriction_naming_another_membership_applies() -> None:
    eu_only = "nationals of a Member State of the European Union"
    assert (
        nationality(["GB"], date(2020, 2, 1), nationality_restriction=eu_only).code == "nationality.fail_left"
    )
    assert nationality(["NO"], date(2025, 1, 1), nationality_restriction=eu_only).result == "fail"


def test_no_nationality_fails() -> None:
    assert nationality([], date(2025, 1, 1)).code == "nationality.fail_none"
