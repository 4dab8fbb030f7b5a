"""The Resolve and Assess pages cost a fixed number of queries however many rows they show: the
plan's steps (with their follow-through) and the earlier cases learned from, pinned with 1 and 50."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis_coach.incidents.models import ActionStep, StepCheck, StepKind, StepStatus
from tests.factories import make_assessment, make_incident, make_stakeholder

pytestmark = pytest.mark.django_db

SIZES = [1, 50]
# Session, user, the savepoint pair, the case's heading (every load reads it: the 404 and the page's
# title), the case (on a cache miss: the incident with its assessment and reflection, then its
# stakeholders, conversations and steps), the coach profile (the navbar),
# the step form's two choice lists (stakeholders, contacts), and "From your coach": the playbooks of
# her current coach that suit the case (none here; their steps cost one more, see
# tests/coaching/test_playbooks.py). The follow-through costs nothing: rules.follow_through counts
# the steps already loaded.
RESOLVE_QUERIES = 13
# The same session, user, savepoint pair, heading, case and coach profile, the stakeholder form's contacts,
# and learning across cases: the earlier cases of the same root cause and their prevention steps.
ASSESS_QUERIES = 13


@pytest.mark.parametrize("size", SIZES)
def test_resolve_page_queries_do_not_grow_with_the_steps(
    logged_in, client_user, size, django_assert_num_queries
):
    incident = make_incident(client_user)
    make_stakeholder(incident)
    now = timezone.now()
    ActionStep.objects.bulk_create(
        ActionStep(
            incident=incident,
            title=f"Step {n:02}",
            kind=StepKind.QUICK_WIN,
            position=n,
            due_on=timezone.localdate() - datetime.timedelta(days=n % 3),
            status=[StepStatus.DONE, StepStatus.DROPPED, StepStatus.TODO][n % 3],
            done_at=now if n % 3 == 0 else None,
            check_result=StepCheck.WORKED if n % 3 == 0 else "",
            checked_at=now if n % 3 == 0 else None,
            drop_reason="Not needed" if n % 3 == 1 else "",
        )
        for n in range(size)
    )
    with django_assert_num_queries(RESOLVE_QUERIES):
        response = logged_in.get(reverse("incidents:resolve", args=[incident.public_id]))
    assert response.content.decode().count('class="list-group-item step-row') == size
    assert "Follow-through" in response.content.decode()


@pytest.mark.parametrize("size", SIZES)
def test_assess_page_queries_do_not_grow_with_the_earlier_cases(
    logged_in, client_user, size, django_assert_num_queries
):
    for n in range(size):
        earlier = make_incident(client_user, title=f"Earlier {n:02}")
        make_assessment(earlier, root_cause_category="workload")
        ActionStep.objects.bulk_create(
            ActionStep(incident=earlier, title=f"Prevent {n:02}-{m}", kind=StepKind.PREVENTION, position=m)
            for m in range(2)
        )
    incident = make_incident(client_user)
    make_assessment(incident, root_cause_category="workload")
    with django_assert_num_queries(ASSESS_QUERIES):
        response = logged_in.get(reverse("incidents:assess", args=[incident.public_id]))
    assert response.content.decode().count('class="mb-3 earlier-case"') == min(size, 10)
