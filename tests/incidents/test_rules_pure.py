"""The rules as plain functions: unsaved rows, no database, no URLconf, no clock, no active language.

The empty URLconf proves the rules build no links (presenters.py does); `today` and `now` are
passed in, so the decision is the same whatever the day the tests run.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crisis_coach.incidents.models import (
    ActionStep,
    Assessment,
    Conversation,
    Incident,
    Stage,
    Stakeholder,
    StepStatus,
)
from crisis_coach.incidents.rules import (
    ActionKind,
    ClockState,
    Missing,
    assess_missing,
    confront_missing,
    dont_delay_clock,
    next_best_action,
    resolve_missing,
    working_stage,
)

pytestmark = pytest.mark.urls("tests.empty_urls")

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, tzinfo=UTC)
ADDED = datetime(2026, 11, 20, 9, tzinfo=UTC)


def _prefetched(model, rows):
    """A queryset that already holds `rows`, as Prefetch leaves it: reading it runs no query."""
    rows = list(rows)
    queryset = model.objects.all()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    return queryset


def setback(*, stakeholders=(), conversations=(), steps=(), assessment=None, stage=Stage.ASSESS):
    """An unsaved incident whose related rows are already in hand, like selectors.case_queryset's."""
    incident = Incident(pk=1, title="Missed the launch", occurred_on=TODAY - timedelta(days=3), stage=stage)
    incident._prefetched_objects_cache = {
        "stakeholders": _prefetched(Stakeholder, stakeholders),
        "conversations": _prefetched(Conversation, conversations),
        "steps": _prefetched(ActionStep, steps),
    }
    Incident.assessment.related.set_cached_value(incident, assessment)
    Incident.reflection.related.set_cached_value(incident, None)
    return incident


def rated_assessment(**fields):
    values = {
        "harm_reputation": 2,
        "harm_relationship": 2,
        "harm_business": 1,
        "harm_career": 1,
        "reversibility": "effort",
        "urgency": "medium",
        "root_cause": "Overload",
    }
    return Assessment(**{**values, **fields})


def manager(influence=5):
    return Stakeholder(pk=10, name="Ms Wang", influence=influence, created_at=ADDED)


def talk(**fields):
    return Conversation(pk=20, stakeholder_id=10, **fields)


def decide(incident, today=TODAY, now=NOW):
    return next_best_action(incident, today=today, now=now)


def test_a_closed_setback_points_back_to_its_story():
    assert decide(setback(stage=Stage.CLOSED)).kind == ActionKind.READ_STORY


def test_assess_comes_first_people_then_influence_then_harm_then_cause():
    assert decide(setback()).kind == ActionKind.ADD_STAKEHOLDER
    assert decide(setback(stakeholders=[manager(influence=None)])).kind == ActionKind.RATE_INFLUENCE
    unrated_harm = rated_assessment(harm_career=None)
    assert decide(setback(stakeholders=[manager()], assessment=unrated_harm)).kind == ActionKind.RATE_HARM
    no_cause = rated_assessment(root_cause="  ")
    assert decide(setback(stakeholders=[manager()], assessment=no_cause)).kind == ActionKind.FIND_CAUSE


def test_an_unplanned_key_conversation_names_the_person_and_the_day():
    key = manager()
    action = decide(setback(stakeholders=[key], assessment=rated_assessment()))
    assert (action.kind, action.stakeholder, action.day) == (ActionKind.PLAN_CONVERSATION, key, 3)


def test_a_planned_talk_is_prepared_before_it_and_recorded_after_it_by_the_moment_passed_in():
    planned = talk(planned_for=NOW + timedelta(hours=2))
    incident = setback(stakeholders=[manager()], conversations=[planned], assessment=rated_assessment())
    before = decide(incident, now=NOW)
    after = decide(incident, now=NOW + timedelta(hours=3))
    assert (before.kind, before.conversation) == (ActionKind.PREPARE_CONVERSATION, planned)
    assert (after.kind, after.conversation) == (ActionKind.RECORD_CONVERSATION, planned)


def test_a_held_talk_without_an_outcome_asks_for_it():
    held = talk(planned_for=NOW - timedelta(days=1), held_at=NOW - timedelta(days=1), outcome="")
    incident = setback(stakeholders=[manager()], conversations=[held], assessment=rated_assessment())
    assert decide(incident).kind == ActionKind.RECORD_OUTCOME


def resolving(steps):
    held = talk(planned_for=NOW - timedelta(days=1), held_at=NOW - timedelta(days=1), outcome="positive")
    return setback(
        stakeholders=[manager()],
        conversations=[held],
        assessment=rated_assessment(),
        steps=steps,
        stage=Stage.RESOLVE,
    )


def step(pk, due_on, status=StepStatus.TODO, **fields):
    return ActionStep(pk=pk, title=f"Step {pk}", due_on=due_on, status=status, **fields)


def test_resolve_builds_the_plan_then_chases_the_overdue_step_then_the_next():
    assert decide(resolving([])).kind == ActionKind.BUILD_PLAN
    late, later = step(1, TODAY - timedelta(days=1)), step(2, TODAY + timedelta(days=5))
    overdue = decide(resolving([late, later]))
    assert (overdue.kind, overdue.step) == (ActionKind.OVERDUE_STEP, late)
    # The same plan a day earlier, by the `today` passed in: nothing is late yet.
    on_time = decide(resolving([late, later]), today=TODAY - timedelta(days=1))
    assert (on_time.kind, on_time.step) == (ActionKind.NEXT_STEP, late)


def test_every_step_done_or_dropped_asks_for_the_reflection():
    done = step(1, TODAY - timedelta(days=2), status=StepStatus.DONE)
    dropped = step(2, TODAY - timedelta(days=2), status=StepStatus.DROPPED)
    assert decide(resolving([done, dropped])).kind == ActionKind.WRITE_REFLECTION


def test_what_each_stage_lacks_is_a_code_not_a_sentence():
    fresh = setback()
    assert assess_missing(fresh) == [Missing.RATED_STAKEHOLDER, Missing.HARM_RATINGS, Missing.ROOT_CAUSE]
    assert confront_missing(fresh) == [Missing.KEY_PERSON]
    assert resolve_missing(fresh) == [Missing.PLAN_STEP, Missing.REFLECTION]
    assert working_stage(fresh) == Stage.ASSESS
    planned = talk(planned_for=NOW + timedelta(days=1))
    assessed = setback(stakeholders=[manager()], conversations=[planned], assessment=rated_assessment())
    assert assess_missing(assessed) == []
    assert confront_missing(assessed) == [Missing.HELD_CONVERSATION]
    assert working_stage(assessed) == Stage.CONFRONT
    open_step = step(1, TODAY + timedelta(days=2))
    assert resolve_missing(resolving([open_step])) == [Missing.STEPS_DONE, Missing.REFLECTION]


def clock(incident, today=TODAY, zone=UTC):
    return dont_delay_clock(incident, today, zone=zone)


def test_the_clock_counts_days_and_warns_past_three_without_a_plan():
    assert (clock(setback()).days, clock(setback()).state) == (3, ClockState.PLAN_SOON)
    late = clock(setback(), today=TODAY + timedelta(days=1))
    assert (late.days, late.warning, late.state) == (4, True, ClockState.NOT_PLANNED)


def test_the_planned_day_is_the_one_in_the_zone_passed_in():
    # 21:00 on day 3 in New York is 02:00 on day 4 in UTC: within the three days for her, not in UTC.
    new_york = ZoneInfo("America/New_York")
    evening = datetime(2026, 11, 23, 21, tzinfo=new_york)
    incident = setback(stakeholders=[manager()], conversations=[talk(planned_for=evening)])
    incident.occurred_on = date(2026, 11, 20)
    today = date(2026, 11, 21)
    assert clock(incident, today=today, zone=new_york).state == ClockState.PLANNED
    assert clock(incident, today=today, zone=UTC).state == ClockState.DRIFTING


def test_a_held_key_conversation_stops_the_clock_however_late():
    held = talk(planned_for=NOW, held_at=NOW, outcome="mixed")
    faced = clock(setback(stakeholders=[manager()], conversations=[held]), today=TODAY + timedelta(days=30))
    assert (faced.warning, faced.state) == (False, ClockState.FACED)
