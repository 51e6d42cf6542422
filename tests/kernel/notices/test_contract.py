"""The contract offered."""

from __future__ import annotations

from concours.kernel.notices.contract import contract
from concours.kernel.notices.sections import Notice


def test_definite_contract_with_renewal_maximum_and_conversion() -> None:
    """Type, initial, renewal and maximum years, and the possibility of conversion, as stated."""
    text = (
        "Definite duration contract of three years; possibility of renewal for up to three years, "
        "during which the "
        "incumbent may apply for conversion to an indefinite duration contract. The maximum period "
        "of service in "
        "this post is six years."
    )
    assert contract(Notice(text)) == {
        "type": "definite",
        "initial_years": 3,
        "renewal_years": 3,
        "max_years": 6,
        "extension_years": None,
        "conversion_possible": True,
    }


def test_initial_period_and_extension_without_a_type() -> None:
    """'an initial period of 3 years ... a one-year extension' names no contract type: type stays None."""
    text = (
        "The successful applicant will be employed for an initial period of 3 years. "
        "Exceptionally, there may be possibility of a one-year extension thereafter."
    )
    found = contract(Notice(text))
    assert found is not None
    assert (found["type"], found["initial_years"], found["extension_years"]) == (None, 3, 1)


def test_french_contract() -> None:
    """'contrat de durée déterminée de trois ans, renouvelable pour une période maximale de trois ans'."""
    text = "contrat de durée déterminée de trois ans, renouvelable pour une période maximale de trois ans."
    found = contract(Notice(text))
    assert found is not None
    assert (found["type"], found["initial_years"], found["renewal_years"]) == ("definite", 3, 3)


def test_type_label_of_osce_and_eu_notices() -> None:
    """'Type of Appointment: Seconded' and 'Type of contract: Temporary agent' set the type."""
    assert contract(Notice("Type of Appointment: Seconded"))["type"] == "secondment"  # type: ignore[index]
    assert contract(Notice("Type of contract: Temporary agent"))["type"] == "temporary"  # type: ignore[index]


def test_no_contract_wording_gives_none() -> None:
    """A notice silent on the contract has contract None."""
    assert (
        contract(
            Notice("Make contract renewal or conversion recommendations in the best interests of staff.")
        )
        is None
    )
