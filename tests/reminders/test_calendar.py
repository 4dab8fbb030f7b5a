"""The private ICS feed: parses, stable UIDs, only the owner's items, dead after regenerating."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from crisis_coach.reminders.selectors import settings_for

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def feed_path(user) -> str:
    return reverse("reminders:calendar_feed", args=[settings_for(user).calendar_token])


def fetch(client, path) -> Calendar:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_uid(calendar: Calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_feed_lists_due_steps_conversations_promises_and_dates_with_stable_uids(
    client, client_user, discreet_off, due_things, hidden_things
):
    events = events_by_uid(fetch(client, feed_path(client_user)))  # no login: calendar apps cannot
    steps = [due_things[k] for k in ("overdue_step", "today_step", "soon_step")]
    expected = {f"step-{step.public_id}@crisis-coach" for step in steps}
    expected |= {
        f"conversation-{due_things['conversation'].public_id}@crisis-coach",
        f"commitment-{due_things['commitment'].public_id}@crisis-coach",
        f"date-{due_things['date'].public_id}@crisis-coach",
    }
    far = {str(e["SUMMARY"]) for e in events.values()}
    assert expected <= set(events)
    assert "Step: Far away step" in far  # the calendar shows every dated open step, not just this week
    assert len(events) == len(expected) + 1
    step = events[f"step-{due_things['today_step'].public_id}@crisis-coach"]
    assert str(step["SUMMARY"]) == "Step: Send the recovery plan"
    assert step.start == due_things["today_step"].due_on
    conversation = events[f"conversation-{due_things['conversation'].public_id}@crisis-coach"]
    assert conversation.start == due_things["conversation"].planned_for
    assert str(conversation["SUMMARY"]) == "Conversation: Conversation with Grace Lin"


def test_feed_never_shows_another_users_items(client, client_user, stranger, due_things, hidden_things):
    theirs = events_by_uid(fetch(client, feed_path(stranger)))
    assert set(theirs) == {f"step-{hidden_things.public_id}@crisis-coach"}
    mine = fetch(client, feed_path(client_user)).to_ical().decode()
    assert "Stranger" not in mine and "trash" not in mine and "closed case" not in mine


def test_editing_a_step_keeps_its_uid(client, client_user, due_things):
    step = due_things["soon_step"]
    uid = f"step-{step.public_id}@crisis-coach"
    before = events_by_uid(fetch(client, feed_path(client_user)))[uid]
    step.due_on = step.due_on.replace(day=1) if step.due_on.day != 1 else step.due_on.replace(day=2)
    step.save()
    after = events_by_uid(fetch(client, feed_path(client_user)))[uid]
    assert after.start == step.due_on != before.start


def test_wrong_token_is_404(client, client_user):
    assert client.get(reverse("reminders:calendar_feed", args=["x" * 43])).status_code == 404


def test_regenerating_kills_the_old_url(logged_in, client, client_user):
    old = feed_path(client_user)
    page = logged_in.get(reverse("reminders:settings")).content.decode()
    assert old in page
    # GET asks first and changes nothing.
    confirm = logged_in.get(reverse("reminders:calendar_regenerate"))
    assert confirm.status_code == 200
    assert client.get(old).status_code == 200
    response = logged_in.post(reverse("reminders:calendar_regenerate"))
    assert response.status_code == 302
    new = feed_path(client_user)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


@pytest.mark.parametrize("token", ["%00", "a%00b", "x" * 500, "..%2F..%2Fetc", "abc.def"])
def test_odd_tokens_are_404_not_500(client, client_user, token):
    assert client.get(f"/today/calendar/{token}.ics").status_code == 404
