"""What must hold between a case's stored columns, its rows and its timeline (manage.py check_integrity).

Derived, and repaired by --fix: an assessment's risk level (rules.risk_level), the case's stored
summary (case_summary.summary_columns) and its stage (rules.working_stage, through
services.case_changed). Only reported: the step and close columns that go with a status or a stage,
and the timeline lines the services write with each write (a missing line is history, not
derivable, so --fix never invents one).

The timeline invariants are the ones every writer keeps, the services and the demo seeder alike:
lines are never deleted one by one (a step, a conversation or a person deleted keeps its lines),
so "at least as many lines as rows" holds where "one line per row" does not. Not checked, because
the services do not promise them: a STEP_DONE line for each done step (a step saved as done from
its form writes none), a STAKEHOLDER or STEP_ADDED line for each (the demo case adds its people and
an earlier case's steps as plain rows), a line naming a row (a rename keeps the old name).
"""

from django.db import transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from crisis_coach.common.integrity import DistinctFrom, id_ranges, invariant
from crisis_coach.incidents import rules, services
from crisis_coach.incidents.case_summary import case_summary_refresh, summary_columns
from crisis_coach.incidents.models import (
    HARM_FIELDS,
    ActionStep,
    Assessment,
    CaseReview,
    Conversation,
    EventKind,
    Incident,
    ReviewStatus,
    Stage,
    Stakeholder,
    StanceChange,
    StepStatus,
    TimelineEvent,
)
from crisis_coach.incidents.selectors import case_queryset

# What rules.risk_level reads of an assessment.
RISK_INPUTS = (*HARM_FIELDS, "reversibility", "urgency")
# Cases per batch when the rule is Python (the case is loaded with its rows, case_queryset).
CASES_PER_BATCH = 1000


def _drifted(queryset, broken: Q) -> list[int]:
    """The primary keys of `queryset`'s rows that match `broken`, one statement per id range."""
    pks = []
    for low, high in id_ranges(queryset):
        rows = queryset.filter(broken, pk__gte=low, pk__lt=high)
        pks += rows.order_by().values_list("pk", flat=True)
    return pks


def _refresh_summaries(pks: list[int]) -> int:
    return case_summary_refresh(Incident.objects.filter(pk__in=pks))


# --- derived columns, repaired ---------------------------------------------------------------------


def _risk_drifted() -> list[int]:
    pks = []
    assessments = Assessment.objects.only("incident_id", "risk_level", *RISK_INPUTS)
    for low, high in id_ranges(Assessment.objects.all()):
        for assessment in assessments.filter(pk__gte=low, pk__lt=high):
            if assessment.risk_level != rules.risk_level(assessment):
                pks.append(assessment.incident_id)
    return pks


@transaction.atomic
def _risk_repair(pks: list[int]) -> int:
    for assessment in Assessment.objects.filter(incident__in=pks):
        Assessment.objects.filter(pk=assessment.pk).update(risk_level=rules.risk_level(assessment))
    _refresh_summaries(pks)  # the case's stored risk level copies the assessment's
    return len(pks)


invariant(
    "incidents.assessment_risk",
    rows="case(s)",
    broken="whose assessment stores another risk level than rules.risk_level gives",
    model=Incident,
    repair=_risk_repair,
)(_risk_drifted)


@invariant(
    "incidents.case_summary",
    rows="case(s)",
    broken="whose stored summary (risk, last activity, next due step, search words) differs from their rows",
    model=Incident,
    repair=_refresh_summaries,
)
def _summary_drifted() -> list[int]:
    computed = summary_columns()
    incidents = Incident.objects.annotate(**{f"computed_{name}": value for name, value in computed.items()})
    differs = Q()
    for name in computed:
        differs |= Q(DistinctFrom(F(name), F(f"computed_{name}")))
    return _drifted(incidents, differs)


def _stage_drifted() -> list[int]:
    pks = []
    for low, high in id_ranges(Incident.objects.all(), CASES_PER_BATCH):
        for case in case_queryset().filter(pk__gte=low, pk__lt=high):
            if case.stage != rules.working_stage(case):
                pks.append(case.pk)
    return pks


def _stage_repair(pks: list[int]) -> int:
    for incident in Incident.objects.filter(pk__in=pks):
        with transaction.atomic():
            services.case_changed(incident)  # the stage, its timeline line, and the close's reviews
    return len(pks)


invariant(
    "incidents.stage",
    rows="case(s)",
    broken="whose stage is not the one their rows put them in (rules.working_stage)",
    model=Incident,
    repair=_stage_repair,
)(_stage_drifted)


# --- columns that go with a stage or a status, reported ----------------------------------------------


@invariant(
    "incidents.close_columns",
    rows="case(s)",
    broken="whose closed_at and resolution_days do not match their stage (both set if and only if Closed)",
    model=Incident,
    unrepaired="when a case closed is not derivable from its rows",
)
def _close_columns_drifted() -> list[int]:
    closed = Q(stage=Stage.CLOSED)
    broken = (closed & (Q(closed_at__isnull=True) | Q(resolution_days__isnull=True))) | (
        ~closed & (Q(closed_at__isnull=False) | Q(resolution_days__isnull=False))
    )
    return _drifted(Incident.objects.all(), broken)


@invariant(
    "incidents.step_status_fields",
    rows="step(s)",
    broken="with fields of another status (done_at or a check unless done, a drop reason unless dropped)",
    model=ActionStep,
    unrepaired="which of the status and the fields is right is the person's to say",
)
def _step_fields_drifted() -> list[int]:
    done, dropped = Q(status=StepStatus.DONE), Q(status=StepStatus.DROPPED)
    # What _step_clear_stale and the done time (step_save, step_set_status) keep to their status.
    of_done = Q(done_at__isnull=False) | ~Q(check_result="") | ~Q(check_note="") | Q(checked_at__isnull=False)
    broken = (done & Q(done_at__isnull=True)) | (~done & of_done) | (~dropped & ~Q(drop_reason=""))
    return _drifted(ActionStep.objects.all(), broken)


# --- the timeline, reported --------------------------------------------------------------------------

_NO_LINE = "a missing timeline line is history: it is reported, not invented"


def _count(model, **filters):
    """How many `model` rows of the case (OuterRef pk) match `filters`, as a subquery."""
    rows = model.objects.filter(incident=OuterRef("pk"), **filters).order_by().values("incident")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), Value(0))


def _lines(kind: str):
    return _count(TimelineEvent, kind=kind)


@invariant(
    "incidents.timeline_logged",
    rows="case(s)",
    broken="without exactly one 'Setback logged' line on their timeline",
    model=Incident,
    unrepaired=_NO_LINE,
)
def _logged_drifted() -> list[int]:
    incidents = Incident.objects.annotate(logged=_lines(EventKind.LOGGED))
    return _drifted(incidents, ~Q(logged=1))


@invariant(
    "incidents.timeline_closed",
    rows="case(s)",
    broken="Closed without a 'Closed' line at or after their last 'Reopened' line",
    model=Incident,
    unrepaired=_NO_LINE,
)
def _closed_line_drifted() -> list[int]:
    # Read from inside the close lines' subquery: OuterRef("incident") is the close line's case.
    reopened = TimelineEvent.objects.filter(incident=OuterRef("incident"), kind=EventKind.REOPENED)
    last_reopened = reopened.order_by().values("incident").annotate(last=Max("at")).values("last")
    closed_since = TimelineEvent.objects.filter(incident=OuterRef("pk"), kind=EventKind.CLOSED).filter(
        Q(at__gte=Subquery(last_reopened)) | ~Q(Exists(reopened))
    )
    incidents = Incident.objects.filter(stage=Stage.CLOSED)
    return _drifted(incidents, ~Q(Exists(closed_since)))


@invariant(
    "incidents.timeline_held",
    rows="case(s)",
    broken="with fewer 'Conversation held' lines than held conversations",
    model=Incident,
    unrepaired=_NO_LINE,
)
def _held_lines_drifted() -> list[int]:
    incidents = Incident.objects.annotate(
        lines=_lines(EventKind.HELD), held=_count(Conversation, held_at__isnull=False)
    )
    return _drifted(incidents, Q(lines__lt=F("held")))


@invariant(
    "incidents.timeline_dropped",
    rows="case(s)",
    broken="with fewer 'Step dropped' lines than dropped steps",
    model=Incident,
    unrepaired=_NO_LINE,
)
def _dropped_lines_drifted() -> list[int]:
    incidents = Incident.objects.annotate(
        lines=_lines(EventKind.STEP_DROPPED), dropped=_count(ActionStep, status=StepStatus.DROPPED)
    )
    return _drifted(incidents, Q(lines__lt=F("dropped")))


@invariant(
    "incidents.timeline_reviews",
    rows="case(s)",
    broken="with fewer 'Review after the close' lines than reviews answered or skipped",
    model=Incident,
    unrepaired=_NO_LINE,
)
def _review_lines_drifted() -> list[int]:
    incidents = Incident.objects.annotate(
        lines=_lines(EventKind.REVIEW),
        reviewed=_count(CaseReview, status__in=[ReviewStatus.ANSWERED, ReviewStatus.SKIPPED]),
    )
    return _drifted(incidents, Q(lines__lt=F("reviewed")))


@invariant(
    "incidents.stance_readings",
    rows="stakeholder(s)",
    broken="whose stance or influence is not their latest reading's (or who have no reading)",
    model=Stakeholder,
    unrepaired="a missing reading is history: it is reported, not invented",
)
def _stance_drifted() -> list[int]:
    latest = StanceChange.objects.filter(stakeholder=OuterRef("pk")).order_by("-at", "-id")
    people = Stakeholder.objects.annotate(
        read_stance=Subquery(latest.values("stance")[:1]),
        read_influence=Subquery(latest.values("influence")[:1]),
    )
    broken = (
        ~Q(Exists(latest))
        | Q(DistinctFrom(F("stance"), F("read_stance")))
        | Q(DistinctFrom(F("influence"), F("read_influence")))
    )
    return _drifted(people, broken)
