"""The network's rules, as plain functions of dates so they are easy to test and to reuse.

Models call these from their methods; selectors mirror `touch_due_on` in SQL for sorting.
Templates display the results and never recompute them.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

UPCOMING_DAYS = 14
# The keep-in-touch range the contact form and the import accept (docs/export-schema.md): a century.
MAX_CADENCE_DAYS = 36500


def add_days(day: datetime.date, days: int) -> datetime.date:
    """`day` plus `days`, or the last representable date rather than an OverflowError: a number a
    person typed (or an old import stored) must never break a page."""
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return datetime.date.max if days > 0 else datetime.date.min


def touch_due_on(
    *, last_contacted_on: datetime.date | None, added_on: datetime.date, cadence_days: int
) -> datetime.date:
    """The day a contact is due for a touch.

    Someone never contacted is due from the day they were added: adding a person to keep in
    touch with and never reaching out is exactly what this list is for.
    """
    if last_contacted_on is None:
        return added_on
    # Rows from before the form's range can hold up to 2**31 - 1 days; any cadence past the range is
    # "a century", as in SQL (selectors.TOUCH_DUE_ON).
    return add_days(last_contacted_on, min(cadence_days, MAX_CADENCE_DAYS))


def days_overdue(*, due_on: datetime.date, today: datetime.date) -> int | None:
    """Days past the due day (0 means due today); None when not yet due."""
    if due_on > today:
        return None
    return (today - due_on).days


def yearly_occurrence(original: datetime.date, year: int) -> datetime.date:
    """The date in a given year; 29 February falls on 28 February in a non-leap year."""
    try:
        return original.replace(year=year)
    except ValueError:
        return original.replace(year=year, day=28)


def next_occurrence(
    original: datetime.date, *, repeats_yearly: bool, today: datetime.date
) -> datetime.date | None:
    """The next time a date comes round, today included; None for a one-off date already past."""
    if not repeats_yearly:
        return original if original >= today else None
    this_year = yearly_occurrence(original, today.year)
    if this_year >= today:
        return this_year
    return yearly_occurrence(original, today.year + 1)


def is_upcoming(occurrence: datetime.date | None, *, today: datetime.date, days: int = UPCOMING_DAYS) -> bool:
    return occurrence is not None and today <= occurrence <= today + datetime.timedelta(days=days)


@dataclass(frozen=True)
class TrustRecord:
    """Promises kept on time out of all promises that have come due."""

    kept_on_time: int
    counted: int

    @property
    def percent(self) -> int | None:
        if not self.counted:
            return None
        return round(100 * self.kept_on_time / self.counted)


def commitment_counts_for_trust(*, status: str, due_on: datetime.date, today: datetime.date) -> bool:
    """A promise counts once it is settled, or once its due day has passed while still open.

    An open promise that is not yet late says nothing about trust either way.
    """
    return status != "open" or due_on < today


def commitment_kept_on_time(*, status: str, due_on: datetime.date, resolved_on: datetime.date | None) -> bool:
    return status == "kept" and resolved_on is not None and resolved_on <= due_on


def trust_record(commitments: Iterable, *, today: datetime.date) -> TrustRecord:
    """Works on anything with status, due_on and resolved_on (Commitment rows)."""
    kept = counted = 0
    for item in commitments:
        if not commitment_counts_for_trust(status=item.status, due_on=item.due_on, today=today):
            continue
        counted += 1
        if commitment_kept_on_time(status=item.status, due_on=item.due_on, resolved_on=item.resolved_on):
            kept += 1
    return TrustRecord(kept_on_time=kept, counted=counted)
