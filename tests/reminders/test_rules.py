import datetime

import pytest

from crisis_coach.reminders import rules

TODAY = datetime.date(2026, 11, 23)  # a Monday


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (datetime.date(2026, 11, 1), rules.OVERDUE),
        (datetime.date(2026, 11, 22), rules.OVERDUE),
        (TODAY, rules.TODAY),
        (datetime.date(2026, 11, 24), rules.SOON),
        (datetime.date(2026, 11, 30), rules.SOON),
        (datetime.date(2026, 12, 1), None),
    ],
)
def test_bucket_groups_by_due_day(due, expected):
    assert rules.bucket(due, today=TODAY) == expected


def test_daily_digest_period_is_the_local_day():
    assert rules.digest_period("daily", today=TODAY) == "2026-11-23"


def test_weekly_digest_period_is_the_iso_week_across_the_year_end():
    assert rules.digest_period("weekly", today=TODAY) == "2026-W48"
    assert rules.digest_period("weekly", today=datetime.date(2026, 11, 29)) == "2026-W48"
    assert rules.digest_period("weekly", today=datetime.date(2027, 1, 1)) == "2026-W53"


def test_digest_waits_for_the_morning():
    assert not rules.digest_hour_reached(datetime.datetime(2026, 11, 23, 6, 59))
    assert rules.digest_hour_reached(datetime.datetime(2026, 11, 23, 7, 0))
