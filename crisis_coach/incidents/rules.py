"""The crisis flow's rules, in one place and unit-tested (tests/incidents/test_rules.py).

Every function here works on an incident whose related rows were already fetched
(see selectors.incident_with_case), so applying the rules costs no extra queries.
`today` is the owner's local date, passed in so the rules are pure.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crisis_coach.common.quotes import unquoted
from crisis_coach.incidents.models import (
    Assessment,
    Conversation,
    Incident,
    Reversibility,
    RiskLevel,
    Stage,
    Stakeholder,
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


def assess_missing(incident: Incident) -> list[str]:
    """What Assess still lacks, in words for the person; empty when the stage is complete."""
    missing = []
    if key_stakeholder(incident) is None:
        missing.append(_("at least one person with their influence rated"))
    assessment = _assessment(incident)
    if assessment is None or None in assessment.harm_ratings():
        missing.append(_("a rating for every kind of harm"))
    if assessment is None or not assessment.root_cause.strip():
        missing.append(_("the root cause, in your words"))
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


def confront_missing(incident: Incident) -> list[str]:
    key = key_stakeholder(incident)
    if key is None:
        return [_("a key person to talk to (rate influence in Assess)")]
    conversation = key_conversation(incident)
    if conversation is None or not conversation.is_held:
        return [_("a conversation held with %(name)s") % {"name": key.name}]
    if not conversation.outcome:
        return [_("the outcome of your conversation with %(name)s") % {"name": key.name}]
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


def resolve_missing(incident: Incident) -> list[str]:
    missing = []
    steps = _counted_steps(incident)
    if not steps:
        missing.append(_("at least one step in your plan"))
    elif any(s.status != StepStatus.DONE for s in steps):
        missing.append(_("every step done (or dropped)"))
    if not has_reflection(incident):
        missing.append(_("your closing reflection"))
    return missing


@dataclass(frozen=True)
class StageProgress:
    stage: str
    label: str
    complete: bool
    missing: list[str]
    current: bool
    url: str


def stage_progress(incident: Incident) -> list[StageProgress]:
    """The stepper: each stage with its completion and what is missing."""
    checks = [
        (Stage.ASSESS, assess_missing(incident), "incidents:assess"),
        (Stage.CONFRONT, confront_missing(incident), "incidents:confront"),
        (Stage.RESOLVE, resolve_missing(incident), "incidents:resolve"),
    ]
    return [
        StageProgress(
            stage=stage,
            label=stage.label,
            complete=not missing,
            missing=missing,
            current=incident.stage == stage,
            url=reverse(url_name, args=[incident.public_id]),
        )
        for stage, missing, url_name in checks
    ]


def working_stage(incident: Incident) -> str:
    """Where the person is: closed once Resolve is complete, else the first stage not yet complete."""
    if not resolve_missing(incident):
        return Stage.CLOSED
    if assess_missing(incident):
        return Stage.ASSESS
    if confront_missing(incident):
        return Stage.CONFRONT
    return Stage.RESOLVE


@dataclass(frozen=True)
class Clock:
    days: int
    warning: bool
    message: str


def dont_delay_clock(incident: Incident, today: date) -> Clock:
    """Days since it happened; a warning when the key conversation is unplanned or unheld past 3 days."""
    days = incident.days_since(today)
    conversation = key_conversation(incident)
    if conversation is not None and conversation.is_held:
        return Clock(days, False, _("You faced it: the key conversation is held."))
    if incident.is_closed:
        return Clock(days, False, _("Closed."))
    if conversation is None or conversation.planned_for is None:
        if days > DONT_DELAY_DAYS:
            return Clock(
                days, True, _("Day %(days)s and the key conversation is not planned yet.") % {"days": days}
            )
        return Clock(days, False, _("Plan the key conversation within %(n)s days.") % {"n": DONT_DELAY_DAYS})
    # The day it falls on for the person (the active time zone), as occurred_on is theirs: .date() of the
    # stored UTC value moved an evening talk in New York to the next day.
    planned_day = timezone.localtime(conversation.planned_for).date()
    late_plan = (planned_day - incident.occurred_on).days > DONT_DELAY_DAYS
    if days > DONT_DELAY_DAYS or late_plan:
        return Clock(
            days,
            True,
            _("Day %(days)s and the key conversation is still to be held. Do not let it drift.")
            % {"days": days},
        )
    return Clock(days, False, _("The key conversation is planned. Good: early is better."))


@dataclass(frozen=True)
class NextAction:
    message: str
    url: str
    button: str


def next_best_action(incident: Incident, today: date) -> NextAction:
    """The one thing to do next, computed from the case."""
    pid = incident.public_id
    assess_url = reverse("incidents:assess", args=[pid])
    confront_url = reverse("incidents:confront", args=[pid])
    resolve_url = reverse("incidents:resolve", args=[pid])
    day = incident.days_since(today)

    if incident.is_closed:
        return NextAction(
            _("This setback is behind you. Read back what you learned."),
            reverse("incidents:detail", args=[pid]),
            _("See the story"),
        )
    stakeholders = list(incident.stakeholders.all())
    if not stakeholders:
        return NextAction(
            _("Name the people whose decisions shape what happens next — start with your manager."),
            assess_url,
            _("Add a stakeholder"),
        )
    if key_stakeholder(incident) is None:
        return NextAction(
            _("Rate how much influence each person has on your future."), assess_url, _("Rate influence")
        )
    assessment = _assessment(incident)
    if assessment is None or None in assessment.harm_ratings():
        return NextAction(
            _("Measure the harm honestly: rate each kind of damage."), assess_url, _("Rate the harm")
        )
    if not assessment.root_cause.strip():
        return NextAction(
            _("Write down why it happened, so it cannot happen again."), assess_url, _("Find the cause")
        )

    key = key_stakeholder(incident)
    conversation = key_conversation(incident)
    if conversation is None or conversation.planned_for is None:
        return NextAction(
            _("Plan the conversation with %(name)s — it is day %(day)s.") % {"name": key.name, "day": day},
            confront_url,
            _("Plan the conversation"),
        )
    if not conversation.is_held and conversation.planned_for > timezone.now():
        return NextAction(
            _("Prepare for your talk with %(name)s on %(date)s: go through the principles once more.")
            % {
                "name": key.name,
                "date": date_format(timezone.localtime(conversation.planned_for), "SHORT_DATE_FORMAT"),
            },
            confront_url,
            _("Review the plan"),
        )
    if not conversation.is_held:
        return NextAction(
            _("After you talk to %(name)s, record how it went.") % {"name": key.name},
            reverse("incidents:conversation_record", args=[pid, conversation.public_id]),
            _("Record the outcome"),
        )
    if not conversation.outcome:
        return NextAction(
            _("Record the outcome of your conversation with %(name)s.") % {"name": key.name},
            reverse("incidents:conversation_record", args=[pid, conversation.public_id]),
            _("Record the outcome"),
        )

    steps = _counted_steps(incident)
    if not steps:
        return NextAction(
            _("Show visible results soon: add a quick win due within two weeks."),
            resolve_url,
            _("Build the plan"),
        )
    open_steps = [s for s in steps if s.status != StepStatus.DONE]
    overdue = [s for s in open_steps if s.is_overdue(today)]
    if overdue:
        return NextAction(
            _("“%(title)s” is overdue. Do it, reschedule it, or drop it.")
            % {"title": unquoted(overdue[0].title)},
            resolve_url,
            _("Open the plan"),
        )
    if open_steps:
        return NextAction(
            _("Next step: “%(title)s”.") % {"title": unquoted(open_steps[0].title)},
            resolve_url,
            _("Open the plan"),
        )
    return NextAction(
        _("Every step is done. Write your closing reflection to close this setback."),
        resolve_url,
        _("Write the reflection"),
    )


def overdue_steps(incident: Incident, today: date):
    return [s for s in plan_steps(incident) if s.is_overdue(today)]


def due_before_setback(incident: Incident, due_on: date | None) -> bool:
    """A step due before the setback happened cannot be part of responding to it."""
    return due_on is not None and due_on < incident.occurred_on


DUE_BEFORE_SETBACK = gettext_lazy("This is before the setback happened. Choose its date or a later one.")
