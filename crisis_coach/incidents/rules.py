"""The crisis flow's rules, in one place and unit-tested (tests/incidents/test_rules.py).

Every function here works on an incident whose related rows were already fetched
(see selectors.incident_with_case), so applying the rules costs no extra queries.
`today` is the owner's local date (and `now` the moment), passed in so the rules are pure.
No URLs here and no clock: presenters.py turns a decision into a sentence, a link and a button
(tests/incidents/test_rules_pure.py runs the decisions with no URLconf and no database).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from crisis_coach.common.addressing import addressed_lazy
from crisis_coach.incidents.models import (
    ActionStep,
    Assessment,
    Conversation,
    Incident,
    Reversibility,
    RiskLevel,
    Stage,
    Stakeholder,
    StepCheck,
    StepKind,
    StepStatus,
    Urgency,
)

DONT_DELAY_DAYS = 3  # The article: admit it promptly. Past this, an unheld key conversation is a warning.

_REVERSIBILITY_POINTS = {
    Reversibility.EASY: 0,
    Reversibility.EFFORT: 1,
    Reversibility.HARD: 2,
    Reversibility.IRREVERSIBLE: 3,
}
_URGENCY_POINTS = {Urgency.LOW: 0, Urgency.MEDIUM: 1, Urgency.HIGH: 2}


def risk_level(assessment: Assessment) -> str:
    """Low / medium / high / critical from the worst harm, how reversible it is and how urgent.

    Score = worst harm (1–5) + reversibility (0–3) + urgency (0–2), from 1 to 10:
    up to 4 is low, 5–6 medium, 7–8 high, 9–10 critical. Maximum harm that cannot be undone is
    critical whatever the urgency. Returns "" until every input is rated.
    """
    ratings = assessment.harm_ratings()
    if None in ratings or not assessment.reversibility or not assessment.urgency:
        return ""
    worst = max(ratings)
    if worst == 5 and assessment.reversibility == Reversibility.IRREVERSIBLE:
        return RiskLevel.CRITICAL
    score = worst + _REVERSIBILITY_POINTS[assessment.reversibility] + _URGENCY_POINTS[assessment.urgency]
    if score >= 9:
        return RiskLevel.CRITICAL
    if score >= 7:
        return RiskLevel.HIGH
    if score >= 5:
        return RiskLevel.MEDIUM
    return RiskLevel.LOW


def _assessment(incident: Incident) -> Assessment | None:
    try:
        return incident.assessment
    except Assessment.DoesNotExist:
        return None


def key_stakeholder(incident: Incident) -> Stakeholder | None:
    """The most influential stakeholder (earliest added on a tie); None when nobody is rated."""
    rated = [s for s in incident.stakeholders.all() if s.influence is not None]
    if not rated:
        return None
    return min(rated, key=lambda s: (-s.influence, s.created_at, s.pk))


class Missing(StrEnum):
    """What a stage still lacks; presenters.missing_words says it to the reader."""

    RATED_STAKEHOLDER = "rated_stakeholder"
    HARM_RATINGS = "harm_ratings"
    ROOT_CAUSE = "root_cause"
    KEY_PERSON = "key_person"
    HELD_CONVERSATION = "held_conversation"
    OUTCOME = "outcome"
    PLAN_STEP = "plan_step"
    STEPS_DONE = "steps_done"
    REFLECTION = "reflection"


def assess_missing(incident: Incident) -> list[Missing]:
    """What Assess still lacks; empty when the stage is complete."""
    missing = []
    if key_stakeholder(incident) is None:
        missing.append(Missing.RATED_STAKEHOLDER)
    assessment = _assessment(incident)
    if assessment is None or None in assessment.harm_ratings():
        missing.append(Missing.HARM_RATINGS)
    if assessment is None or not assessment.root_cause.strip():
        missing.append(Missing.ROOT_CAUSE)
    return missing


def key_conversation(incident: Incident) -> Conversation | None:
    """The conversation with the key stakeholder that matters most: held if any, else the latest planned."""
    key = key_stakeholder(incident)
    if key is None:
        return None
    with_key = [c for c in incident.conversations.all() if c.stakeholder_id == key.pk]
    held = [c for c in with_key if c.is_held]
    if held:
        return max(held, key=lambda c: c.held_at)
    return with_key[-1] if with_key else None


def confront_missing(incident: Incident) -> list[Missing]:
    """What Confront still lacks: the held conversation with the key stakeholder, and its outcome."""
    if key_stakeholder(incident) is None:
        return [Missing.KEY_PERSON]
    conversation = key_conversation(incident)
    if conversation is None or not conversation.is_held:
        return [Missing.HELD_CONVERSATION]
    if not conversation.outcome:
        return [Missing.OUTCOME]
    return []


def plan_steps(incident: Incident):
    """The steps of the plan, in order: a coach's proposal joins only once the client accepts it."""
    return [s for s in incident.steps.all() if s.is_in_plan]


def _counted_steps(incident: Incident):
    """The plan's steps that count for completion: not dropped."""
    return [s for s in plan_steps(incident) if s.status != StepStatus.DROPPED]


def has_reflection(incident: Incident) -> bool:
    """A final reflection; a reopened incident's reflection is a draft until saved again."""
    return hasattr(incident, "reflection") and incident.reflection.is_final


def resolve_missing(incident: Incident) -> list[Missing]:
    missing = []
    steps = _counted_steps(incident)
    if not steps:
        missing.append(Missing.PLAN_STEP)
    elif any(s.status != StepStatus.DONE for s in steps):
        missing.append(Missing.STEPS_DONE)
    if not has_reflection(incident):
        missing.append(Missing.REFLECTION)
    return missing


def plan_done(incident: Incident) -> bool:
    """Whether the plan has a step and every step is done (or dropped)."""
    return not {Missing.PLAN_STEP, Missing.STEPS_DONE} & set(resolve_missing(incident))


def reflection_open(incident: Incident) -> bool:
    """Whether Resolve shows the closing reflection's form open: once the plan is done, or when a
    reflection has been started. Before that it waits, folded, for the person to ask for it, so the
    page shows one next thing: the plan."""
    return plan_done(incident) or hasattr(incident, "reflection")


def working_stage(incident: Incident) -> str:
    """Where the person is: closed once Resolve is complete, else the first stage not yet complete."""
    if not resolve_missing(incident):
        return Stage.CLOSED
    if assess_missing(incident):
        return Stage.ASSESS
    if confront_missing(incident):
        return Stage.CONFRONT
    return Stage.RESOLVE


class ClockState(StrEnum):
    """Where the don't-delay clock stands; presenters.show_clock words it."""

    FACED = "faced"  # the key conversation is held
    CLOSED = "closed"
    NOT_PLANNED = "not_planned"
    PLAN_SOON = "plan_soon"  # not planned yet, still within DONT_DELAY_DAYS
    DRIFTING = "drifting"  # planned, but held late or still unheld past DONT_DELAY_DAYS
    PLANNED = "planned"


@dataclass(frozen=True)
class Clock:
    days: int
    warning: bool
    state: ClockState


def dont_delay_clock(incident: Incident, today: date, *, zone: tzinfo) -> Clock:
    """Days since it happened; a warning when the key conversation is unplanned or unheld past 3 days.

    `zone` is the person's time zone: the day a planned talk falls on is theirs, as occurred_on is.
    """
    days = incident.days_since(today)
    conversation = key_conversation(incident)
    if conversation is not None and conversation.is_held:
        return Clock(days, False, ClockState.FACED)
    if incident.is_closed:
        return Clock(days, False, ClockState.CLOSED)
    if conversation is None or conversation.planned_for is None:
        if days > DONT_DELAY_DAYS:
            return Clock(days, True, ClockState.NOT_PLANNED)
        return Clock(days, False, ClockState.PLAN_SOON)
    # .date() of the stored UTC value moved an evening talk in New York to the next day.
    planned_day = conversation.planned_for.astimezone(zone).date()
    late_plan = (planned_day - incident.occurred_on).days > DONT_DELAY_DAYS
    if days > DONT_DELAY_DAYS or late_plan:
        return Clock(days, True, ClockState.DRIFTING)
    return Clock(days, False, ClockState.PLANNED)


class ActionKind(StrEnum):
    """What the next best action is; presenters.show_next_action words it and links it."""

    READ_STORY = "read_story"
    ADD_STAKEHOLDER = "add_stakeholder"
    RATE_INFLUENCE = "rate_influence"
    RATE_HARM = "rate_harm"
    FIND_CAUSE = "find_cause"
    PLAN_CONVERSATION = "plan_conversation"
    PREPARE_CONVERSATION = "prepare_conversation"
    RECORD_CONVERSATION = "record_conversation"
    RECORD_OUTCOME = "record_outcome"
    BUILD_PLAN = "build_plan"
    OVERDUE_STEP = "overdue_step"
    NEXT_STEP = "next_step"
    WRITE_REFLECTION = "write_reflection"


@dataclass(frozen=True)
class NextAction:
    """The decision: what to do next, and what it is about. No words and no URLs here."""

    kind: ActionKind
    day: int  # days since the setback happened (Incident.days_since)
    stakeholder: Stakeholder | None = None  # the key person, for the conversation kinds
    conversation: Conversation | None = None  # the key conversation, once planned
    step: ActionStep | None = None  # the overdue or next step


def next_best_action(incident: Incident, *, today: date, now: datetime) -> NextAction:
    """The one thing to do next, decided from the incident on the owner's `today` at the moment `now`."""
    day = incident.days_since(today)
    if incident.is_closed:
        return NextAction(ActionKind.READ_STORY, day)
    if not incident.stakeholders.all():
        return NextAction(ActionKind.ADD_STAKEHOLDER, day)
    key = key_stakeholder(incident)
    if key is None:
        return NextAction(ActionKind.RATE_INFLUENCE, day)
    assessment = _assessment(incident)
    if assessment is None or None in assessment.harm_ratings():
        return NextAction(ActionKind.RATE_HARM, day)
    if not assessment.root_cause.strip():
        return NextAction(ActionKind.FIND_CAUSE, day)

    conversation = key_conversation(incident)
    if conversation is None or conversation.planned_for is None:
        return NextAction(ActionKind.PLAN_CONVERSATION, day, stakeholder=key)
    if not conversation.is_held and conversation.planned_for > now:
        return NextAction(ActionKind.PREPARE_CONVERSATION, day, stakeholder=key, conversation=conversation)
    if not conversation.is_held:
        return NextAction(ActionKind.RECORD_CONVERSATION, day, stakeholder=key, conversation=conversation)
    if not conversation.outcome:
        return NextAction(ActionKind.RECORD_OUTCOME, day, stakeholder=key, conversation=conversation)

    steps = _counted_steps(incident)
    if not steps:
        return NextAction(ActionKind.BUILD_PLAN, day)
    open_steps = [s for s in steps if s.status != StepStatus.DONE]
    overdue = [s for s in open_steps if s.is_overdue(today)]
    if overdue:
        return NextAction(ActionKind.OVERDUE_STEP, day, step=overdue[0])
    if open_steps:
        return NextAction(ActionKind.NEXT_STEP, day, step=open_steps[0])
    return NextAction(ActionKind.WRITE_REFLECTION, day)


def overdue_steps(incident: Incident, today: date):
    return [s for s in plan_steps(incident) if s.is_overdue(today)]


def due_before_setback(incident: Incident, due_on: date | None) -> bool:
    """A step due before the setback happened cannot be part of responding to it."""
    return due_on is not None and due_on < incident.occurred_on


DUE_BEFORE_SETBACK = addressed_lazy("This is before the setback happened. Choose its date or a later one.")


# --- follow-through: a ticked step is not yet a result -----------------------------------------

FOLLOW_UP_DAYS = 7  # a quick win that had not worked yet is asked about again a week later


@dataclass(frozen=True)
class FollowThrough:
    """How the plan was carried out: what the Resolve page and the coach's case review show."""

    on_time: int
    late: int
    dropped: int
    worked: int
    checked: int  # done steps with any answer to "did it work?"

    @property
    def done(self) -> int:
        return self.on_time + self.late


def done_on_time(step: ActionStep, *, zone: tzinfo) -> bool:
    """Done on or before its due date, on the owner's calendar; a step without one is on time."""
    if step.due_on is None:
        return True
    return step.done_at.astimezone(zone).date() <= step.due_on


def follow_through(incident: Incident, *, zone: tzinfo) -> FollowThrough:
    """Counts over the plan's steps (a coach's pending proposal is not part of it). `zone` is the
    owner's time zone: a step ticked late in the evening of its due day was done on time."""
    done = [s for s in plan_steps(incident) if s.status == StepStatus.DONE and s.done_at is not None]
    on_time = sum(done_on_time(s, zone=zone) for s in done)
    return FollowThrough(
        on_time=on_time,
        late=len(done) - on_time,
        dropped=sum(s.status == StepStatus.DROPPED for s in plan_steps(incident)),
        worked=sum(s.check_result == StepCheck.WORKED for s in done),
        checked=sum(bool(s.check_result) for s in done),
    )


def follow_up_due_on(step: ActionStep, *, zone: tzinfo) -> date | None:
    """When a done quick win that had "not yet" worked comes back ("did it work now?"): a week after
    it was checked, on the owner's calendar. None for any other step."""
    if (
        step.kind != StepKind.QUICK_WIN
        or step.status != StepStatus.DONE
        or step.check_result != StepCheck.NOT_YET
        or step.checked_at is None
    ):
        return None
    return step.checked_at.astimezone(zone).date() + timedelta(days=FOLLOW_UP_DAYS)


def follow_up_due(step: ActionStep, *, today: date, zone: tzinfo) -> bool:
    due_on = follow_up_due_on(step, zone=zone)
    return due_on is not None and due_on <= today


def follow_up_checked_before(today: date, *, zone: tzinfo) -> datetime:
    """The moment a step must have been checked before for its follow-up to be due on `today`: the
    start of the day FOLLOW_UP_DAYS - 1 days before it (a filter for the selector, same rule)."""
    start = today - timedelta(days=FOLLOW_UP_DAYS - 1)
    return datetime.combine(start, datetime.min.time(), zone)
