"""The network's rules, in isolation: dates in, answers out."""

import datetime
from types import SimpleNamespace

import pytest

from crisis_coach.network import rules

D = datetime.date


# --- overdue by cadence --------------------------------------------------------------------------


def test_never_contacted_is_due_from_the_day_added():
    due = rules.touch_due_on(last_contacted_on=None, added_on=D(2026, 1, 10), cadence_days=30)
    assert due == D(2026, 1, 10)
    assert rules.days_overdue(due_on=due, today=D(2026, 1, 10)) == 0
    assert rules.days_overdue(due_on=due, today=D(2026, 1, 15)) == 5


def test_contacted_person_is_due_one_cadence_after_the_last_touch():
    due = rules.touch_due_on(last_contacted_on=D(2026, 1, 1), added_on=D(2025, 6, 1), cadence_days=14)
    assert due == D(2026, 1, 15)


def test_not_overdue_before_the_due_day():
    assert rules.days_overdue(due_on=D(2026, 1, 15), today=D(2026, 1, 14)) is None


def test_overdue_counts_days_past_the_due_day():
    assert rules.days_overdue(due_on=D(2026, 1, 15), today=D(2026, 1, 15)) == 0
    assert rules.days_overdue(due_on=D(2026, 1, 15), today=D(2026, 2, 1)) == 17


# --- next occurrence of a date -------------------------------------------------------------------


def test_yearly_date_later_this_year_falls_this_year():
    assert rules.next_occurrence(D(1980, 6, 1), repeats_yearly=True, today=D(2026, 3, 1)) == D(2026, 6, 1)


def test_yearly_date_today_is_today():
    assert rules.next_occurrence(D(1980, 3, 1), repeats_yearly=True, today=D(2026, 3, 1)) == D(2026, 3, 1)


def test_yearly_date_already_past_rolls_over_the_year_end():
    assert rules.next_occurrence(D(1980, 1, 3), repeats_yearly=True, today=D(2026, 12, 28)) == D(2027, 1, 3)


def test_29_february_falls_on_28_february_in_a_non_leap_year():
    assert rules.next_occurrence(D(1992, 2, 29), repeats_yearly=True, today=D(2026, 1, 1)) == D(2026, 2, 28)


def test_29_february_stays_29_february_in_a_leap_year():
    assert rules.next_occurrence(D(1992, 2, 29), repeats_yearly=True, today=D(2028, 1, 1)) == D(2028, 2, 29)


def test_29_february_after_28_february_rolls_to_next_year():
    assert rules.next_occurrence(D(1992, 2, 29), repeats_yearly=True, today=D(2027, 3, 1)) == D(2028, 2, 29)


def test_one_off_date_in_future_is_itself_and_in_past_is_gone():
    assert rules.next_occurrence(D(2026, 5, 1), repeats_yearly=False, today=D(2026, 4, 1)) == D(2026, 5, 1)
    assert rules.next_occurrence(D(2026, 3, 1), repeats_yearly=False, today=D(2026, 4, 1)) is None


def test_upcoming_means_within_the_next_fourteen_days_inclusive():
    today = D(2026, 12, 25)
    assert rules.is_upcoming(D(2026, 12, 25), today=today)
    assert rules.is_upcoming(D(2027, 1, 8), today=today)
    assert not rules.is_upcoming(D(2027, 1, 9), today=today)
    assert not rules.is_upcoming(None, today=today)


# --- trust record --------------------------------------------------------------------------------


def promise(status, due_on, resolved_on=None):
    return SimpleNamespace(status=status, due_on=due_on, resolved_on=resolved_on)


TODAY = D(2026, 6, 15)


def test_trust_counts_kept_on_time_over_all_due():
    record = rules.trust_record(
        [
            promise("kept", D(2026, 6, 1), D(2026, 5, 30)),
            promise("kept", D(2026, 6, 1), D(2026, 6, 1)),
            promise("broken", D(2026, 6, 2), D(2026, 6, 3)),
            promise("open", D(2026, 6, 10)),
        ],
        today=TODAY,
    )
    assert record == rules.TrustRecord(kept_on_time=2, counted=4)
    assert record.percent == 50


def test_a_promise_not_yet_due_does_not_count():
    record = rules.trust_record([promise("open", D(2026, 6, 20)), promise("open", TODAY)], today=TODAY)
    assert record.counted == 0
    assert record.percent is None


def test_a_promise_kept_late_counts_but_not_as_on_time():
    record = rules.trust_record([promise("kept", D(2026, 6, 1), D(2026, 6, 2))], today=TODAY)
    assert record == rules.TrustRecord(kept_on_time=0, counted=1)


def test_a_promise_kept_early_counts_as_on_time_before_its_due_day():
    record = rules.trust_record([promise("kept", D(2026, 7, 1), D(2026, 6, 10))], today=TODAY)
    assert record == rules.TrustRecord(kept_on_time=1, counted=1)


@pytest.mark.parametrize(("kept", "counted", "percent"), [(1, 3, 33), (2, 3, 67), (3, 3, 100)])
def test_trust_percent_is_rounded(kept, counted, percent):
    assert rules.TrustRecord(kept_on_time=kept, counted=counted).percent == percent
