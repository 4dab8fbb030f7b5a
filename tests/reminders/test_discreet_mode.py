"""Discreet mode (on by default) in the digest and the calendar feed: what kind of thing is due and
when, never a word of a setback nor a contact's name. Off, the detailed wording comes back."""

import datetime
import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from crisis_coach.reminders.selectors import settings_for

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

CASE_WORDS = [
    "Missed the counter-offer",
    "counter-offer",
    "Apologise to the client",
    "Send the recovery plan",
    "Book the retraining",
    "Grace Lin",
    "Dana",
    "Send Dana the report",
    "Birthday",
]


def leaked(text: str) -> list[str]:
    return [word for word in CASE_WORDS if word.lower() in text.lower()]


def send_digest(user):
    morning = datetime.datetime.combine(timezone.localdate(timezone=user.zone), datetime.time(8), user.zone)
    call_command("send_reminders", now=morning.isoformat(), stdout=io.StringIO())
    [message] = mail.outbox
    return message


def feed(client, user) -> Calendar:
    response = client.get(reverse("reminders:calendar_feed", args=[settings_for(user).calendar_token]))
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def test_a_discreet_digest_lists_kinds_and_dates_without_the_cases_words(client_user, due_things):
    message = send_digest(client_user)
    html = message.alternatives[0][0]

    assert message.subject == "Crisis Coach: 7 things due or coming up"
    assert leaked(message.subject + message.body + html) == []
    listed = [line.split(" · ")[0] for line in message.body.splitlines() if line.startswith("- ")]
    assert sorted(listed) == [  # the order is the digest's own (tests/reminders/test_digest.py)
        "- Get in touch with a contact",
        "- Important date of a contact",
        "- Planned conversation",
        "- Promise due",
        "- Step due",
        "- Step due",
        "- Step due",
    ]
    assert "Discreet mode is on" in message.body and "/accounts/settings/" in html
    # Each item still links into the app, where the words are, behind sign-in.
    step_url = reverse("incidents:resolve", args=[due_things["incident"].public_id])
    assert step_url in html


def test_with_discreet_mode_off_the_digest_names_each_item(client_user, discreet_off, due_things):
    message = send_digest(client_user)
    assert message.subject == "Crisis Coach: 7 things due or coming up"  # a count in both modes
    assert "- Apologise to the client (Step, Missed the counter-offer)" in message.body
    assert "Send Dana the report" in message.alternatives[0][0]
    assert "Discreet mode" not in message.body


def test_a_discreet_feed_titles_events_by_kind_and_only_links_back(client, client_user, due_things):
    calendar = feed(client, client_user)
    events = {str(event["UID"]).split("-")[0]: event for event in calendar.walk("VEVENT")}

    assert leaked(calendar.to_ical().decode()) == []
    assert {kind: str(event["SUMMARY"]) for kind, event in events.items()} == {
        "step": "Step due",
        "conversation": "Planned conversation",
        "commitment": "Promise due",
        "date": "Important date of a contact",
    }
    conversation = events["conversation"]
    record_url = reverse(
        "incidents:conversation_record",
        args=[due_things["incident"].public_id, due_things["conversation"].public_id],
    )
    assert str(conversation["DESCRIPTION"]) == f"Open it in Crisis Coach: {settings.SITE_URL}{record_url}"
    assert str(conversation["URL"]) == f"{settings.SITE_URL}{record_url}"
    assert conversation.start == due_things["conversation"].planned_for  # the times stay true


def test_with_discreet_mode_off_the_feed_carries_titles_and_context(
    client, client_user, discreet_off, due_things
):
    events = {str(event["SUMMARY"]): event for event in feed(client, client_user).walk("VEVENT")}
    assert str(events["Step: Send the recovery plan"]["DESCRIPTION"]) == "Missed the counter-offer"
    assert str(events["Promise: Send Dana the report"]["DESCRIPTION"]) == "Dana Mentor"


def test_the_discreet_feed_speaks_the_persons_language(client, client_user, due_things):
    client_user.language = "zh-hant"
    client_user.save(update_fields=["language"])
    summaries = {str(event["SUMMARY"]) for event in feed(client, client_user).walk("VEVENT")}
    assert summaries == {"步驟到期", "已規劃的談話", "承諾到期", "聯絡人的重要日期"}
