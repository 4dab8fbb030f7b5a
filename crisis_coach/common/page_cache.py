"""Page parts cached under a version of the data they show ({% page_part %}, common/templatetags/
page_parts.py).

A part is cached for a person under `part(request, version, build)`: the version is a number the
database moves on every write to what the part shows (PostgreSQL triggers, crisis_coach/common/
triggers.py), read with the person's row before any of that data. So no write is ever shown late;
SECONDS is how late the clock's own verdicts may turn ("quiet for 14 days", "5 minutes ago").
`build()` returns the part's own values, and runs only when the cache misses, so a part served from
the cache reads none of them.

A part may hold POST forms: what must be new on every page, the CSRF token and each form's
submission token (the double-submit guard, common/services.create_once), is cached as a hole and
filled on every request. A part is cached only for a GET: a POST's page shows what was typed and its
errors. The parts are kept in each worker's memory (settings.CACHES["template_fragments"]), never in
the database. bench/RESULTS.md has the numbers.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import get_language

SECONDS = 60


def key(request, version: int) -> str:
    """The reader; the data's version; the day and zone that dates count in; the language and how it
    addresses the reader (crisis_coach/common/addressing.py); the page's address (a case's pages
    name the case in it); the filters, sort and page."""
    return ":".join(
        str(part)
        for part in (
            request.user.pk,
            version,
            timezone.localdate().isoformat(),
            timezone.get_current_timezone_name(),
            get_language(),
            request.user.address_as,
            request.path,
            request.GET.urlencode(),
        )
    )


@dataclass(frozen=True)
class Part:
    key: str
    build: Callable[[], dict]


def part(request, version: int | str, build: Callable[[], dict] = dict) -> Part:
    return Part(key(request, version), build)


def uncached(build: Callable[[], dict]) -> Part:
    """A part rendered afresh: a page that shows what was typed (a conflict's two versions)."""
    return Part("", build)
