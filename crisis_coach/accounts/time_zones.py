"""The time-zone list people choose from: grouped by region, cities named in their language.

City and country names come from CLDR through Babel, so 台北 and تايبيه need no table of ours. The
list holds CLDR's canonical zones (one per place, no "US/Eastern" or "Etc/GMT+5"), but any name
zoneinfo knows is accepted and kept: a browser may report an older alias, a stored one stays valid.
"""

import functools
import unicodedata
import zoneinfo

from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_location
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import override as translation_override

# IANA's first part, in the order the list shows them; the labels are ours (CLDR names no oceans).
REGIONS = {
    "Africa": pgettext_lazy("time zone region", "Africa"),
    "America": pgettext_lazy("time zone region", "Americas"),
    "Antarctica": pgettext_lazy("time zone region", "Antarctica"),
    "Arctic": pgettext_lazy("time zone region", "Arctic"),
    "Asia": pgettext_lazy("time zone region", "Asia"),
    "Atlantic": pgettext_lazy("time zone region", "Atlantic Ocean"),
    "Australia": pgettext_lazy("time zone region", "Australia"),
    "Europe": pgettext_lazy("time zone region", "Europe"),
    "Indian": pgettext_lazy("time zone region", "Indian Ocean"),
    "Pacific": pgettext_lazy("time zone region", "Pacific Ocean"),
}
# Django's language codes to CLDR's.
BABEL_LOCALES = {"en": "en", "zh-hant": "zh_Hant", "ar": "ar"}


@functools.cache
def known_zones() -> frozenset[str]:
    """Every name the server can compute dates in ("localtime" is this host's, not a place)."""
    return frozenset(zoneinfo.available_timezones() - {"localtime"})


def canonical_zone(name: str) -> str:
    """The current name of a zone a browser may report by an older one (Asia/Calcutta → Asia/Kolkata)."""
    current = get_global("zone_aliases").get(name, name)
    return current if current in known_zones() else name


@functools.cache
def listed_zones() -> frozenset[str]:
    """The zones the list offers, the same in every language."""
    regional = {name for name in get_global("zone_territories") if name.split("/", 1)[0] in REGIONS}
    return frozenset({"UTC"} | (regional & known_zones()))


def _sort_key(label: str) -> str:
    # Accents aside, so "Île" sorts among the I's, as a reader looks for it.
    decomposed = unicodedata.normalize("NFKD", label.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=8)
def zone_choices(language: str) -> tuple:
    """Grouped (region, ((zone, "City (Country)"), …)) choices in `language`, built once per process.

    Building them reads CLDR for some 420 zones (tens of milliseconds); the settings page must not pay
    that on every view. The result is a tuple so no caller can change another's list.
    """
    locale = Locale.parse(BABEL_LOCALES.get(language, "en"))
    territory_of = get_global("zone_territories")
    with translation_override(language):
        city_in_country = gettext("%(city)s (%(country)s)")
        groups = {region: [] for region in REGIONS}
        for name in listed_zones() - {"UTC"}:
            city = get_timezone_location(name, locale=locale, return_city=True)
            country = locale.territories.get(territory_of[name])
            label = (
                city_in_country % {"city": city, "country": country} if country not in (None, city) else city
            )
            groups[name.split("/", 1)[0]].append((name, label))
        return (
            ("UTC", "UTC"),
            *(
                (str(REGIONS[region]), tuple(sorted(zones, key=lambda zone: _sort_key(zone[1]))))
                for region, zones in groups.items()
                if zones
            ),
        )


def zone_choices_with(language: str, current: str | None) -> list:
    """The list in `language`, plus `current` when it is a valid zone the list leaves out (an alias
    stored earlier, or one a browser reported), so a form shows it selected instead of losing it."""
    choices = list(zone_choices(language))
    if current and current in known_zones() and current not in listed_zones():
        choices.append((pgettext("time zone region", "Other"), ((current, current.replace("_", " ")),)))
    return choices
