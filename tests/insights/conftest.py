from datetime import date, timedelta

import pytest
from django.utils import timezone

from crisis_coach.incidents.models import Incident, Reflection, Stage
from tests.factories import make_assessment, make_conversation, make_incident, make_stakeholder, make_step


def make_closed_case(owner, *, title="Missed a counter-offer", days=12, start=3, close=8, **fields):
    """A closed incident with a reflection, resolved `days` after it happened."""
    incident = make_incident(owner, title=title, control_at_start=start, **fields)
    closed_at = timezone.now()
    Incident.objects.filter(pk=incident.pk).update(
        stage=Stage.CLOSED, closed_at=closed_at, resolution_days=days
    )
    Reflection.objects.create(
        incident=incident, strengths="Calm", lessons="Track offers", next_step="Lead", control_at_close=close
    )
    incident.refresh_from_db()
    return incident


@pytest.fixture
def full_case(client_user):
    """One case with a little of everything the report shows."""
    incident = make_incident(client_user, title="Lost the Lee & Co account", control_at_start=3)
    manager = make_stakeholder(incident, what_they_said="Disappointed but fair.")
    make_stakeholder(incident, name="Mr Chen", relation="colleague", influence=2)
    make_assessment(incident, prevention="A shared tracker for counter-offers.")
    make_conversation(
        incident,
        manager,
        acknowledge="I missed the counter-offer.",
        amends="Win back two accounts this quarter.",
        listened_first=True,
        held_at=timezone.now(),
        outcome="positive",
        outcome_notes="She gave me a second chance.",
    )
    make_step(incident, title="Call the client back", status="done", done_at=timezone.now())
    make_step(incident, title="Set up an offer tracker", due_on=date.today() + timedelta(days=7))
    Reflection.objects.create(
        incident=incident, strengths="Candour", lessons="Follow up daily", next_step="Key accounts",
        control_at_close=8,
    )  # fmt: skip
    return incident
