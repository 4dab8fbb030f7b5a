"""A step is part of responding to a setback: it can never be due before the setback happened."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis_coach.incidents.models import ActionStep, Incident
from crisis_coach.incidents.playbooks import playbook_for
from tests.factories import make_incident, make_step

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

BEFORE = "This is before the setback happened"


def hidden_fields(page: str) -> dict:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))


def setback_days_ago(user, days: int) -> Incident:
    return make_incident(user, occurred_on=timezone.localdate(timezone=user.zone) - timedelta(days=days))


def test_a_new_step_due_before_the_setback_is_refused_and_keeps_what_was_typed(logged_in, client_user):
    incident = setback_days_ago(client_user, 3)
    response = logged_in.post(
        reverse("incidents:step_add", args=[incident.public_id]),
        {
            "title": "Call the client",
            "kind": "remedy",
            "status": "todo",
            "due_on": (incident.occurred_on - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert response.context["step_form"].errors["due_on"] == [
        "This is before the setback happened. Choose its date or a later one."
    ]
    assert 'value="Call the client"' in response.content.decode()
    assert not ActionStep.objects.exists()


def test_a_step_due_on_the_day_of_the_setback_is_fine(logged_in, client_user):
    incident = setback_days_ago(client_user, 3)
    logged_in.post(
        reverse("incidents:step_add", args=[incident.public_id]),
        {
            "title": "Call the client",
            "kind": "remedy",
            "status": "todo",
            "due_on": incident.occurred_on.isoformat(),
        },
    )
    assert ActionStep.objects.get().due_on == incident.occurred_on


def test_the_date_picker_starts_at_the_setback(logged_in, client_user):
    incident = setback_days_ago(client_user, 3)
    page = logged_in.get(reverse("incidents:resolve", args=[incident.public_id])).content.decode()
    assert f'min="{incident.occurred_on.isoformat()}"' in page


def edit_step(logged_in, incident, step, **changes):
    url = reverse("incidents:step_edit", args=[incident.public_id, step.public_id])
    page = logged_in.get(url).content.decode()
    data = {
        **hidden_fields(page),
        "title": step.title,
        "kind": step.kind,
        "status": step.status,
        "due_on": step.due_on.isoformat() if step.due_on else "",
        **changes,
    }
    return logged_in.post(url, data)


def test_moving_a_step_before_the_setback_is_refused(logged_in, client_user):
    incident = setback_days_ago(client_user, 3)
    step = make_step(incident, due_on=incident.occurred_on + timedelta(days=5))
    too_early = (incident.occurred_on - timedelta(days=10)).isoformat()
    response = edit_step(logged_in, incident, step, due_on=too_early, title="Renamed")
    assert BEFORE in response.content.decode()
    assert 'value="Renamed"' in response.content.decode()
    step.refresh_from_db()
    assert (step.title, step.due_on) == ("Call the client back", incident.occurred_on + timedelta(days=5))


def test_an_old_step_already_dated_before_the_setback_can_still_be_edited(logged_in, client_user):
    incident = setback_days_ago(client_user, 3)
    step = make_step(incident, due_on=incident.occurred_on - timedelta(days=1))  # from before this rule
    assert edit_step(logged_in, incident, step, title="Renamed").status_code == 302
    step.refresh_from_db()
    assert step.title == "Renamed"


def test_the_setback_cannot_be_moved_after_its_steps(logged_in, client_user):
    incident = setback_days_ago(client_user, 10)
    make_step(incident, due_on=incident.occurred_on + timedelta(days=2))
    url = reverse("incidents:edit", args=[incident.public_id])
    page = logged_in.get(url).content.decode()
    later = (incident.occurred_on + timedelta(days=5)).isoformat()
    response = logged_in.post(
        url,
        {
            **hidden_fields(page),
            "title": incident.title,
            "what_happened": incident.what_happened,
            "occurred_on": later,
            "crisis_type": incident.crisis_type,
            "severity": incident.severity,
        },
    )
    assert "Some steps are due before this date" in response.content.decode()
    incident.refresh_from_db()
    assert incident.occurred_on == timezone.localdate(timezone=client_user.zone) - timedelta(days=10)


def test_a_playbook_step_is_never_due_before_the_setback(logged_in, client_user):
    # "Today" can be before the setback's date: a person who moved to a time zone behind the one they
    # logged it in, or a date that came in with an import. The suggestion is then due on that date.
    incident = make_incident(client_user)
    ahead = timezone.localdate(timezone=client_user.zone) + timedelta(days=10)
    Incident.objects.filter(pk=incident.pk).update(occurred_on=ahead)
    soonest = min(playbook_for(incident.crisis_type), key=lambda step: step.due_in_days)
    assert soonest.due_in_days < 10
    logged_in.post(reverse("incidents:playbook_add", args=[incident.public_id]), {"key": soonest.key})
    assert ActionStep.objects.get().due_on == ahead
