from __future__ import annotations

import pytest

from concours.kernel.reference.language_scales import language_scales
from concours.kernel.reference.memberships import memberships
from concours.kernel.reference.organisations import (
    find_organisation,
    membership_named_in,
    organisation,
    organisations,
)


@pytest.mark.parametrize("name", ["NATO", "nato", "NATO International Staff", "NCIA", "NSPA", "  NATO   IS "])
def test_nato_bodies_are_nato(name: str) -> None:
    found = find_organisation(name)
    assert found is not None and found.key == "nato"


def test_the_first_known_name_decides() -> None:
    """A notice's organisation is tried before its body; an unknown name is passed over."""
    assert find_organisation(None, "NCIA") == organisation("nato")
    assert find_organisation("Acme Corp", "OSCE") == organisation("osce")
    assert find_organisation("Acme Corp", None) is None


def test_every_nato_post_is_for_nationals_of_member_states() -> None:
    nato = organisation("nato")
    assert nato.nationality_rule_standing and nato.membership == "nato"
    assert "87157" in nato.nationality_rule_source


def test_rules_refer_to_known_memberships_and_scales() -> None:
    for item in organisations().values():
        assert item.membership in memberships()
        assert item.language_scale in language_scales()


@pytest.mark.parametrize(
    ("text", "organisation_key", "expected"),
    [
        ("nationals of NATO member countries", None, "nato"),
        ("nationals of NATO member Nations", "nato", "nato"),
        ("nationals of the participating States", "osce", "osce"),
        ("nationals of a Member State of the European Union", None, "eu"),
        ("nationals of member States", "un", "un"),
        ("nationals of member States", None, None),
        ("citizens only", "nato", None),
    ],
)
def test_a_restriction_names_a_membership(
    text: str, organisation_key: str | None, expected: str | None
) -> None:
    owner = organisation(organisation_key) if organisation_key else None
    assert membership_named_in(text, owner) == expected
