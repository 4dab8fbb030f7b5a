"""The common writes of a case, posted as the person's browser posts them, cost a fixed number of
queries however big the case is: one with 1 row and one with 50 rows of the kind written (steps,
stakeholders, conversations) make the same queries. services.case_changed reads the case once."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis_coach.incidents.models import Conversation, Stage, StepStatus
from tests.factories import make_assessment, make_conversation, make_incident, make_stakeholder, make_step

SIZES = [1, 50]

# Each count includes the session, the user, BEGIN/SAVEPOINT and COMMIT of ATOMIC_REQUESTS and the
# page's own reads (the htmx partial and its progress panels, or nothing before a redirect).
# A tick and an added stakeholder read the case's heading (and the step), and then the whole case
# once, as the change left it: 18 and 27 when they read the whole case first as well.
STEP_TICK_QUERIES = 16
STAKEHOLDER_ADD_QUERIES = 20  # with the first stance reading (StanceChange) kept
CONVERSATION_RECORD_QUERIES = 24
CLOSE_QUERIES = 26  # 26 since a close schedules its reviews: an insert, an update of their dates

HTMX = {"hx-request": "true"}


@pytest.fixture
def owner(client, client_user):
    client.force_login(client_user)
    return client_user


def _due(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def _ready_to_resolve(owner, *, stakeholders: int = 1, conversations: int = 1):
    """A case through Assess and Confront: people named, assessed, the key conversation held."""
    incident = make_incident(owner)
    people = [
        make_stakeholder(incident, name=f"Person {n}", influence=5 - n % 5) for n in range(stakeholders)
    ]
    make_assessment(incident)
    held = timezone.now() - timedelta(hours=1)
    make_conversation(incident, people[0], planned_for=held, held_at=held, outcome="positive")
    for n in range(1, conversations):
        make_conversation(incident, people[n % len(people)], planned_for=timezone.now() + timedelta(days=n))
    return incident


@pytest.mark.parametrize("size", SIZES)
def test_ticking_a_step_costs_the_same_queries_with_1_or_50_steps(
    client, owner, size, django_assert_num_queries
):
    incident = _ready_to_resolve(owner)
    steps = [make_step(incident, title=f"Step {n}", due_on=_due(n % 10)) for n in range(size)]
    url = reverse("incidents:step_status", args=[incident.public_id, steps[0].public_id])
    with django_assert_num_queries(STEP_TICK_QUERIES):
        response = client.post(url, {"status": StepStatus.DONE}, headers=HTMX)
    assert response.status_code == 200
    steps[0].refresh_from_db()
    assert steps[0].status == StepStatus.DONE


@pytest.mark.parametrize("size", SIZES)
def test_adding_a_stakeholder_costs_the_same_queries_with_1_or_50(
    client, owner, size, django_assert_num_queries
):
    incident = make_incident(owner)
    for n in range(size):
        make_stakeholder(incident, name=f"Person {n}", influence=n % 5 + 1)
    url = reverse("incidents:stakeholder_add", args=[incident.public_id])
    form = {"name": "Grace Lin", "relation": "manager", "influence": "5", "stance": "neutral"}
    with django_assert_num_queries(STAKEHOLDER_ADD_QUERIES):
        response = client.post(url, form, headers=HTMX)
    assert response.status_code == 200
    assert incident.stakeholders.count() == size + 1


@pytest.mark.parametrize("size", SIZES)
def test_recording_a_conversation_costs_the_same_queries_with_1_or_50(
    client, owner, size, django_assert_num_queries
):
    incident = make_incident(owner)
    people = [make_stakeholder(incident, name=f"Person {n}", influence=5 - n % 5) for n in range(size)]
    make_assessment(incident)
    talks = [
        make_conversation(incident, person, planned_for=timezone.now() - timedelta(hours=n + 1))
        for n, person in enumerate(people)
    ]
    url = reverse("incidents:conversation_record", args=[incident.public_id, talks[0].public_id])
    form = {
        "held_at": timezone.localtime(timezone=owner.zone).strftime("%Y-%m-%dT%H:%M"),
        "outcome": "positive",
        "outcome_notes": "She listened.",
        "version": str(talks[0].version),
    }
    with django_assert_num_queries(CONVERSATION_RECORD_QUERIES):
        response = client.post(url, form)
    assert response.status_code == 302
    assert Conversation.objects.get(pk=talks[0].pk).is_held


@pytest.mark.parametrize("size", SIZES)
def test_closing_a_case_costs_the_same_queries_with_1_or_50_steps(
    client, owner, size, django_assert_num_queries
):
    incident = _ready_to_resolve(owner)
    for n in range(size):
        make_step(incident, title=f"Step {n}", status=StepStatus.DONE)
    url = reverse("incidents:reflection_save", args=[incident.public_id])
    form = {"strengths": "Honesty", "lessons": "Track offers", "next_step": "Lead", "control_at_close": "8"}
    with django_assert_num_queries(CLOSE_QUERIES):
        response = client.post(url, {**form, "version": "0"})
    assert response.url == reverse("incidents:detail", args=[incident.public_id])
    incident.refresh_from_db()
    assert incident.stage == Stage.CLOSED
