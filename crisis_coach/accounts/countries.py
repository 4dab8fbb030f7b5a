"""The country list people choose from in settings (the support panel lists that country's
resources): names from CLDR through Babel in the person's language, as the time-zone list does."""

import functools

from babel import Locale
from django.utils.translation import gettext
from django.utils.translation import override as translation_override

from crisis_coach.accounts.time_zones import BABEL_LOCALES, _sort_key

# CLDR's territories include regions ("001" World, "419" Latin America) and groupings that are not
# countries a person lives in.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "XK"}


@functools.cache
def country_codes() -> frozenset[str]:
    """ISO 3166 alpha-2 codes CLDR names, the same in every language."""
    return (
        frozenset(code for code in Locale.parse("en").territories if len(code) == 2 and code.isalpha())
        - NOT_COUNTRIES
    )


@functools.lru_cache(maxsize=8)
def country_choices(language: str) -> tuple:
    """("", "Not chosen"), then (code, name) sorted by name in `language`. Built once per process."""
    locale = Locale.parse(BABEL_LOCALES.get(language, "en"))
    with translation_override(language):
        blank = gettext("Not chosen")
    names = [(code, locale.territories.get(code, code)) for code in country_codes()]
    return (("", blank), *sorted(names, key=lambda pair: _sort_key(pair[1])))
