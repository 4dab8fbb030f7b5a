"""Reads for the crisis flow. Every fetch of user data goes through the owner: another
person's incident is a 404 (never a 403 that would confirm it exists)."""

from datetime import date

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from crisis_coach.incidents import rules
from crisis_coach.incidents.models import (
    ActionStep,
    Assessment,
    Conversation,
    EventKind,
    Incident,
    Reflection,
    Stage,
    Stakeholder,
    StanceChange,
    StepCheck,
    StepKind,
    StepStatus,
    TimelineEvent,
    overdue_q,
)


def case_queryset() -> QuerySet[Incident]:
    """An incident with everything the rules and the cockpit read, in a fixed number of queries."""
    return Incident.objects.select_related("assessment", "reflection").prefetch_related(
        Prefetch("stakeholders", queryset=Stakeholder.objects.select_related("contact")),
        Prefetch("conversations", queryset=Conversation.objects.select_related("stakeholder")),
        Prefetch("steps", queryset=ActionStep.objects.select_related("show_result_to", "contact")),
    )


def incident_for_owner(user, public_id, *, in_trash: bool = False) -> Incident:
    """The owner's incident with its case loaded, for reading and writing. 404 for anyone else."""
    incidents = case_queryset().filter(owner=user)
    incidents = incidents.in_trash() if in_trash else incidents.alive()
    return get_object_or_404(incidents, public_id=public_id)


def incident_heading_for_owner(user, public_id) -> Incident:
    """The owner's live incident, its ids, title and stage only: what a cached page of the case reads
    on every request (the 404 and the page's title), and a write before the service reads the case
    as it left it. 404 for anyone else. loaded_case reads the rest."""
    incidents = (
        Incident.objects.alive().filter(owner=user).only("id", "public_id", "owner_id", "title", "stage")
    )
    return get_object_or_404(incidents, public_id=public_id)


def loaded_case(incident: Incident, cases: QuerySet[Incident] | None = None) -> Incident:
    """`incident` with its case loaded: as incident_for_owner read it, or read again by its id from
    `cases` (case_queryset() unless given) when only its heading was read (incident_heading_for_owner,
    coaching's shared_case_heading_for_coach)."""
    if getattr(incident, "_prefetched_objects_cache", None):
        return incident
    return (case_queryset() if cases is None else cases).get(pk=incident.pk)


def stakeholder_of(incident: Incident, public_id) -> Stakeholder:
    return get_object_or_404(Stakeholder, incident=incident, public_id=public_id)


def conversation_of(incident: Incident, public_id) -> Conversation:
    return get_object_or_404(
        Conversation.objects.select_related("stakeholder"), incident=incident, public_id=public_id
    )


def step_of(incident: Incident, public_id) -> ActionStep:
    step = get_object_or_404(ActionStep, incident=incident, public_id=public_id)
    step.incident = incident  # the case the caller read, not read again
    return step


def step_in_case(incident: Incident, public_id) -> ActionStep:
    """The step among the case's loaded steps (incident_for_owner prefetched them): no query, and
    the step knows its case. 404 if it is not one of them."""
    for step in incident.steps.all():
        if step.public_id == public_id:
            return step
    raise Http404("no such step")


def timeline(incident: Incident) -> QuerySet[TimelineEvent]:
    return incident.events.all()


def note_of(incident: Incident, event_id: int) -> TimelineEvent:
    """One of the case's own notes. A system event (any other kind) is never edited: 404, as for a
    row of another case."""
    return get_object_or_404(TimelineEvent, incident=incident, pk=event_id, kind=EventKind.NOTE)


def note_versions(note: TimelineEvent):
    """Each saved version of a note, newest first (kept by the database: NoteVersion)."""
    return note.versions.order_by("-pgh_id")


def stance_readings(incident: Incident) -> list[StanceChange]:
    """Every stance reading of the case, oldest first, in one query (a case has a handful per person)."""
    return list(
        StanceChange.objects.filter(incident=incident)
        .order_by("at", "id")
        .only("stakeholder_id", "at", "stance", "influence", "note", "via")
    )


def incidents_for_list(user, *, today: date, status: str = "", crisis_type: str = "") -> QuerySet[Incident]:
    """The owner's incidents, newest first, with risk and overdue-step counts for the list page."""
    incidents = (
        Incident.objects.alive()
        .filter(owner=user)
        .select_related("assessment")
        .annotate(overdue_count=Count("steps", filter=overdue_q(today, prefix="steps__")))
        .order_by("-occurred_on", "-created_at")
    )
    if status == "open":
        incidents = incidents.exclude(stage=Stage.CLOSED)
    elif status == "closed":
        incidents = incidents.filter(stage=Stage.CLOSED)
    if crisis_type:
        incidents = incidents.filter(crisis_type=crisis_type)
    return incidents


def reflection_of(incident: Incident) -> Reflection | None:
    """The case's reflection, or None before one is written (incident_for_owner loaded it: no query)."""
    try:
        return incident.reflection
    except Reflection.DoesNotExist:
        return None


def incidents_in_trash(user) -> QuerySet[Incident]:
    return Incident.objects.in_trash().filter(owner=user).order_by("-deleted_at")


def stakeholder_roles_of(contact) -> QuerySet[Stakeholder]:
    """The incidents a network contact was a stakeholder in (the contact is already the owner's)."""
    return (
        Stakeholder.objects.filter(contact=contact, incident__deleted_at__isnull=True)
        .select_related("incident")
        .order_by("-incident__occurred_on")
    )


# --- learning across cases and the follow-up of quick wins -------------------------------------

EARLIER_CASES_SHOWN = 10  # the Assess page names the latest few, not a whole history


def earlier_cases_like(incident: Incident) -> list[Incident]:
    """The owner's other live cases whose root cause is the same kind as this one's, latest first,
    each with its prevention steps of the plan loaded (`prevention_steps`): two queries however many
    there are. Empty until this case's root cause has a category (incident_for_owner loaded the
    assessment)."""
    try:
        category = incident.assessment.root_cause_category
    except Assessment.DoesNotExist:
        return []
    if not category:
        return []
    prevention = ActionStep.objects.in_plan().filter(kind=StepKind.PREVENTION)
    return list(
        Incident.objects.alive()
        .filter(owner_id=incident.owner_id, assessment__root_cause_category=category)
        .exclude(pk=incident.pk)
        .prefetch_related(Prefetch("steps", queryset=prevention, to_attr="prevention_steps"))
        .order_by("-occurred_on", "-created_at")[:EARLIER_CASES_SHOWN]
    )


def earlier_prevention_step(incident: Incident, public_id) -> ActionStep:
    """A prevention step of another of the owner's live cases, to copy into this one. 404 for a step
    of this case, of another kind, in the trash or someone else's."""
    return get_object_or_404(
        ActionStep.objects.in_plan().exclude(incident=incident),
        public_id=public_id,
        kind=StepKind.PREVENTION,
        incident__owner_id=incident.owner_id,
        incident__deleted_at__isnull=True,
    )


def follow_ups_due(user, *, today: date) -> list[ActionStep]:
    """Done quick wins that had not worked yet, checked a week ago or more (rules.follow_up_due):
    Today asks again, "did it work now?". Closed cases too (the follow-up outlives the plan), not
    the trash. One query."""
    steps = (
        ActionStep.objects.in_plan()
        .filter(
            incident__owner=user,
            incident__deleted_at__isnull=True,
            kind=StepKind.QUICK_WIN,
            status=StepStatus.DONE,
            check_result=StepCheck.NOT_YET,
            checked_at__lt=rules.follow_up_checked_before(today, zone=user.zone),
        )
        .select_related("incident")
        .order_by("checked_at", "id")
    )
    return [s for s in steps if rules.follow_up_due(s, today=today, zone=user.zone)]
