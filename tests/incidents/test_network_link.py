"""A stakeholder can be linked to a network contact, so the relationship is cared for afterwards."""

import pytest
from django.urls import reverse

from crisis_coach.incidents.models import ActionStep, Stakeholder
from crisis_coach.network.models import Contact
from tests.factories import make_contact, make_incident, make_stakeholder

pytestmark = pytest.mark.django_db


def test_one_click_creates_a_contact_from_a_stakeholder(logged_in, client_user):
    incident = make_incident(client_user)
    grace = make_stakeholder(incident, name="Grace Lin", influence=5, what_they_said="A pity.")
    url = reverse("incidents:stakeholder_to_contact", args=[incident.public_id, grace.public_id])
    logged_in.post(url)
    logged_in.post(url)  # a second click does not make a second contact
    contact = Contact.objects.get(owner=client_user)
    assert (contact.name, contact.relationship, contact.importance, contact.notes) == (
        "Grace Lin",
        "manager",
        5,
        "A pity.",
    )
    grace.refresh_from_db()
    assert grace.contact == contact
    page = logged_in.get(reverse("network:contact_detail", args=[contact.public_id])).content.decode()
    assert "In your setbacks" in page and incident.title in page


def test_a_stakeholder_can_be_linked_to_your_own_contact_only(logged_in, client_user, stranger):
    incident = make_incident(client_user)
    person = make_stakeholder(incident)
    url = reverse("incidents:stakeholder_edit", args=[incident.public_id, person.public_id])
    form = {"name": "Ms Wang", "relation": "manager", "influence": "5", "stance": "neutral", "version": "1"}
    theirs = make_contact(stranger, name="Not yours")
    response = logged_in.post(url, {**form, "contact": theirs.pk})
    assert "Select a valid choice" in response.content.decode()
    mine = make_contact(client_user, name="Ms Wang")
    assert logged_in.post(url, {**form, "contact": mine.pk}).status_code == 302
    assert Stakeholder.objects.get().contact == mine


def test_a_relationship_step_can_name_a_contact(logged_in, client_user, stranger):
    incident = make_incident(client_user)
    url = reverse("incidents:step_add", args=[incident.public_id])
    step = {"title": "Coffee with Dana", "kind": "relationship", "status": "todo"}
    response = logged_in.post(url, {**step, "contact": make_contact(stranger).pk})
    assert "Select a valid choice" in response.content.decode()
    dana = make_contact(client_user)
    logged_in.post(url, {**step, "contact": dana.pk})
    assert ActionStep.objects.get().contact == dana
    assert (
        "Dana Mentor"
        in logged_in.get(reverse("incidents:resolve", args=[incident.public_id])).content.decode()
    )


def test_a_contact_page_lists_only_live_incidents(logged_in, client_user):
    dana = make_contact(client_user)
    live, trashed = (
        make_incident(client_user, title="Live one"),
        make_incident(client_user, title="Trashed one"),
    )
    make_stakeholder(live, contact=dana)
    make_stakeholder(trashed, contact=dana)
    trashed.deleted_at = trashed.created_at
    trashed.save()
    page = logged_in.get(reverse("network:contact_detail", args=[dana.public_id])).content.decode()
    assert "Live one" in page and "Trashed one" not in page
