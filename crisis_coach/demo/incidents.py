"""The demo client's worked example, modelled on the article's case: a trade department head who
missed a promising new client's counter-offer in the busy season. Left part-way through Confront.
And an earlier setback, closed a week ago, whose first review after the close is due today."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from crisis_coach.incidents import services
from crisis_coach.incidents.case_summary import case_summary_refresh
from crisis_coach.incidents.models import (
    ActionStep,
    Assessment,
    Conversation,
    CrisisType,
    Incident,
    Reflection,
    Relation,
    Stakeholder,
    Stance,
    StepKind,
    TimelineEvent,
)
from crisis_coach.incidents.reviews import reviews_schedule
from crisis_coach.incidents.rules import risk_level

DEMO_TITLE = "Missed the counter-offer from Harbor Lights Trading"


def seed(people) -> None:
    client = people.client
    if client.incidents.exists():
        return
    today = timezone.localdate(timezone=client.zone)
    incident = services.incident_create(
        owner=client,
        title=DEMO_TITLE,
        what_happened=(
            "In the peak season dozens of client replies came in at once. I overlooked the counter-offer "
            "from a new client, Harbor Lights Trading. By the time my manager noticed, they had signed with "
            "a competitor — and it turns out they had real potential. She did not blame me openly, but since "
            "then the new, very careful colleague gets the important tasks."
        ),
        occurred_on=today - timedelta(days=4),
        crisis_type=CrisisType.WORK_MISTAKE,
        severity=4,
        control_at_start=3,
    )
    manager = Stakeholder.objects.create(
        incident=incident,
        name="Grace Lin",
        relation=Relation.MANAGER,
        influence=5,
        stance=Stance.NEUTRAL,
        what_they_said="“It is a pity, they had real potential.” She said nothing more, which worries me.",
    )
    Stakeholder.objects.create(
        incident=incident,
        name="Daniel Wu",
        relation=Relation.COLLEAGUE,
        influence=2,
        stance=Stance.SUPPORTIVE,
        what_they_said="Offered to share his tracking spreadsheet.",
    )
    Stakeholder.objects.create(
        incident=incident,
        name="Harbor Lights Trading",
        relation=Relation.CLIENT,
        influence=3,
        stance=Stance.CRITICAL,
    )
    assessment = Assessment(
        incident=incident,
        harm_reputation=4,
        harm_relationship=4,
        harm_business=3,
        harm_career=3,
        reversibility="effort",
        urgency="high",
        root_cause_category="workload",
        root_cause="Replies piled up in the busy season and I had no list of open offers, so one slipped.",
        prevention="A shared tracker of every open offer with a reply-by date, checked daily in peak season.",
        situation="one_off",
    )
    assessment.risk_level = risk_level(assessment)
    assessment.save()
    planned = timezone.make_aware(datetime.combine(today + timedelta(days=1), time(10, 0)), client.zone)
    services.conversation_save(
        incident=incident,
        conversation=Conversation(
            stakeholder=manager,
            planned_for=planned,
            acknowledge=(
                "I missed the counter-offer; it was my responsibility and it cost us a promising client."
            ),
            cause="In the rush I had no system for open offers.",
            amends=("Win back Harbor Lights with a direct call, and set up an offer tracker for the team."),
            ask="The chance to lead the next new-client account and show results within a month.",
            listened_first=True,
            no_excuses=True,
            stayed_calm=True,
        ),
    )
    for title, kind, days in [
        ("Call Harbor Lights Trading and ask what would bring them back", StepKind.REMEDY, 3),
        ("Set up a shared tracker of open offers with reply-by dates", StepKind.QUICK_WIN, 7),
    ]:
        services.step_save(
            incident=incident, step=ActionStep(title=title, kind=kind, due_on=today + timedelta(days=days))
        )
    _seed_closed_case(client, today)


CLOSED_TITLE = "Sharp words with Ken in the quarterly planning meeting"
# The closed case closed this many days ago: its first review after the close is due today.
CLOSED_DAYS_AGO = 7


def _seed_closed_case(client, today) -> None:
    """An earlier setback, worked through and closed a week ago, so a visitor finds its first review
    after the close on Today. Made through the services, then moved a week back in time."""
    incident = services.incident_create(
        owner=client,
        title=CLOSED_TITLE,
        what_happened=(
            "Under pressure in the planning meeting I cut Ken off and called his numbers sloppy in front "
            "of the whole team. He went quiet, and for days after he only wrote to me by email."
        ),
        occurred_on=today - timedelta(days=30),
        crisis_type=CrisisType.COLLEAGUE_RELATIONS,
        severity=3,
        control_at_start=4,
    )
    ken = services.stakeholder_save(
        incident=incident,
        stakeholder=Stakeholder(
            name="Ken Ito", relation=Relation.COLLEAGUE, influence=3, stance=Stance.CRITICAL
        ),
    )
    assessment = Assessment(
        incident=incident,
        harm_reputation=2,
        harm_relationship=4,
        harm_business=1,
        harm_career=2,
        reversibility="easy",
        urgency="medium",
        root_cause_category="communication",
        root_cause="I was tired and defensive, and criticised the person instead of the numbers.",
        situation="one_off",
    )
    assessment.risk_level = risk_level(assessment)
    assessment.save()
    now = timezone.now()
    services.conversation_save(
        incident=incident,
        conversation=Conversation(
            stakeholder=ken,
            planned_for=now - timedelta(days=1),
            acknowledge="I was out of line in the meeting, and I said it in front of everyone.",
            amends="Go through the numbers together before the next review.",
            listened_first=True,
            no_excuses=True,
            held_at=now,
            outcome="positive",
            outcome_notes="He accepted the apology; we agreed to prepare the next review together.",
        ),
    )
    services.step_save(
        incident=incident,
        step=ActionStep(
            title="Prepare the next quarterly numbers with Ken", kind=StepKind.RELATIONSHIP, status="done"
        ),
    )
    services.reflection_save(
        incident=incident,
        reflection=Reflection(
            strengths="I apologised quickly and without excuses.",
            lessons="Criticise the numbers, never the person, and never in front of the team.",
            next_step="Offer to run the planning meeting's review of the numbers.",
            control_at_close=7,
        ),
    )
    # A week back: the case closed CLOSED_DAYS_AGO days ago, so the +7-day review is due today. The
    # timeline's rows are written again rather than updated, so no note history records the move.
    shift = timedelta(days=CLOSED_DAYS_AGO)
    events = list(TimelineEvent.objects.filter(incident=incident).order_by("at", "id"))
    TimelineEvent.objects.filter(incident=incident).delete()
    for event in events:
        event.pk, event.at, event.written_at = None, event.at - shift, event.written_at - shift
    TimelineEvent.objects.bulk_create(events)
    closed_at = Incident.objects.get(pk=incident.pk).closed_at - shift
    closed_on = timezone.localdate(closed_at, client.zone)
    Incident.objects.filter(pk=incident.pk).update(
        closed_at=closed_at, resolution_days=(closed_on - incident.occurred_on).days
    )
    reviews_schedule(incident, closed_on=closed_on)
    case_summary_refresh(Incident.objects.filter(pk=incident.pk))
