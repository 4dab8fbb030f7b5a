"""Coaching demo data: the demo coach coaches both demo clients, who share their setbacks.

Runs after the incidents demo (crisis_coach.demo.seed.seed_demo) and, like it, leaves existing
data alone when run again.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from crisis_coach.coaching.models import CoachComment, CoachingLink, CoachNote
from crisis_coach.coaching.services import (
    coach_comment_add,
    coach_note_add,
    incidents_set_shared_all,
    link_create,
    step_propose,
)
from crisis_coach.incidents.models import ActionStep, CrisisType, Incident, StepKind
from crisis_coach.incidents.services import incident_create


def _ensure_link(client, coach) -> None:
    if not CoachingLink.objects.active().filter(client=client).exists():
        link_create(client=client, coach_profile=coach.coach_profile)


@transaction.atomic
def seed(people) -> None:
    coach, client, second = people.coach, people.client, people.second_client
    _ensure_link(client, coach)
    _ensure_link(second, coach)

    if not Incident.objects.filter(owner=second).exists():
        incident_create(
            owner=second,
            title="Passed over for the team-lead role",
            what_happened="A colleague two years my junior got the team-lead role I was promised.",
            occurred_on=timezone.localdate() - timedelta(days=9),
            crisis_type=CrisisType.DIFFICULT_BOSS,
            severity=3,
            control_at_start=4,
        )
    incidents_set_shared_all(client=client, shared=True)
    incidents_set_shared_all(client=second, shared=True)

    first = Incident.objects.alive().filter(owner=client).order_by("created_at").first()
    if first is None:
        return
    if not CoachComment.objects.filter(incident=first, author=coach).exists():
        coach_comment_add(
            coach=coach,
            incident=first,
            body=(
                "Good start. Before you talk to your manager, write down in one sentence what you will "
                "do differently, so the conversation ends with a plan and not only an apology."
            ),
            notify=False,
        )
    if not ActionStep.objects.filter(incident=first, proposed_by=coach).exists():
        step_propose(
            coach=coach,
            incident=first,
            title="Set up a shared tracker for every open offer and counter-offer",
            kind=StepKind.PREVENTION,
            due_on=timezone.localdate() + timedelta(days=7),
            notify=False,
        )
    if not CoachNote.objects.filter(coach=coach, client=client).exists():
        coach_note_add(
            coach=coach,
            client=client,
            incident=first,
            body="Tends to over-apologise; help them focus on the amends and visible results.",
        )
