"""Reads for the radar and the prevention plan. Every one starts from the signed-in owner: a check
or a step is only ever its owner's (coaches see none until sharing lands, issue 21), so another
person's is a 404."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from crisis_coach.incidents.models import CrisisType
from crisis_coach.wellbeing.models import PreventionStatus, PreventionStep, RadarCheck
from crisis_coach.wellbeing.radar import rules
from crisis_coach.wellbeing.radar.questions import RADAR_TYPES, suggestion_source, suggestions_for

# The trend chart draws this many checks, the one shown and those before it.
TREND_CHECKS = 12
# Today lists the open steps due within this many days (and the late ones), like a case's steps.
TODAY_AHEAD_DAYS = 7


def radar_checks_for(owner) -> QuerySet[RadarCheck]:
    return RadarCheck.objects.filter(owner=owner).order_by("-taken_on", "-created_at")


def radar_check_for_owner(owner, public_id) -> RadarCheck:
    return get_object_or_404(RadarCheck, owner=owner, public_id=public_id)


def latest_radar_check(owner) -> RadarCheck | None:
    return radar_checks_for(owner).first()


def radar_due_for(owner, *, today: datetime.date) -> bool:
    """Whether Today and the digest ask for the monthly check (rules.radar_due): one query."""
    last = radar_checks_for(owner).values_list("taken_on", flat=True).first()
    return rules.radar_due(last, today=today)


@dataclass
class TypeResult:
    """One crisis type on the result page: its score now, before, and over the last checks."""

    crisis_type: str
    label: str
    score: int | None
    previous: int | None
    trend: list[tuple[datetime.date, int | None]]  # oldest first
    high: bool
    risen: bool
    suggestions: list = field(default_factory=list)  # PlaybookSteps not yet in the plan
    chart: str = ""  # the trend SVG, drawn by the view (radar/chart.py)

    @property
    def level(self) -> str:
        return rules.level(self.score or 0)

    @property
    def change(self) -> int | None:
        if self.score is None or self.previous is None:
            return None
        return self.score - self.previous


@dataclass
class RadarResult:
    check: RadarCheck
    previous: RadarCheck | None
    types: list[TypeResult]

    @property
    def to_act_on(self) -> list[TypeResult]:
        return [t for t in self.types if t.high or t.risen]


def radar_result(check: RadarCheck) -> RadarResult:
    """The result of one check with the trend of the checks up to it and the suggestions still to
    add: two queries, however many checks there are."""
    history = list(
        RadarCheck.objects.filter(owner_id=check.owner_id, taken_on__lte=check.taken_on)
        .exclude(taken_on=check.taken_on, created_at__gt=check.created_at)
        .order_by("-taken_on", "-created_at")
        .only("public_id", "taken_on", "scores", "created_at")[:TREND_CHECKS]
    )
    history.reverse()
    earlier = [c for c in history if c.pk != check.pk]
    previous = earlier[-1] if earlier else None
    in_plan = set(
        PreventionStep.objects.filter(owner_id=check.owner_id)
        .exclude(source="")
        .values_list("source", flat=True)
    )
    labels = dict(CrisisType.choices)
    types = []
    for crisis_type in RADAR_TYPES:
        key = str(crisis_type)
        score = check.scores.get(key)
        before = previous.scores.get(key) if previous else None
        result = TypeResult(
            crisis_type=key,
            label=labels[crisis_type],
            score=score,
            previous=before,
            trend=[(c.taken_on, c.scores.get(key)) for c in history],
            high=rules.is_high(score),
            risen=rules.has_risen(score, before),
        )
        if result.high or result.risen:
            result.suggestions = [
                step for step in suggestions_for(key) if suggestion_source(key, step) not in in_plan
            ]
        types.append(result)
    return RadarResult(check=check, previous=previous, types=types)


def prevention_plan_for(owner) -> QuerySet[PreventionStep]:
    """The whole plan for its page: open steps first (soonest due first, undated last), then the
    done and dropped ones, latest first."""
    return PreventionStep.objects.filter(owner=owner).order_by(
        Case(
            When(status=PreventionStatus.TODO, then=Value(0)), default=Value(1), output_field=IntegerField()
        ),
        F("due_on").asc(nulls_last=True),
        "-created_at",
    )


def prevention_step_for_owner(owner, public_id) -> PreventionStep:
    return get_object_or_404(PreventionStep, owner=owner, public_id=public_id)


@dataclass
class TodayPrevention:
    """The prevention plan's part of Today: the open steps due within a week or late (up to
    `shown` of them), how many there are in all, and whether the monthly radar is due."""

    steps: list[PreventionStep]
    total: int
    radar_due: bool
    today: datetime.date

    @property
    def hidden(self) -> int:
        return self.total - len(self.steps)


def today_prevention(owner, *, today: datetime.date, shown: int = 10) -> TodayPrevention:
    """Two queries, however long the plan."""
    horizon = today + datetime.timedelta(days=TODAY_AHEAD_DAYS)
    due = list(
        PreventionStep.objects.filter(
            owner=owner, status=PreventionStatus.TODO, due_on__lte=horizon
        ).order_by("due_on", "created_at")
    )
    for step in due:
        step.days_late = (today - step.due_on).days
    return TodayPrevention(
        steps=due[:shown], total=len(due), radar_due=radar_due_for(owner, today=today), today=today
    )
