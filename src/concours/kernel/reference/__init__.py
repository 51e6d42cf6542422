"""Reference data with sources: treaty memberships, countries, organisations' rules, language scales,
degree levels, duty stations. The data are JSON files in `data/`, read once and cached."""

from __future__ import annotations

from concours.kernel.reference.countries import (
    Country,
    countries,
    country,
    country_for,
    country_name,
    is_country,
)
from concours.kernel.reference.degrees import degree_levels, degree_name, degree_rank
from concours.kernel.reference.duty_stations import (
    DutyStation,
    default_zone,
    duty_stations,
    location_in,
    station_for,
    zone_for_location,
)
from concours.kernel.reference.language_scales import LanguageScale, language_scale, language_scales
from concours.kernel.reference.languages import is_language, language_name
from concours.kernel.reference.memberships import Member, Membership, membership, memberships
from concours.kernel.reference.organisations import (
    Organisation,
    find_organisation,
    membership_named_in,
    organisation,
    organisations,
)

__all__ = [
    "Country",
    "DutyStation",
    "LanguageScale",
    "Member",
    "Membership",
    "Organisation",
    "countries",
    "country",
    "country_for",
    "country_name",
    "default_zone",
    "degree_levels",
    "degree_name",
    "degree_rank",
    "duty_stations",
    "find_organisation",
    "is_country",
    "is_language",
    "language_name",
    "language_scale",
    "language_scales",
    "location_in",
    "membership",
    "membership_named_in",
    "memberships",
    "organisation",
    "organisations",
    "station_for",
    "zone_for_location",
]
