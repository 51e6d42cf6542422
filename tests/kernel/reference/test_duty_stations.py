from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from concours.kernel.reference._data import load
from concours.kernel.reference.duty_stations import default_zone, zone_for_location


@pytest.mark.parametrize(
    ("location", "zone"),
    [
        ("Brussels, Belgium", "Europe/Brussels"),
        ("Mons, Belgium", "Europe/Brussels"),
        ("The Hague, Netherlands", "Europe/Amsterdam"),
        ("Norfolk, United States", "America/New_York"),
        ("Vienna, Austria", "Europe/Vienna"),
        ("Atlantis", "Europe/Brussels"),
        (None, "Europe/Brussels"),
    ],
)
def test_a_location_gives_its_zone(location: str | None, zone: str) -> None:
    assert zone_for_location(location) == zone


def test_every_zone_is_a_real_time_zone() -> None:
    for zone in {*load("duty_stations")["stations"].values(), default_zone()}:
        ZoneInfo(zone)
