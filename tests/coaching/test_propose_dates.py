"""A coach's proposed step can no more be due before the setback happened than the client's own."""

from datetime import timedelta

import pytest
from django.urls import reverse

from crisis_coach.incidents.models import ActionStep

pytestmark = pytest.mark.django_db


def propose(coach_client, case, due_on):
    return coach_client.post(
        reverse("coach:step_propose", args=[case.public_id]),
        {
            "title": "Ask HR for the review notes",
            "detail": "Before Friday",
            "kind": "remedy",
            "due_on": due_on,
        },
    )


def test_a_proposal_due_before_the_setback_is_refused_and_keeps_the_text(coach_client, shared_case):
    response = propose(coach_client, shared_case, (shared_case.occurred_on - timedelta(days=1)).isoformat())
    assert response.status_code == 400
    assert response.context["propose_form"].errors["due_on"] == [
        "This is before the setback happened. Choose its date or a later one."
    ]
    page = response.content.decode()
    assert 'value="Ask HR for the review notes"' in page
    assert "Before Friday" in page
    assert not ActionStep.objects.exists()


def test_a_proposal_due_on_the_setback_day_is_sent(coach_client, shared_case):
    propose(coach_client, shared_case, shared_case.occurred_on.isoformat())
    assert ActionStep.objects.get().due_on == shared_case.occurred_on


def test_the_proposal_date_picker_starts_at_the_setback(coach_client, shared_case):
    page = coach_client.get(reverse("coach:case", args=[shared_case.public_id])).content.decode()
    assert f'min="{shared_case.occurred_on.isoformat()}"' in page
