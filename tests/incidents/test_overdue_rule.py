"""One overdue rule: an open step of the plan whose due date is past. The queryset (lists, counts,
reminders) and the predicate on a loaded step (the rules, the plan's rows) must say the same."""

from datetime import date, timedelta

import pytest
from django.db.models import Count

from crisis_coach.incidents.models import ActionStep, Incident, ProposalState, StepStatus, overdue_q
from tests.factories import make_incident

TODAY = date(2026, 11, 25)
PAST = TODAY - timedelta(days=3)


@pytest.fixture
def steps(client_user, coach):
    """One step of each kind the rule tells apart, keyed by what it is."""
    incident = make_incident(client_user, occurred_on=date(2026, 11, 1))
    rows = {
        "open, past due": {"due_on": PAST},
        "doing, past due": {"due_on": PAST, "status": StepStatus.DOING},
        "accepted proposal, past due": {"due_on": PAST, "proposal_state": ProposalState.ACCEPTED},
        "due today": {"due_on": TODAY},
        "due later": {"due_on": TODAY + timedelta(days=1)},
        "no due date": {"due_on": None},
        "done, past due": {"due_on": PAST, "status": StepStatus.DONE},
        "dropped, past due": {"due_on": PAST, "status": StepStatus.DROPPED},
        "pending proposal, past due": {"due_on": PAST, "proposal_state": ProposalState.PENDING},
        "declined proposal, past due": {"due_on": PAST, "proposal_state": ProposalState.DECLINED},
    }
    # Written as rows, not through the services: the rule is about any row, whatever wrote it.
    ActionStep.objects.bulk_create(
        ActionStep(
            incident=incident, title=title, proposed_by=coach if "proposal" in title else None, **fields
        )
        for title, fields in rows.items()
    )
    return incident


def test_the_queryset_and_the_predicate_agree_on_every_kind_of_step(steps):
    loaded = list(ActionStep.objects.filter(incident=steps))
    by_predicate = {step.title for step in loaded if step.is_overdue(TODAY)}
    by_queryset = set(
        ActionStep.objects.filter(incident=steps).overdue(TODAY).values_list("title", flat=True)
    )
    assert by_predicate == by_queryset == {"open, past due", "doing, past due", "accepted proposal, past due"}


def test_the_count_in_an_annotation_follows_the_same_rule(steps):
    counted = Incident.objects.annotate(overdue=Count("steps", filter=overdue_q(TODAY, prefix="steps__")))
    assert counted.get(pk=steps.pk).overdue == 3


def test_in_plan_and_open_are_the_predicates_parts(steps):
    loaded = list(ActionStep.objects.filter(incident=steps))
    in_plan = set(ActionStep.objects.filter(incident=steps).in_plan().values_list("title", flat=True))
    open_ = set(ActionStep.objects.filter(incident=steps).open().values_list("title", flat=True))
    assert in_plan == {step.title for step in loaded if step.is_in_plan}
    assert open_ == {step.title for step in loaded if step.is_open}
    assert "pending proposal, past due" not in in_plan and "done, past due" not in open_
