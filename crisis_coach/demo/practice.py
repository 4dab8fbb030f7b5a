"""The demo coach's practice: her own playbook (one of its steps already in the demo client's plan), an
agreed session in three days and a past one with its summary, a nudge on the shared case, and that case
sharing its evidence log too.

Runs after the coaching demo (the link and the sharing) and, like it, leaves existing data alone when
run again. The words are gettext_lazy, so the demo can speak each of the three languages once they
are translated; they are written in the language of the person whose words they are (the coach's).
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from crisis_coach.coaching.models import (
    CoachingSession,
    CoachNudge,
    Playbook,
    PlaybookStepUse,
    SessionStatus,
)
from crisis_coach.coaching.playbooks.services import playbook_create, playbook_steps_add
from crisis_coach.demo.incidents import DEMO_TITLE
from crisis_coach.incidents.models import CrisisType, Incident, StepKind, StepStatus


@dataclass(frozen=True)
class DemoStep:
    title: Promise
    kind: str
    due_in_days: int
    detail: Promise | str


PLAYBOOK_NAME = _("When your role is at risk: the first two weeks")
PLAYBOOK_TYPES = [CrisisType.RESTRUCTURING, CrisisType.REPLACED, CrisisType.WORK_MISTAKE]
PLAYBOOK_STEPS = [
    DemoStep(
        _("Ask your manager for a one-to-one on what the team needs from you next quarter"),
        StepKind.RELATIONSHIP,
        3,
        _("Ask, then listen: write down her words, not your reading of them."),
    ),
    DemoStep(
        _("Write down three results from the last six months, each with a number"),
        StepKind.CAREER,
        5,
        _("Revenue kept, hours saved, clients won back: what someone deciding about your role can repeat."),
    ),
    DemoStep(
        _("Deliver one small, visible win your manager will notice within two weeks"),
        StepKind.QUICK_WIN,
        14,
        "",
    ),
]
PLAYBOOK_PROMPTS = [
    _("What would success in my role look like to you over the next three months?"),
    _("Which of my results would you point to if someone asked you about my work?"),
]
PLACE = "https://meet.example.com/demo-layla-alex"
PAST_SUMMARY = _(
    "We went through what happened with Harbor Lights Trading. Agreed: Alex owns the mistake in one "
    "sentence, then moves to the tracker and the call to win them back. Next time: how the talk with "
    "Grace went."
)
NUDGE = _("Your talk with Grace is coming up. Have you written your one-sentence plan yet?")


def _words(value) -> str:
    return str(value) if value else ""


def _at(person, day, at: time):
    return timezone.make_aware(datetime.combine(day, at), person.zone)


def _agenda(incident: Incident) -> str:
    """The case and its next open step, as the sessions' agenda draft lists a case."""
    lines = [f"• {incident.title}"]
    steps = incident.steps.exclude(status__in=[StepStatus.DONE, StepStatus.DROPPED]).filter(proposal_state="")
    for step in steps.order_by("due_on", "position")[:1]:
        lines.append("  " + gettext("Next: %(action)s") % {"action": step.title})
    return "\n".join(lines)


def _playbook(coach) -> Playbook:
    playbook = Playbook.objects.filter(coach=coach).order_by("created_at").first()
    if playbook is not None:
        return playbook
    return playbook_create(
        coach=coach,
        name=_words(PLAYBOOK_NAME),
        crisis_types=PLAYBOOK_TYPES,
        prompts="\n".join(_words(prompt) for prompt in PLAYBOOK_PROMPTS),
        steps=[
            {
                "title": _words(s.title),
                "kind": s.kind,
                "due_in_days": s.due_in_days,
                "detail": _words(s.detail),
            }
            for s in PLAYBOOK_STEPS
        ],
    )


def _sessions(client, coach, incident: Incident, today) -> None:
    if CoachingSession.objects.filter(client=client, coach=coach).exists():
        return
    now = timezone.now()
    upcoming = _at(client, today + timedelta(days=3), time(10, 0))
    CoachingSession.objects.create(
        client=client,
        coach=coach,
        coach_name=coach.display_name,
        proposed_by=coach,
        starts_at=upcoming,
        duration_minutes=50,
        place=PLACE,
        status=SessionStatus.ACCEPTED,
        answered_at=now - timedelta(hours=20),
        agenda=_agenda(incident),
        created_at=now - timedelta(days=1),
    )
    past = _at(client, today - timedelta(days=6), time(10, 0))
    CoachingSession.objects.create(
        client=client,
        coach=coach,
        coach_name=coach.display_name,
        proposed_by=client,
        starts_at=past,
        duration_minutes=50,
        place=PLACE,
        status=SessionStatus.ACCEPTED,
        answered_at=past - timedelta(days=2),
        agenda=f"• {incident.title}",
        summary=_words(PAST_SUMMARY),
        summary_written_at=past + timedelta(hours=2),
        created_at=past - timedelta(days=3),
    )


@transaction.atomic
def seed(people) -> None:
    coach, client = people.coach, people.client
    incident = Incident.objects.alive().filter(owner=client, title=DEMO_TITLE).first()
    if incident is None:
        return
    # The coach may read the evidence log of this case too (the plan is always shared when shared).
    Incident.objects.filter(pk=incident.pk, shared_with_coach=True).update(share_evidence=True)
    today = timezone.localdate(timezone=client.zone)
    with translation.override(coach.language):
        playbook = _playbook(coach)
        if not PlaybookStepUse.objects.filter(playbook=playbook).exists():
            results = playbook.steps.order_by("position")[1:2]  # "three results": her own step now
            playbook_steps_add(incident=incident, playbook=playbook, steps=list(results), today=today)
        _sessions(client, coach, incident, today)
        if not CoachNudge.objects.filter(incident=incident).exists():
            CoachNudge.objects.create(
                incident=incident,
                coach=coach,
                body=_words(NUDGE),
                created_at=timezone.now() - timedelta(hours=3),
            )
