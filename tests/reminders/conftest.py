"""Reminder fixtures: a person with one of each due thing, made through the apps' own services."""

import datetime

import pytest
from django.utils import timezone

from crisis_coach.incidents.models import Incident, Stage
from crisis_coach.network import services as network_services
from crisis_coach.network.rules import yearly_occurrence
from tests.factories import make_conversation, make_incident, make_stakeholder, make_step


def local_today(user) -> datetime.date:
    return timezone.localdate(timezone=user.zone)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


@pytest.fixture
def due_things(client_user):
    """Alex's due items: one per kind and group, plus things that must never show."""
    today = local_today(client_user)
    incident = make_incident(client_user, title="Missed the counter-offer")
    manager = make_stakeholder(incident, name="Grace Lin")
    found = {
        "overdue_step": make_step(incident, title="Apologise to the client", due_on=today - days(2)),
        "today_step": make_step(incident, title="Send the recovery plan", due_on=today),
        "soon_step": make_step(incident, title="Book the retraining", due_on=today + days(5)),
        "conversation": make_conversation(
            incident,
            manager,
            planned_for=timezone.now().replace(microsecond=0) + days(1),
        ),
    }
    # Never shown: done, undated, too far away.
    make_step(incident, title="Already done step", due_on=today, status="done")
    make_step(incident, title="Undated step")
    make_step(incident, title="Far away step", due_on=today + days(30))
    make_conversation(incident, manager, planned_for=timezone.now() - days(1), held_at=timezone.now())

    contact = network_services.contact_create(owner=client_user, name="Dana Mentor", cadence_days=30)
    found["contact"] = contact
    found["commitment"] = network_services.commitment_create(
        contact=contact, what="Send Dana the report", due_on=today + days(3)
    )
    found["date"] = network_services.important_date_create(
        contact=contact,
        kind="birthday",
        label="",
        date=yearly_occurrence(today + days(4), 1985),
        repeats_yearly=True,
    )
    found["incident"] = incident
    return found


@pytest.fixture
def hidden_things(client_user, stranger):
    """Steps due today that must not show: in a trashed and in a closed incident, and a stranger's."""
    today = local_today(client_user)
    trashed = make_incident(client_user, title="Trashed setback")
    make_step(trashed, title="Step in the trash", due_on=today)
    trashed.deleted_at = timezone.now()
    trashed.save()
    closed = make_incident(client_user, title="Closed setback")
    make_step(closed, title="Step of a closed case", due_on=today)
    Incident.objects.filter(pk=closed.pk).update(stage=Stage.CLOSED)  # closed by fiat: only its step matters
    theirs = make_incident(stranger, title="Stranger's setback")
    return make_step(theirs, title="Stranger's step", due_on=local_today(stranger))
