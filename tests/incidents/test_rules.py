"""The crisis flow's rules: risk level, stage completion, next best action, don't-delay clock."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from crisis_coach.incidents import presenters, rules
from crisis_coach.incidents.models import Assessment, Reflection, Stage
from crisis_coach.incidents.selectors import case_queryset
from tests.factories import (
    make_assessment,
    make_conversation,
    make_incident,
    make_stakeholder,
    make_step,
)

TODAY = date(2026, 11, 23)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def case(incident):
    return case_queryset().get(pk=incident.pk)


def said(rule, incident):
    """What a stage still lacks, as the stepper words it."""
    return presenters.missing_words(incident, rule(incident))


def clock_of(incident, today):
    """The don't-delay clock as the case header shows it, in the active time zone."""
    return presenters.clock_for(incident, today)


def shown(incident, today):
    """The next best action as the case header words and links it."""
    action = rules.next_best_action(incident, today=today, now=timezone.now())
    return presenters.show_next_action(incident, action)


def assessment(**harm):
    values = {
        "harm_reputation": 1,
        "harm_relationship": 1,
        "harm_business": 1,
        "harm_career": 1,
        "reversibility": "easy",
        "urgency": "low",
    }
    return Assessment(**{**values, **harm})


class TestRiskLevel:
    def test_unrated_assessment_has_no_risk_yet(self):
        assert rules.risk_level(assessment(harm_career=None)) == ""
        assert rules.risk_level(assessment(urgency="")) == ""
        assert rules.risk_level(assessment(reversibility="")) == ""

    @pytest.mark.parametrize(
        ("worst_harm", "reversibility", "urgency", "expected"),
        [
            (1, "easy", "low", "low"),  # score 1
            (4, "easy", "low", "low"),  # score 4, upper edge of low
            (4, "effort", "low", "medium"),  # score 5, lower edge of medium
            (3, "effort", "high", "medium"),  # score 6
            (3, "hard", "high", "high"),  # score 7
            (4, "hard", "high", "high"),  # score 8
            (5, "hard", "high", "critical"),  # score 9
            (4, "irreversible", "high", "critical"),  # score 9
            (5, "irreversible", "low", "critical"),  # worst harm that cannot be undone is always critical
        ],
    )
    def test_score_bands(self, worst_harm, reversibility, urgency, expected):
        rated = assessment(harm_business=worst_harm, reversibility=reversibility, urgency=urgency)
        assert rules.risk_level(rated) == expected

    def test_the_worst_harm_counts_not_the_average(self):
        assert rules.risk_level(assessment(harm_reputation=5, urgency="medium")) == "medium"
        assert rules.risk_level(assessment(harm_reputation=2, urgency="medium")) == "low"


@pytest.mark.django_db
class TestStageCompletion:
    def test_new_incident_misses_everything_in_assess(self, client_user):
        incident = case(make_incident(client_user))
        assert len(rules.assess_missing(incident)) == 3
        assert rules.working_stage(incident) == Stage.ASSESS

    def test_stakeholder_without_influence_does_not_complete_assess(self, client_user):
        incident = make_incident(client_user)
        make_stakeholder(incident, influence=None)
        make_assessment(incident)
        assert said(rules.assess_missing, case(incident)) == [
            "at least one person with their influence rated"
        ]

    def test_blank_root_cause_does_not_complete_assess(self, client_user):
        incident = make_incident(client_user)
        make_stakeholder(incident)
        make_assessment(incident, root_cause="   ")
        assert said(rules.assess_missing, case(incident)) == ["the root cause, in your words"]

    def test_assess_complete_moves_to_confront(self, client_user):
        incident = make_incident(client_user)
        make_stakeholder(incident)
        make_assessment(incident)
        assert said(rules.assess_missing, case(incident)) == []
        assert rules.working_stage(case(incident)) == Stage.CONFRONT

    def test_conversation_with_someone_less_influential_does_not_complete_confront(self, client_user):
        incident = make_incident(client_user)
        make_stakeholder(incident, name="Manager", influence=5)
        peer = make_stakeholder(incident, name="Peer", influence=2)
        make_assessment(incident)
        make_conversation(incident, peer, held_at=at(TODAY), outcome="positive")
        assert said(rules.confront_missing, case(incident)) == ["a conversation held with Manager"]

    def test_held_conversation_without_outcome_does_not_complete_confront(self, client_user):
        incident = make_incident(client_user)
        key = make_stakeholder(incident)
        make_assessment(incident)
        make_conversation(incident, key, held_at=at(TODAY))
        assert said(rules.confront_missing, case(incident)) == [
            "the outcome of your conversation with Ms Wang"
        ]

    def test_influence_tie_goes_to_the_first_added(self, client_user):
        incident = make_incident(client_user)
        first = make_stakeholder(incident, name="First", influence=4)
        make_stakeholder(incident, name="Second", influence=4)
        assert rules.key_stakeholder(case(incident)) == first

    def test_resolve_needs_every_non_dropped_step_done_and_a_reflection(self, client_user):
        incident = make_incident(client_user)
        make_step(incident, status="done")
        make_step(incident, status="dropped")
        open_step = make_step(incident, status="doing")
        assert said(rules.resolve_missing, case(incident)) == [
            "every step done (or dropped)",
            "your closing reflection",
        ]
        open_step.status = "done"
        open_step.save()
        Reflection.objects.create(
            incident=incident, strengths="Calm", lessons="Track offers", next_step="Stay", control_at_close=8
        )
        assert said(rules.resolve_missing, case(incident)) == []
        assert rules.working_stage(case(incident)) == Stage.CLOSED

    def test_only_dropped_steps_is_not_a_plan(self, client_user):
        incident = make_incident(client_user)
        make_step(incident, status="dropped")
        assert "at least one step in your plan" in said(rules.resolve_missing, case(incident))

    def test_a_draft_reflection_after_reopening_does_not_close(self, client_user):
        incident = make_incident(client_user)
        make_step(incident, status="done")
        Reflection.objects.create(
            incident=incident, strengths="a", lessons="b", next_step="c", control_at_close=5, is_final=False
        )
        assert said(rules.resolve_missing, case(incident)) == ["your closing reflection"]


@pytest.mark.django_db
class TestDontDelayClock:
    def test_within_three_days_with_nothing_planned_is_not_yet_a_warning(self, client_user):
        incident = make_incident(client_user, occurred_on=TODAY - timedelta(days=3))
        clock = clock_of(case(incident), TODAY)
        assert (clock.days, clock.warning) == (3, False)

    def test_day_four_with_nothing_planned_is_a_warning(self, client_user):
        incident = make_incident(client_user, occurred_on=TODAY - timedelta(days=4))
        make_stakeholder(incident)
        clock = clock_of(case(incident), TODAY)
        assert (clock.days, clock.warning) == (4, True)
        assert "not planned" in clock.message

    def test_planned_but_unheld_past_three_days_is_a_warning(self, client_user):
        incident = make_incident(client_user, occurred_on=TODAY - timedelta(days=5))
        key = make_stakeholder(incident)
        make_conversation(incident, key, planned_for=at(TODAY + timedelta(days=1)))
        clock = clock_of(case(incident), TODAY)
        assert clock.warning
        assert "still to be held" in clock.message

    def test_planned_too_late_warns_even_on_day_one(self, client_user):
        incident = make_incident(client_user, occurred_on=TODAY - timedelta(days=1))
        key = make_stakeholder(incident)
        make_conversation(incident, key, planned_for=at(TODAY + timedelta(days=10)))
        assert clock_of(case(incident), TODAY).warning

    def test_the_planned_day_is_the_persons_own_day_not_utcs(self, client_user):
        # 21:00 on day 3 in New York is 02:00 on day 4 in UTC: still within the three days for her.
        incident = make_incident(client_user, occurred_on=TODAY - timedelta(days=1))
        key = make_stakeholder(incident)
        day_three = incident.occurred_on + timedelta(days=3)
        new_york = ZoneInfo("America/New_York")
        evening = datetime(day_three.year, day_three.month, day_three.day, 21, tzinfo=new_york)
        make_conversation(incident, key, planned_for=evening)
        with timezone.override(new_york):
            assert not clock_of(case(incident), TODAY).warning

    def test_planned_promptly_is_fine(self, client_user):
        incident = make_incident(client_user, occurred_on=TODAY - timedelta(days=1))
        key = make_stakeholder(incident)
        make_conversation(incident, key, planned_for=at(TODAY + timedelta(days=1)))
        assert not clock_of(case(incident), TODAY).warning

    def test_held_key_conversation_stops_the_warning_however_late(self, client_user):
        incident = make_incident(client_user, occurred_on=TODAY - timedelta(days=30))
        key = make_stakeholder(incident)
        make_conversation(incident, key, held_at=at(TODAY), outcome="mixed")
        clock = clock_of(case(incident), TODAY)
        assert (clock.days, clock.warning) == (30, False)

    def test_future_date_counts_as_day_zero(self, client_user):
        incident = make_incident(client_user, occurred_on=TODAY + timedelta(days=2))
        assert clock_of(case(incident), TODAY).days == 0


@pytest.mark.django_db
class TestNextBestAction:
    @pytest.mark.dates
    def test_walks_the_case_from_first_step_to_closing(self, client_user):
        # "Prepare" or "record how it went" depends on whether the talk is still ahead of the clock.
        today = timezone.localdate()
        incident = make_incident(client_user, occurred_on=today - timedelta(days=3))
        assert "Name the people" in shown(case(incident), today).message

        unrated = make_stakeholder(incident, influence=None)
        assert "influence" in shown(case(incident), today).message
        unrated.influence = 5
        unrated.save()

        make_assessment(incident, harm_career=None, root_cause="")
        assert "Measure the harm" in shown(case(incident), today).message
        Assessment.objects.filter(incident=incident).update(harm_career=2)
        assert "why it happened" in shown(case(incident), today).message
        Assessment.objects.filter(incident=incident).update(root_cause="Overload")

        action = shown(case(incident), today)
        assert action.message == "Plan the conversation with Ms Wang — it is day 3."
        assert action.url.endswith("/confront/")

        talk = make_conversation(incident, unrated, planned_for=at(today + timedelta(days=1)))
        assert "Prepare for your talk with Ms Wang" in shown(case(incident), today).message
        talk.planned_for = at(today - timedelta(days=1))
        talk.save()
        assert "record how it went" in shown(case(incident), today).message
        talk.held_at = at(today)
        talk.save()
        assert "Record the outcome" in shown(case(incident), today).message
        talk.outcome = "positive"
        talk.save()

        assert "quick win" in shown(case(incident), today).message
        late = make_step(incident, title="Send the apology", due_on=today - timedelta(days=1))
        make_step(incident, title="Set up offer tracking", due_on=today + timedelta(days=5))
        assert "“Send the apology” is overdue" in shown(case(incident), today).message
        late.status = "done"
        late.save()
        assert shown(case(incident), today).message == "Next step: “Set up offer tracking”."
        incident.steps.update(status="done")
        assert "closing reflection" in shown(case(incident), today).message

    def test_closed_incident_points_back_to_its_story(self, client_user):
        incident = make_incident(client_user)
        incident.stage = Stage.CLOSED
        incident.save()
        assert "behind you" in shown(case(incident), TODAY).message
