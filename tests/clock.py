"""The clock every test runs on, and the moments the date matrix replays.

Every test starts at `ORDINARY_MOMENT` (the clock then ticks on), so nothing depends on the day the
suite runs. A test whose outcome depends on the date carries `@pytest.mark.dates` and computes its
expectations from the clock the code reads (`timezone.now()`, `timezone.localdate()`), never from
fixed dates; `make test-dates` (`pytest -m dates --date-matrix`) then runs each of them once at every
moment below, where calendars, time zones and daylight saving time are at their edges, with the
test's people living in the time zone where that moment is an edge.
"""

from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Moment:
    at: datetime
    zone: str = "UTC"  # the time zone of the test's people (the client_user, coach and stranger fixtures)


# A Wednesday late in November 2026, far from every edge, just after the fixed dates the tests use.
ORDINARY_MOMENT = Moment(datetime(2026, 11, 25, 10, 0, tzinfo=UTC))

DATE_MATRIX = {
    # The 1st of a month and of a year: yesterday is last month, last year.
    "new-year": Moment(datetime(2027, 1, 1, 0, 30, tzinfo=UTC)),
    # Still 31 December in UTC, already 1 January 2028 for a person in Asia/Taipei (UTC+8).
    "new-year-in-taipei": Moment(datetime(2027, 12, 31, 23, 30, tzinfo=UTC), "Asia/Taipei"),
    "leap-day": Moment(datetime(2028, 2, 29, 12, 0, tzinfo=UTC)),
    # The day after a 28-day February: "a month ago" and "29 February" are both awkward here.
    "after-february": Moment(datetime(2027, 3, 1, 12, 0, tzinfo=UTC)),
    # Europe/London springs forward at 01:00 UTC: 01:30 UTC is 02:30 BST, and 01:30 local never happened.
    "london-spring-forward": Moment(datetime(2027, 3, 28, 1, 30, tzinfo=UTC), "Europe/London"),
    # America/New_York falls back at 06:00 UTC: 06:30 UTC is 01:30 EST, an hour that happens twice.
    "new-york-fall-back": Moment(datetime(2027, 11, 7, 6, 30, tzinfo=UTC), "America/New_York"),
}
