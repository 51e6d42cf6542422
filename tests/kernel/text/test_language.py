"""Which language a notice is written in, checked on the real notices whose language is known."""

from __future__ import annotations

from pathlib import Path

import pytest

from concours.kernel.text.language import text_language

REAL = Path(__file__).resolve().parents[4] / "shared" / "notices-real"
# The French ones, as the set's README lists them; every other notice there is in English.
FRENCH = {
    "prefixes/03",
    "prefixes/04",
    "prefixes/12",
    "prefixes/13",
    "prefixes/21",
    "prefixes/32",
    "full/04",
    "full/06",
    "full/08",
    "full/10",
    "full/12",
}


def test_own_samples() -> None:
    assert text_language("Le/La titulaire du poste doit avoir une expérience dans le domaine.") == "fr"
    assert text_language("The incumbent must have experience in the field of arms control.") == "en"
    assert text_language("") == "en"


def test_every_real_notice_is_read_in_its_language() -> None:
    if not REAL.exists():
        pytest.skip("../shared/notices-real is not beside the repository")
    for path in sorted(REAL.glob("*/*.txt")):
        name = f"{path.parent.name}/{path.name[:2]}"
        expected = "fr" if name in FRENCH else "en"
        assert text_language(path.read_text(encoding="utf-8")) == expected, name
