"""A moment at the edge of the calendar is refused, not stored: 31 December 9999 at 23:59 in New
York is the year 10000 in UTC, and 1 January of the year 1 in Taipei is the year 0, which Python
cannot hold. Stored, either answered 500 at once and on every page showing it."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crisis_coach.incidents.models import Conversation, Incident
from tests.accounts.test_import_refusals import valid_document
from tests.factories import make_incident, make_stakeholder, make_user

pytestmark = pytest.mark.django_db

OUTSIDE = "Choose a date between the years 1 and 9999."
EDGES = [("America/New_York", "9999-12-31T23:59"), ("Asia/Taipei", "0001-01-01T00:00")]


@pytest.mark.parametrize(("zone", "moment"), EDGES)
def test_planning_a_conversation_at_the_edge_of_the_calendar_is_a_field_error(client, zone, moment):
    user = make_user(time_zone=zone)
    client.force_login(user)
    incident = make_incident(user)
    stakeholder = make_stakeholder(incident)
    response = client.post(
        reverse("incidents:conversation_plan", args=[incident.public_id]),
        {"stakeholder": stakeholder.pk, "planned_for": moment, "ask": "One more chance"},
    )
    assert response.status_code == 200
    assert response.context["plan_form"].errors["planned_for"] == [OUTSIDE]
    assert "One more chance" in response.content.decode()
    assert not Conversation.objects.exists()


@pytest.mark.parametrize(("zone", "moment"), EDGES)
def test_recording_a_conversation_at_the_edge_of_the_calendar_is_a_field_error(client, zone, moment):
    user = make_user(time_zone=zone)
    client.force_login(user)
    incident = make_incident(user)
    talk = Conversation.objects.create(incident=incident, stakeholder=make_stakeholder(incident))
    url = reverse("incidents:conversation_record", args=[incident.public_id, talk.public_id])
    response = client.post(url, {"held_at": moment, "outcome": "positive", "version": "1"})
    assert response.status_code == 200
    assert OUTSIDE in response.content.decode()
    talk.refresh_from_db()
    assert talk.held_at is None


def test_the_import_refuses_a_moment_outside_the_calendar(logged_in):
    document = valid_document()
    document["incidents"][0]["conversations"][0]["planned_for"] = "9999-12-31T23:59:00-05:00"
    upload = SimpleUploadedFile("export.json", json.dumps(document).encode(), "application/json")
    response = logged_in.post(reverse("accounts:import"), {"file": upload})
    assert "incidents[0].conversations[0].planned_for" in response.content.decode()
    assert not Incident.objects.exists()
