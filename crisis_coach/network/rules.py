"""The network's rules, as plain functions of dates so they are easy to test and to reuse.

Models call these from their methods; selectors mirror `touch_due_on` in SQL for sorting.
Templates display the results and never recompute them.
"""

import calendar
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


# --- the two-level cadence and the snooze (issue 22) ---------------------------------------------
#
# A contact is *due* from the day the ideal gap (cadence_days) has passed since the last touch, and
# *overdue* from the day the latest gap (latest_gap_days) has, when there is one. Someone never
# contacted counts as last touched an ideal gap before the day they were added: due from that day,
# overdue once the slack between the two gaps has gone by. A snooze moves both days to the day it
# ends: a contact snoozed until the 8th is not due on the 7th and is due again on the 8th, by itself.
# selectors.TOUCH_DUE / TOUCH_OVERDUE are the same rules in SQL, for sorting and filtering.

IN_TOUCH = "in_touch"
DUE = "due"
OVERDUE = "overdue"
SNOOZED = "snoozed"

# How far ahead a snooze may reach: beyond a year, the contact is better given a longer gap.
MAX_SNOOZE_DAYS = 365
SNOOZE_WEEK = "week"
SNOOZE_MONTH = "month"
SNOOZE_DATE = "date"


def touch_overdue_on(
    *,
    last_contacted_on: datetime.date | None,
    added_on: datetime.date,
    cadence_days: int,
    latest_gap_days: int | None,
) -> datetime.date | None:
    """The day a contact becomes overdue (the latest gap has passed); None with no latest gap."""
    if latest_gap_days is None:
        return None
    latest = min(latest_gap_days, MAX_CADENCE_DAYS)
    if last_contacted_on is None:
        return add_days(added_on, max(latest - min(cadence_days, MAX_CADENCE_DAYS), 0))
    return add_days(last_contacted_on, latest)


def snoozed_day(day: datetime.date | None, snoozed_until: datetime.date | None) -> datetime.date | None:
    """A due (or overdue) day pushed to the end of a snooze, when the snooze ends later."""
    if day is None or snoozed_until is None:
        return day
    return max(day, snoozed_until)


@dataclass(frozen=True)
class TouchStatus:
    """Where a contact stands today: `state` is one of IN_TOUCH, DUE, OVERDUE, SNOOZED."""

    state: str
    due_on: datetime.date  # the snooze included
    overdue_on: datetime.date | None  # the snooze included; None with no latest gap
    snoozed_until: datetime.date | None
    days_due: int | None  # days since it became due (0: due today); None when not due
    days_overdue: int | None  # days since it became overdue (0: the latest day is today)

    @property
    def is_due(self) -> bool:
        """Due or overdue: it belongs on the keep-in-touch list."""
        return self.state in (DUE, OVERDUE)

    @property
    def is_overdue(self) -> bool:
        return self.state == OVERDUE


def touch_status(
    *,
    last_contacted_on: datetime.date | None,
    added_on: datetime.date,
    cadence_days: int,
    latest_gap_days: int | None,
    snoozed_until: datetime.date | None,
    today: datetime.date,
) -> TouchStatus:
    ideal_on = touch_due_on(last_contacted_on=last_contacted_on, added_on=added_on, cadence_days=cadence_days)
    latest_on = touch_overdue_on(
        last_contacted_on=last_contacted_on,
        added_on=added_on,
        cadence_days=cadence_days,
        latest_gap_days=latest_gap_days,
    )
    due_on = snoozed_day(ideal_on, snoozed_until)
    overdue_on = snoozed_day(latest_on, snoozed_until)
    days_due = days_overdue(due_on=due_on, today=today)
    days_late = days_overdue(due_on=overdue_on, today=today) if overdue_on is not None else None
    active_snooze = snoozed_until if snoozed_until is not None and snoozed_until > today else None
    if days_late is not None:
        state = OVERDUE
    elif days_due is not None:
        state = DUE
    elif active_snooze is not None and ideal_on <= today:
        state = SNOOZED  # due by the cadence, held back by the snooze
    else:
        state = IN_TOUCH
    return TouchStatus(state, due_on, overdue_on, active_snooze, days_due, days_late)


def add_month(day: datetime.date) -> datetime.date:
    """The same day next month, or that month's last day (31 January: 28 or 29 February)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def snooze_until(choice: str, *, today: datetime.date, until: datetime.date | None = None) -> datetime.date:
    """The day a snooze ends (the contact is due again on it): a week, a month, or a chosen day."""
    if choice == SNOOZE_WEEK:
        return today + datetime.timedelta(days=7)
    if choice == SNOOZE_MONTH:
        return add_month(today)
    if choice == SNOOZE_DATE and until is not None:
        return until
    raise ValueError(f"Unknown snooze: {choice!r}")


def snooze_date_problem(until: datetime.date, *, today: datetime.date) -> str | None:
    """Why a chosen snooze end will not do ("past", "too_far"), or None when it is fine."""
    if until <= today:
        return "past"
    if until > today + datetime.timedelta(days=MAX_SNOOZE_DAYS):
        return "too_far"
    return None


# --- built-in cadence defaults per relationship --------------------------------------------------


@dataclass(frozen=True)
class CadenceDefault:
    ideal_days: int
    latest_days: int | None


# Used until the person sets their own (RelationshipCadence); the keys are models.Relationship's.
# Mentors and former managers are worth a call every couple of months; recruiters only need to
# remember you; a community is kept warm by taking part in it, so it has no latest.
BUILT_IN_CADENCES = {
    "manager": CadenceDefault(30, 60),
    "colleague": CadenceDefault(30, 90),
    "mentor": CadenceDefault(60, 120),
    "peer": CadenceDefault(45, 90),
    "client": CadenceDefault(30, 60),
    "recruiter": CadenceDefault(90, 180),
    "community": CadenceDefault(60, None),
}
FALLBACK_CADENCE = CadenceDefault(30, None)


def cadence_default(relationship: str, own: dict | None = None) -> CadenceDefault:
    """The person's own default for a relationship (`own`: relationship -> CadenceDefault), else the
    built-in one."""
    if own and relationship in own:
        return own[relationship]
    return BUILT_IN_CADENCES.get(relationship, FALLBACK_CADENCE)


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
