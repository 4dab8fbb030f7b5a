"""The evidence log's rules, pure: the caller gives the person's local "now" (their time zone)."""

import datetime

from django.utils.translation import gettext_lazy as _

IN_THE_FUTURE = _("This is after now. Log what has already happened.")
AFTER_WRITTEN = _("This is after the entry was first written (%(written)s). An edit keeps it earlier.")
# Clocks disagree by a few minutes (a phone, the server): "just now" is never refused.
GRACE = datetime.timedelta(minutes=10)


def happened_moment(happened_on: datetime.date, happened_at: datetime.time | None) -> datetime.datetime:
    """The earliest moment the entry may mean: its time, or the start of its day (naive, local)."""
    return datetime.datetime.combine(happened_on, happened_at or datetime.time(0, 0))


def happened_too_late(
    happened_on: datetime.date,
    happened_at: datetime.time | None,
    *,
    latest: datetime.datetime,
) -> bool:
    """Whether a fact dated (happened_on, happened_at) is after `latest` (naive, in the person's
    time zone): now for a new entry, when it was first written for an edit. A day alone counts up
    to its end; a time counts to the minute, give or take GRACE."""
    if happened_at is None:
        return happened_on > latest.date()
    return happened_moment(happened_on, happened_at) > latest + GRACE
