"""Reads for the insights page and the case report. Every query starts from the owner
(or, for a coach, from coaching's consent-scoped selectors); counts are fixed whatever the data size."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import TruncMonth, TruncWeek

from crisis_coach.coaching import selectors as coaching
from crisis_coach.incidents.models import (
    REVIEW_OFFSETS_DAYS,
    ActionStep,
    CaseReview,
    Incident,
    ReviewStatus,
    Stage,
    StepStatus,
)
from crisis_coach.network.models import Commitment, Interaction
from crisis_coach.network.rules import commitment_counts_for_trust, commitment_kept_on_time

WEEKS = 12
MONTHS = 12


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
    # How in control the person felt at the last review after the close (REVIEW_OFFSETS_DAYS), if answered.
    control_after_90: int | None = None


# The review whose answer the insights set beside the start and the close: three months on.
LAST_REVIEW_DAYS = REVIEW_OFFSETS_DAYS[-1]


def _control_at_review(offset_days: int):
    return CaseReview.objects.filter(
        incident=OuterRef("pk"), offset_days=offset_days, status=ReviewStatus.ANSWERED
    ).values("control_now")[:1]


def incident_facts(user) -> list[IncidentFacts]:
    """One row per live incident of `user`, oldest first: what every personal chart reads (one query)."""
    rows = (
        Incident.objects.alive()
        .filter(owner=user)
        .annotate(control_after_90=Subquery(_control_at_review(LAST_REVIEW_DAYS)))
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
            "control_after_90",
        )
    )
    return [
        IncidentFacts(
            *row[:7], control_at_close=row[7] if row[8] else None, control_after_90=row[9]
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


def report_reviews(incident: Incident) -> QuerySet[CaseReview]:
    """The case's reviews after the close that were answered or skipped, in order (one query)."""
    return (
        incident.reviews.exclude(status=ReviewStatus.SCHEDULED).select_related("step").order_by("offset_days")
    )


def month_starts(today: date, months: int = MONTHS) -> list[date]:
    """The first days of the last `months` months, this month included, oldest first."""
    firsts = []
    year, month = today.year, today.month
    for _n in range(months):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def touches_per_month(user, *, today: date) -> list[tuple[date, int]]:
    """Interactions with the user's contacts in each of the last MONTHS months (one query)."""
    months = month_starts(today)
    counted = (
        Interaction.objects.filter(contact__owner=user, happened_on__gte=months[0], happened_on__lte=today)
        .annotate(month=TruncMonth("happened_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_month = {row["month"]: row["n"] for row in counted}
    return [(month, by_month.get(month, 0)) for month in months]


def trust_per_month(user, *, today: date) -> list[tuple[date, int | None, int]]:
    """(month, % of promises kept on time, how many counted) for promises due in each of the last
    MONTHS months, judged by the network's own trust rules (one query). None when none counted.

    A promise belongs to the month it fell due, whenever it was kept: the chart answers "of what I
    promised for March, how much did I deliver on time?". So a promise due on 31 March and kept on
    1 April counts as not kept on time in March, and adds nothing to April; keeping it late never moves
    it into a better month."""
    months = month_starts(today)
    rows = Commitment.objects.filter(
        contact__owner=user, due_on__gte=months[0], due_on__lte=today
    ).values_list("status", "due_on", "resolved_on")
    tally = {month: [0, 0] for month in months}
    for status, due_on, resolved_on in rows:
        if not commitment_counts_for_trust(status=status, due_on=due_on, today=today):
            continue
        bucket = tally[due_on.replace(day=1)]
        bucket[1] += 1
        bucket[0] += commitment_kept_on_time(status=status, due_on=due_on, resolved_on=resolved_on)
    return [
        (month, round(100 * kept / counted) if counted else None, counted)
        for month, (kept, counted) in tally.items()
    ]


@dataclass(frozen=True)
class CaseloadFacts:
    by_stage_and_risk: list[tuple[str, str, int]]
    median_by_client: list[tuple[str, float, int]]
    median_days: float | None


def caseload_facts(coach) -> CaseloadFacts:
    """The coach's consented caseload only (coaching.shared_cases), in three queries."""
    cases = coaching.shared_cases(coach)
    grouped = cases.values_list("stage", "assessment__risk_level").annotate(n=Count("pk")).order_by()
    per_client = (
        cases.filter(stage=Stage.CLOSED, resolution_days__isnull=False)
        .values("owner_id", "owner__display_name")
        .annotate(median=coaching.Median("resolution_days"), n=Count("pk"))
        .order_by("owner__display_name", "owner_id")
    )
    overall = cases.aggregate(median=coaching.Median("resolution_days"))["median"]
    return CaseloadFacts(
        list(grouped), [(row["owner__display_name"], row["median"], row["n"]) for row in per_client], overall
    )
