"""Times typed on the person's own clock around daylight saving changes are read, never refused."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from crisis_coach.common.forms import LocalDateTimeField


def read(typed: str, zone: str) -> datetime:
    with timezone.override(ZoneInfo(zone)):
        return LocalDateTimeField().clean(typed)


def test_an_hour_that_happens_twice_is_read_as_the_occurrence_nearer_to_now(clock):
    # New York goes back from 02:00 EDT to 01:00 EST at 06:00 UTC on 7 November 2027.
    clock.move_to(datetime(2027, 11, 7, 6, 40, tzinfo=UTC))  # 01:40, the second time round
    assert read("2027-11-07T01:30", "America/New_York") == datetime(2027, 11, 7, 6, 30, tzinfo=UTC)
    clock.move_to(datetime(2027, 11, 7, 5, 40, tzinfo=UTC))  # 01:40, the first time round
    assert read("2027-11-07T01:30", "America/New_York") == datetime(2027, 11, 7, 5, 30, tzinfo=UTC)


def test_an_hour_the_clocks_skip_is_read_as_if_they_had_not_moved_yet():
    # London goes forward from 01:00 GMT to 02:00 BST on 28 March 2027: 01:30 never shows.
    assert read("2027-03-28T01:30", "Europe/London") == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)


def test_an_ordinary_time_is_the_persons_own():
    assert read("2027-06-01T09:00", "Asia/Taipei") == datetime(2027, 6, 1, 1, 0, tzinfo=UTC)


def test_what_is_not_a_time_gets_the_usual_message():
    with pytest.raises(ValidationError) as raised:
        read("next tuesday-ish", "Europe/London")
    assert raised.value.messages == ["Enter a valid date/time."]
