"""Page parts cached under a version of the data they show (the template's {% cache %}).

A part is cached for a person under `key(request, version)`: the version is a number the database
moves on every write to what the part shows (PostgreSQL triggers, crisis_coach/common/triggers.py),
read with the person's row before any of that data. So no write is ever shown late; SECONDS is how
late the clock's own verdicts may turn ("quiet for 14 days", "5 minutes ago"). The view gives the
part's values to the template lazily (SimpleLazyObject), so a part served from the cache reads none
of them. No POST form goes in a cached part (a GET filter form may): its CSRF token and its
submission token (the double-submit guard, common/services.create_once) must be new on every page.
The parts are kept in each worker's memory (settings.CACHES["template_fragments"]), never in the
database. bench/RESULTS.md has the numbers.
"""

from django.utils import timezone
from django.utils.translation import get_language

SECONDS = 60


def key(request, version: int) -> str:
    """The reader; the data's version; the day and zone that dates count in; the language and how it
    addresses the reader (crisis_coach/common/addressing.py); the filters, sort and page."""
    return ":".join(
        str(part)
        for part in (
            request.user.pk,
            version,
            timezone.localdate().isoformat(),
            timezone.get_current_timezone_name(),
            get_language(),
            request.user.address_as,
            request.GET.urlencode(),
        )
    )
