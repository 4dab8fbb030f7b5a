"""reminders.hooks: an app above reminders adds its items to Today, the digest and the feed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from crisis_coach.reminders import hooks, selectors
from tests.factories import make_incident, make_step

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting_source(client_user):
    """A stand-in app: one event tomorrow, and one cancelled only the feed lists."""
    incident = make_incident(client_user, title="Lost the bid")
    at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=1)
    other = make_step(incident, title="Unrelated")
    calls = []

    def items(user, *, today, until, calendar):
        calls.append((user, today, until, calendar))
        if user != client_user:
            return []
        live = selectors.AgendaItem(
            kind="meeting",
            due=timezone.localtime(at, user.zone).date(),
            at=at,
            ends_at=at + datetime.timedelta(minutes=30),
            title="Meeting with the board",
            context="",
            route="incidents:resolve",
            route_args=(incident.public_id,),
            obj=incident,
            sequence=3,
            note="Waiting for your answer",
        )
        found = [live]
        if calendar:
            found.append(
                selectors.AgendaItem(
                    kind="meeting",
                    due=live.due,
                    at=at,
                    title="Cancelled one",
                    context="",
                    route="incidents:resolve",
                    route_args=(incident.public_id,),
                    obj=other,
                    status="CANCELLED",
                    sequence=1,
                )
            )
        return found

    saved = list(hooks.agenda_sources)
    hooks.register_agenda_source("meeting", items, label="Meeting", discreet_title="Meeting due", order=0.5)
    yield {"at": at, "incident": incident, "other": other, "calls": calls}
    hooks.agenda_sources[:] = saved


def test_registered_items_show_on_today_with_their_note(logged_in, client_user, meeting_source):
    response = logged_in.get(reverse("reminders:today"))
    page = response.content.decode()
    assert "Meeting with the board" in page
    assert "Waiting for your answer" in page
    assert "Cancelled one" not in page  # Today asks for what is live only
    _user, _today, until, calendar = meeting_source["calls"][0]
    assert calendar is False and until is not None


def test_registered_items_reach_the_feed_with_end_sequence_and_status(client, client_user, meeting_source):
    path = reverse("reminders:calendar_feed", args=[selectors.settings_for(client_user).calendar_token])
    calendar = Calendar.from_ical(client.get(path).content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    live = events[f"meeting-{meeting_source['incident'].public_id}@crisis-coach"]
    assert live.start == meeting_source["at"]
    assert live.end == meeting_source["at"] + datetime.timedelta(minutes=30)
    assert int(live["SEQUENCE"]) == 3
    cancelled = events[f"meeting-{meeting_source['other'].public_id}@crisis-coach"]
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_registering_the_same_kind_again_replaces_it(meeting_source):
    count = len(hooks.agenda_sources)
    hooks.register_agenda_source("meeting", lambda *a, **k: [], label="M", discreet_title="M")
    assert len(hooks.agenda_sources) == count
