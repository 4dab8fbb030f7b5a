"""Reads for the insights page and the case report. Every query starts from the owner
(or, for a coach, from coaching's consent-scoped selectors); counts are fixed whatever the data size."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncWeek

from crisis_coach.incidents.models import ActionStep, Incident, Stage, StepStatus

WEEKS = 12


@dataclass(frozen=True)
class IncidentFacts:
    title: str
    crisis_type: str
    stage: str
    occurred_on: date
    closed_at: object
    resolution_days: int | None
    control_at_start: int | None
    control_at_close: int | None


def incident_facts(user) -> list[IncidentFacts]:
    """One row per live incident of `user`, oldest first: what every personal chart reads (one query)."""
    rows = (
        Incident.objects.alive()
        .filter(owner=user)
        .order_by("occurred_on", "created_at")
        .values_list(
            "title",
            "crisis_type",
            "stage",
            "occurred_on",
            "closed_at",
            "resolution_days",
            "control_at_start",
            "reflection__control_at_close",
            "reflection__is_final",
        )
    )
    return [
        IncidentFacts(
            *row[:7], control_at_close=row[7] if row[8] else None
        )  # a draft reflection is not a close
        for row in rows
    ]


def week_starts(today: date, weeks: int = WEEKS) -> list[date]:
    """The Mondays of the last `weeks` weeks, this week included, oldest first."""
    this_monday = today - timedelta(days=today.weekday())
    return [this_monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def steps_done_per_week(user, *, today: date, zone) -> list[tuple[date, int]]:
    """Steps of `user`'s live incidents marked done in each of the last WEEKS weeks, in their time zone."""
    weeks = week_starts(today)
    counted = (
        ActionStep.objects.filter(
            incident__owner=user,
            incident__deleted_at__isnull=True,
            status=StepStatus.DONE,
            done_at__gte=datetime.combine(weeks[0], time.min, tzinfo=zone),
        )
        .annotate(week=TruncWeek("done_at", tzinfo=zone))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_week = {row["week"].date(): row["n"] for row in counted}
    return [(week, by_week.get(week, 0)) for week in weeks]


def closed(facts: list[IncidentFacts]) -> list[IncidentFacts]:
    return [f for f in facts if f.stage == Stage.CLOSED and f.resolution_days is not None]


def median(values: list[float]) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    return float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def report_events(incident: Incident) -> QuerySet:
    return incident.events.all()
