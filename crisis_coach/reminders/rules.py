"""Reminder rules as plain functions of dates, unit-tested in tests/reminders/test_rules.py."""

import datetime

# The window Today and the digest look ahead, after today.
SOON_DAYS = 7
# A digest goes out on the first run at or after this local hour, not at the stroke of midnight.
DIGEST_LOCAL_HOUR = 7

OVERDUE = "overdue"
TODAY = "today"
SOON = "soon"
BUCKETS = (OVERDUE, TODAY, SOON)


def bucket(due: datetime.date, *, today: datetime.date) -> str | None:
    """Which group of Today an item due on `due` belongs to; None when it is further away."""
    if due < today:
        return OVERDUE
    if due == today:
        return TODAY
    if due <= today + datetime.timedelta(days=SOON_DAYS):
        return SOON
    return None


def digest_period(frequency: str, *, today: datetime.date) -> str:
    """The key a digest is sent once for: the local day, or the ISO week for weekly digests."""
    if frequency == "weekly":
        year, week, _weekday = today.isocalendar()
        return f"{year}-W{week:02d}"
    return today.isoformat()


def digest_hour_reached(local_now: datetime.datetime) -> bool:
    return local_now.hour >= DIGEST_LOCAL_HOUR
