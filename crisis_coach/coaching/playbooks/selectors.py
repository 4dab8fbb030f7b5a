"""Reads of the coach's playbooks: the coach's own (404 for anyone else's), with their follow-through
counted in the same query; and, for a client's case, the playbooks of her current coach that suit it."""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from crisis_coach.coaching.models import CoachingLink, LinkStatus, Playbook, PlaybookStep, PlaybookStepUse
from crisis_coach.incidents.models import Incident, StepCheck, StepStatus


def _follow_through(playbooks: QuerySet[Playbook]) -> QuerySet[Playbook]:
    """Each playbook with its steps and, over its uses (the clients' steps added from it), how many
    were added, done, checked as working and dropped: one query, whatever the number of rows.

    Only uses the coach may see count: steps on live cases a client still linked to her shares with
    her. A step on a case she can't see is the client's business, even one taken from her playbook."""
    visible = Q(
        uses__step__incident__shared_with_coach=True,
        uses__step__incident__deleted_at__isnull=True,
        uses__step__incident__owner__coaching_links__status=LinkStatus.ACTIVE,
        uses__step__incident__owner__coaching_links__coach=F("coach"),
    )
    return playbooks.annotate(
        step_count=Count("steps", distinct=True),
        added=Count("uses", distinct=True, filter=visible),
        done=Count("uses", distinct=True, filter=visible & Q(uses__step__status=StepStatus.DONE)),
        worked=Count("uses", distinct=True, filter=visible & Q(uses__step__check_result=StepCheck.WORKED)),
        dropped=Count("uses", distinct=True, filter=visible & Q(uses__step__status=StepStatus.DROPPED)),
    )


def playbooks_of_coach(coach, *, archived: bool = False) -> QuerySet[Playbook]:
    """The coach's active (or archived) playbooks, by name, with their follow-through."""
    playbooks = Playbook.objects.filter(coach=coach, archived_at__isnull=not archived)
    return _follow_through(playbooks).order_by("name", "id")


def playbook_of_coach(coach, public_id) -> Playbook:
    """The coach's own playbook, archived or not. 404 for another coach's."""
    return get_object_or_404(Playbook, coach=coach, public_id=public_id)


def steps_of(playbook: Playbook) -> list[PlaybookStep]:
    return list(playbook.steps.order_by("position", "id"))


def _offered_to(incident: Incident) -> QuerySet[Playbook]:
    """The active playbooks of the case owner's current coach that suit the case's kind of crisis
    (or every kind). A former coach's are no longer offered."""
    current_coaches = CoachingLink.objects.active().filter(client_id=incident.owner_id).values("coach_id")
    return Playbook.objects.filter(
        Q(crisis_types=[]) | Q(crisis_types__contains=[incident.crisis_type]),
        coach_id__in=current_coaches,
        archived_at__isnull=True,
    )


def playbooks_for_case(incident: Incident) -> list[Playbook]:
    """What the Resolve page offers "from your coach": the playbooks with their steps, each step
    marked `in_plan` once it was added to this case. Two queries (none for the steps without a
    playbook to show)."""
    in_plan = PlaybookStepUse.objects.filter(playbook_step=OuterRef("pk"), step__incident=incident)
    steps = PlaybookStep.objects.annotate(in_plan=Exists(in_plan)).order_by("position", "id")
    return list(
        _offered_to(incident)
        .select_related("coach")
        .order_by("name", "id")
        .prefetch_related(Prefetch("steps", steps))
    )


def playbook_for_case(incident: Incident, public_id) -> Playbook:
    """A playbook offered to this case. 404 for any other: another coach's, a former coach's, an
    archived one, or one for another kind of crisis."""
    return get_object_or_404(_offered_to(incident), public_id=public_id)


def playbook_step_of(playbook: Playbook, public_id) -> PlaybookStep:
    return get_object_or_404(PlaybookStep, playbook=playbook, public_id=public_id)
