"""Words and links for what rules.py decides: the next best action, the stepper, the don't-delay clock.

rules.py says what is true of a setback and what to do next; this module says it in the reader's
language (gettext, dates in the active time zone) and points at the page to do it on (reverse).
Views and templates show these; the rules stay plain functions of their arguments.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from crisis_coach.common.addressing import addressed
from crisis_coach.common.quotes import unquoted
from crisis_coach.incidents.models import Incident, Stage, Stakeholder, Stance, StanceChange
from crisis_coach.incidents.rules import (
    DONT_DELAY_DAYS,
    ActionKind,
    Clock,
    ClockState,
    Missing,
    NextAction,
    assess_missing,
    confront_missing,
    dont_delay_clock,
    key_stakeholder,
    resolve_missing,
)


@dataclass(frozen=True)
class ShownAction:
    """The next best action as the case header shows it."""

    message: str
    url: str
    button: str


def _stage_url(incident: Incident, stage: str) -> str:
    return reverse(f"incidents:{stage}", args=[incident.public_id])


def show_next_action(incident: Incident, action: NextAction) -> ShownAction:
    """The sentence, the link and the button label for `rules.next_best_action`'s decision."""
    kind = action.kind
    name = action.stakeholder.name if action.stakeholder is not None else ""
    if kind == ActionKind.READ_STORY:
        return ShownAction(
            addressed("This setback is behind you. Read back what you learned."),
            reverse("incidents:detail", args=[incident.public_id]),
            addressed("See the story"),
        )
    if kind in (
        ActionKind.ADD_STAKEHOLDER,
        ActionKind.RATE_INFLUENCE,
        ActionKind.RATE_HARM,
        ActionKind.FIND_CAUSE,
    ):
        message, button = {
            ActionKind.ADD_STAKEHOLDER: (
                _("Name the people whose decisions shape what happens next — start with your manager."),
                addressed("Add a stakeholder"),
            ),
            ActionKind.RATE_INFLUENCE: (
                addressed("Rate how much influence each person has on your future."),
                addressed("Rate influence"),
            ),
            ActionKind.RATE_HARM: (
                addressed("Measure the harm honestly: rate each kind of damage."),
                addressed("Rate the harm"),
            ),
            ActionKind.FIND_CAUSE: (
                addressed("Write down why it happened, so it cannot happen again."),
                addressed("Find the cause"),
            ),
        }[kind]
        return ShownAction(message, _stage_url(incident, Stage.ASSESS), button)
    if kind == ActionKind.PLAN_CONVERSATION:
        return ShownAction(
            addressed("Plan the conversation with %(name)s — it is day %(day)s.")
            % {"name": name, "day": action.day},
            _stage_url(incident, Stage.CONFRONT),
            addressed("Plan the conversation"),
        )
    if kind == ActionKind.PREPARE_CONVERSATION:
        planned = date_format(timezone.localtime(action.conversation.planned_for), "DATE_FORMAT")
        return ShownAction(
            addressed("Prepare for your talk with %(name)s on %(date)s: go through the principles once more.")
            % {"name": name, "date": planned},
            _stage_url(incident, Stage.CONFRONT),
            addressed("Review the plan"),
        )
    if kind in (ActionKind.RECORD_CONVERSATION, ActionKind.RECORD_OUTCOME):
        if kind == ActionKind.RECORD_CONVERSATION:
            message = addressed("After you talk to %(name)s, record how it went.") % {"name": name}
        else:
            message = addressed("Record the outcome of your conversation with %(name)s.") % {"name": name}
        url = reverse(
            "incidents:conversation_record", args=[incident.public_id, action.conversation.public_id]
        )
        return ShownAction(message, url, addressed("Record the outcome"))

    resolve_url = _stage_url(incident, Stage.RESOLVE)
    if kind == ActionKind.BUILD_PLAN:
        return ShownAction(
            addressed("Show visible results soon: add a quick win due within two weeks."),
            resolve_url,
            addressed("Build the plan"),
        )
    if kind == ActionKind.OVERDUE_STEP:
        return ShownAction(
            addressed("“%(title)s” is overdue. Do it, reschedule it, or drop it.")
            % {"title": unquoted(action.step.title)},
            resolve_url,
            addressed("Open the plan"),
        )
    if kind == ActionKind.NEXT_STEP:
        return ShownAction(
            _("Next step: “%(title)s”.") % {"title": unquoted(action.step.title)},
            resolve_url,
            addressed("Open the plan"),
        )
    return ShownAction(
        addressed("Every step is done. Write your closing reflection to close this setback."),
        resolve_url,
        addressed("Write the reflection"),
    )


def missing_words(incident: Incident, missing: list[Missing]) -> list[str]:
    """What a stage still lacks (rules.assess_missing and its siblings), in words for the person."""
    key = key_stakeholder(incident)
    name = key.name if key is not None else ""
    words = {
        Missing.RATED_STAKEHOLDER: lambda: _("at least one person with their influence rated"),
        Missing.HARM_RATINGS: lambda: _("a rating for every kind of harm"),
        Missing.ROOT_CAUSE: lambda: _("the root cause, in your words"),
        Missing.KEY_PERSON: lambda: addressed("a key person to talk to (rate influence in Assess)"),
        Missing.HELD_CONVERSATION: lambda: _("a conversation held with %(name)s") % {"name": name},
        Missing.OUTCOME: lambda: _("the outcome of your conversation with %(name)s") % {"name": name},
        Missing.PLAN_STEP: lambda: _("at least one step in your plan"),
        Missing.STEPS_DONE: lambda: _("every step done (or dropped)"),
        Missing.REFLECTION: lambda: _("your closing reflection"),
    }
    return [words[item]() for item in missing]


@dataclass(frozen=True)
class ShownClock:
    """The don't-delay clock as the case header and the coach's review show it."""

    days: int
    warning: bool
    message: str


def show_clock(clock: Clock) -> ShownClock:
    """The sentence for `rules.dont_delay_clock`'s verdict."""
    days = clock.days
    message = {
        ClockState.FACED: lambda: _("You faced it: the key conversation is held."),
        ClockState.CLOSED: lambda: _("Closed."),
        ClockState.NOT_PLANNED: lambda: (
            _("Day %(days)s and the key conversation is not planned yet.") % {"days": days}
        ),
        ClockState.PLAN_SOON: lambda: (
            addressed("Plan the key conversation within %(n)s days.") % {"n": DONT_DELAY_DAYS}
        ),
        ClockState.DRIFTING: lambda: (
            addressed("Day %(days)s and the key conversation is still to be held. Do not let it drift.")
            % {"days": days}
        ),
        ClockState.PLANNED: lambda: _("The key conversation is planned. Good: early is better."),
    }[clock.state]()
    return ShownClock(days, clock.warning, message)


def clock_for(incident: Incident, today) -> ShownClock:
    """The clock of `incident` on the person's `today`, in the active time zone (theirs, in a request)."""
    return show_clock(dont_delay_clock(incident, today, zone=timezone.get_current_timezone()))


@dataclass(frozen=True)
class StageProgress:
    stage: str
    label: str
    complete: bool
    missing: list[str]
    current: bool
    url: str


def stage_progress(incident: Incident) -> list[StageProgress]:
    """The stepper: each stage with its completion, what is missing, and its page."""
    checks = [
        (Stage.ASSESS, missing_words(incident, assess_missing(incident))),
        (Stage.CONFRONT, missing_words(incident, confront_missing(incident))),
        (Stage.RESOLVE, missing_words(incident, resolve_missing(incident))),
    ]
    return [
        StageProgress(
            stage=stage,
            label=stage.label,
            complete=not missing,
            missing=missing,
            current=incident.stage == stage,
            url=_stage_url(incident, stage),
        )
        for stage, missing in checks
    ]


@dataclass(frozen=True)
class StanceJourney:
    """Where one key person started and where they stand now, as the cockpit shows it."""

    stakeholder: Stakeholder
    started_stance: str
    started_influence: int | None
    changes: int  # readings after the first
    last_change: StanceChange | None  # the latest change after the first reading (its date and note)

    @property
    def started_label(self) -> str:
        return str(Stance(self.started_stance).label)


def stance_journeys(incident: Incident, readings: list[StanceChange]) -> list[StanceJourney]:
    """Each person of the case, most influential first: their first reading ("started") and their
    stance now. A person without a reading (none was kept for them) started where they are now."""
    by_person: dict[int, list[StanceChange]] = {}
    for reading in readings:
        by_person.setdefault(reading.stakeholder_id, []).append(reading)
    people = sorted(
        incident.stakeholders.all(),
        key=lambda s: (s.influence is None, -(s.influence or 0), s.created_at, s.pk),
    )
    journeys = []
    for person in people:
        own = by_person.get(person.pk, [])
        first = own[0] if own else None
        journeys.append(
            StanceJourney(
                stakeholder=person,
                started_stance=first.stance if first else person.stance,
                started_influence=first.influence if first else person.influence,
                changes=max(len(own) - 1, 0),
                last_change=own[-1] if len(own) > 1 else None,
            )
        )
    return journeys
