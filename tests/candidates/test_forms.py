"""The profile's lines: one nobody touched is not a line (issue 12)."""

from __future__ import annotations

import lxml.html
from django.utils.datastructures import MultiValueDict

from concours.candidates.forms import EducationForm, ExperienceForm, LanguageForm, country_choices


def untouched(form_class) -> MultiValueDict:  # type: ignore[no-untyped-def]
    """What a browser sends for the empty line as rendered: each select's first option, each input's value,
    no unticked box."""
    html = lxml.html.fromstring(f"<form>{form_class(prefix='x').as_div()}</form>")
    sent = MultiValueDict()
    for name, value in html.form_values():
        sent.appendlist(name, value)
    return sent


def test_an_untouched_line_has_not_changed() -> None:
    """The empty language, degree and post lines are sent unchanged, so the formset ignores them."""
    for form_class in (LanguageForm, EducationForm, ExperienceForm):
        assert not form_class(
            untouched(form_class), prefix="x", empty_permitted=True, use_required_attribute=False
        ).has_changed(), form_class


def test_a_line_with_only_a_level_chosen_asks_for_the_rest() -> None:
    """A degree whose level alone is chosen is a line, and a valid one (the rest is optional)."""
    form = EducationForm(
        {**untouched(EducationForm), "x-level": "master"},
        prefix="x",
        empty_permitted=True,
        use_required_attribute=False,
    )
    assert form.has_changed() and form.is_valid()


def test_countries_sort_without_regard_to_accents() -> None:
    from django.utils import translation

    with translation.override("fr"):
        names = [name for _code, name in country_choices()]
    assert names.index("Égypte") < names.index("Équateur") < names.index("Érythrée") < names.index("Espagne")
