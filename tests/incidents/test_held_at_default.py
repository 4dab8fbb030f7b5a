"""Recording a conversation: the pre-filled "held on" is one the form accepts, so saving it works."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis_coach.incidents.models import Conversation
from tests.factories import make_incident, make_stakeholder

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def held_at_shown(page: str) -> str:
    return re.search(r'name="held_at" value="([^"]*)"', page).group(1)


def hidden_fields(page: str) -> dict:
    """What the form carries besides what a person types (its version, for instance)."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))


def record(logged_in, client_user, planned_for):
    incident = make_incident(client_user)
    talk = Conversation.objects.create(
        incident=incident, stakeholder=make_stakeholder(incident), planned_for=planned_for
    )
    url = reverse("incidents:conversation_record", args=[incident.public_id, talk.public_id])
    page = logged_in.get(url).content.decode()
    return talk, url, {**hidden_fields(page), "held_at": held_at_shown(page)}


def test_a_conversation_planned_for_tomorrow_is_recorded_on_its_default(logged_in, client_user):
    before = timezone.localtime(timezone=client_user.zone).replace(second=0, microsecond=0)
    talk, url, form = record(logged_in, client_user, timezone.now() + timedelta(days=1))
    after = timezone.localtime(timezone=client_user.zone)
    # Now, to the minute, in the person's own time zone (not the planned time, not UTC).
    assert form["held_at"] in {moment.strftime("%Y-%m-%dT%H:%M") for moment in (before, after)}
    response = logged_in.post(url, {**form, "outcome": "positive", "outcome_notes": "Went well"})
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.held_at is not None
    assert abs(talk.held_at - timezone.now()) < timedelta(minutes=2)


def test_a_conversation_planned_in_the_past_defaults_to_its_planned_time(logged_in, client_user):
    planned = (timezone.now() - timedelta(days=2)).replace(second=0, microsecond=0)
    talk, url, form = record(logged_in, client_user, planned)
    assert form["held_at"] == timezone.localtime(planned, client_user.zone).strftime("%Y-%m-%dT%H:%M")
    assert logged_in.post(url, {**form, "outcome": "mixed"}).status_code == 302
    talk.refresh_from_db()
    assert talk.held_at == planned
