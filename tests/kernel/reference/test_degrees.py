from __future__ import annotations

from concours.kernel.reference.degrees import degree_levels, degree_name, degree_rank


def test_degree_levels_are_ordered() -> None:
    assert degree_levels() == ("secondary", "bachelor", "master", "doctorate")
    assert (
        degree_rank("secondary") < degree_rank("bachelor") < degree_rank("master") < degree_rank("doctorate")
    )


def test_degree_levels_have_names_in_both_languages() -> None:
    assert degree_name("master", "en") == "a master's degree"
    assert degree_name("doctorate", "fr") == "un doctorat"
