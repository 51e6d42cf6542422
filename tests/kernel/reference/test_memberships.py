from __future__ import annotations

from datetime import date, timedelta

import pytest

from concours.kernel.reference.countries import countries
from concours.kernel.reference.memberships import membership, memberships


def test_nato_has_32_members_each_with_a_source() -> None:
    nato = membership("nato")
    assert len(nato.members) == 32
    assert len(nato.members_on(date(2024, 3, 7))) == 32
    assert all(member.since is not None and member.source for member in nato.members.values())


def test_inferred_accession_days_are_marked() -> None:
    """Finland's day is sourced; Sweden's and Spain's days are the commonly cited ones, marked as inferred."""
    nato = membership("nato").members
    assert not nato["FI"].day_inferred
    assert nato["SE"].day_inferred and nato["ES"].day_inferred and nato["DE"].day_inferred


@pytest.mark.parametrize(
    ("code", "joined"),
    [("FI", date(2023, 4, 4)), ("SE", date(2024, 3, 7)), ("MK", date(2020, 3, 27)), ("GB", date(1949, 4, 4))],
)
def test_nato_membership_starts_on_the_accession_day(code: str, joined: date) -> None:
    nato = membership("nato")
    assert not nato.is_member(code, joined - timedelta(days=1))
    assert nato.is_member(code, joined)


def test_the_united_kingdom_left_the_eu_after_31_january_2020() -> None:
    eu = membership("eu")
    assert eu.is_member("GB", date(2020, 1, 31))
    assert not eu.is_member("GB", date(2020, 2, 1))
    assert len(eu.members_on(date(2024, 1, 1))) == 27
    assert eu.members["HR"].since == date(2013, 7, 1)


@pytest.mark.parametrize(("key", "count"), [("osce", 57), ("un", 193), ("eu", 27), ("nato", 32)])
def test_memberships_have_their_number_of_members_today(key: str, count: int) -> None:
    assert len(membership(key).members_on(date(2025, 1, 1))) == count


def test_every_member_is_a_known_country() -> None:
    known = set(countries())
    for item in memberships().values():
        assert set(item.members) <= known, item.key


def test_observer_states_are_not_un_members() -> None:
    un = membership("un")
    assert not un.is_member("VA", date(2025, 1, 1))
    assert not un.is_member("PS", date(2025, 1, 1))
    assert un.is_member("SS", date(2011, 7, 14)) and not un.is_member("SS", date(2011, 7, 13))
