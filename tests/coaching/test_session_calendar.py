"""Sessions in both people's calendar feeds: one event per session under a stable UID, SEQUENCE
growing with each change, STATUS:CANCELLED once called off or declined, each on their own clock."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from crisis_coach.coaching.sessions import services
from crisis_coach.reminders.selectors import settings_for
from tests.coaching.conftest import link
from tests.factories import make_user

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
NINE_IN_LONDON = datetime.datetime(2026, 12, 2, 9, 0, tzinfo=LONDON)  # winter: GMT, Taipei +8


@pytest.fixture
def pair(db):
    coach = make_user(
        display_name="Casey Coach", is_coach=True, time_zone="Europe/London", discreet_mode=False
    )
    client_user = make_user(display_name="Alex Client", time_zone="Asia/Taipei", discreet_mode=False)
    return link(client_user, coach)


def session_event(client, user, session):
    response = client.get(reverse("reminders:calendar_feed", args=[settings_for(user).calendar_token]))
    assert response.status_code == 200
    events = {str(e["UID"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    return events.get(f"session-{session.public_id}@crisis-coach")


def propose(pair):
    return services.session_propose(
        client=pair.client, coach=pair.coach, proposed_by=pair.coach, starts_at=NINE_IN_LONDON,
        duration_minutes=45, place="Room 4B", notify=False,
    )  # fmt: skip


def test_both_feeds_hold_the_session_at_each_persons_own_hour(client, pair):
    session = propose(pair)
    coach_event = session_event(client, pair.coach, session)
    client_event = session_event(client, pair.client, session)
    assert coach_event.start.astimezone(LONDON).hour == 9
    assert client_event.start.astimezone(TAIPEI).hour == 17
    assert client_event.end - client_event.start == datetime.timedelta(minutes=45)
    assert str(client_event["SUMMARY"]) == "Session: Session with Casey Coach"
    assert str(coach_event["SUMMARY"]) == "Session: Session with Alex Client"
    assert str(coach_event["STATUS"]) == "TENTATIVE" and int(coach_event["SEQUENCE"]) == 0


def test_the_uid_stays_while_sequence_grows_and_a_cancelled_session_says_so(client, pair):
    session = propose(pair)
    services.session_answer(session=session, by=pair.client, accept=True, expected_version=session.version)
    agreed = session_event(client, pair.client, session)
    assert str(agreed["STATUS"]) == "CONFIRMED" and int(agreed["SEQUENCE"]) == 1
    services.session_move(
        session=session, by=pair.client, expected_version=session.version,
        starts_at=NINE_IN_LONDON + datetime.timedelta(hours=1), duration_minutes=45, place="Room 4B",
    )  # fmt: skip
    moved = session_event(client, pair.coach, session)
    assert moved.start.astimezone(LONDON).hour == 10 and int(moved["SEQUENCE"]) == 2
    assert str(moved["STATUS"]) == "TENTATIVE"
    services.session_cancel(session=session, by=pair.coach)
    for user in (pair.client, pair.coach):
        cancelled = session_event(client, user, session)
        assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 3


def test_a_declined_session_is_cancelled_in_the_feed(client, pair):
    session = propose(pair)
    services.session_answer(session=session, by=pair.client, accept=False, expected_version=session.version)
    assert str(session_event(client, pair.coach, session)["STATUS"]) == "CANCELLED"


def test_discreet_mode_names_only_the_kind(client, pair):
    pair.client.discreet_mode = True
    pair.client.save(update_fields=["discreet_mode"])
    session = propose(pair)
    event = session_event(client, pair.client, session)
    assert str(event["SUMMARY"]) == "Coaching session"
    assert "Casey" not in event.to_ical().decode() and "Room 4B" not in event.to_ical().decode()


def test_after_the_link_ends_neither_feed_lists_the_session(client, pair):
    from crisis_coach.coaching.services import link_end

    session = propose(pair)
    link_end(link=pair, ended_by=pair.client)
    assert session_event(client, pair.coach, session) is None
    assert session_event(client, pair.client, session) is None
