"""The demo client's worked example, modelled on the article's case: a trade department head who
missed a promising new client's counter-offer in the busy season. Left part-way through Confront.
And an earlier setback, closed a week ago, whose first review after the close is due today."""

from datetime import datetime, time, timedelta

from django.db.models import F
from django.utils import timezone

from crisis_coach.incidents import services
from crisis_coach.incidents.case_summary import case_summary_refresh
from crisis_coach.incidents.models import (
    ActionStep,
    Assessment,
    Conversation,
    CrisisType,
    EventKind,
    Incident,
    Reflection,
    Relation,
    Stage,
    Stakeholder,
    Stance,
    StanceChange,
    StanceVia,
    StepCheck,
    StepKind,
    StepStatus,
    TimelineEvent,
)
from crisis_coach.incidents.reviews import reviews_schedule
from crisis_coach.incidents.rules import risk_level
from crisis_coach.wellbeing.models import ThinkingTrap, ThoughtRecord

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
    _seed_checked_steps(incident, today)
    _seed_trust_and_notes(incident, manager)
    _seed_thought_record(incident)
    _seed_closed_case(client, today)
    _seed_earlier_workload_case(client, today)


def _seed_thought_record(incident) -> None:
    """The night after the manager's remark: the thought looked at from both sides, 80 down to 45."""
    ThoughtRecord.objects.create(
        incident=incident,
        created_at=timezone.now() - timedelta(days=3),
        situation=(
            "Grace gave the Lotus Foods account to the new colleague in the Monday meeting, without a word "
            "to me."
        ),
        thought="She has written me off. After missing Harbor Lights I'll never get a good account again.",
        emotion="Ashamed, anxious",
        intensity_before=80,
        traps=[ThinkingTrap.MIND_READING, ThinkingTrap.CATASTROPHISING, ThinkingTrap.FORTUNE_TELLING],
        evidence_for="She gave the new account to someone else, the week after my mistake.",
        evidence_against=(
            "She has not said I'm off accounts. Last quarter she praised my work with Bright Sea. The new "
            "colleague has handled food clients before. One missed offer in eight years."
        ),
        balanced_thought=(
            "I made one costly mistake and she may be cautious for a while. It is not a verdict on me: if I "
            "fix what went wrong and ask her directly, I can earn the next account."
        ),
        intensity_after=45,
    )


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
        # Recording how it went asks where Ken stands now: from critical to supportive.
        stance={
            "stance": Stance.SUPPORTIVE,
            "influence": 3,
            "note": "He accepted the apology and offered to go through the numbers with me.",
        },
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
    StanceChange.objects.filter(incident=incident).update(at=F("at") - shift)
    closed_at = Incident.objects.get(pk=incident.pk).closed_at - shift
    closed_on = timezone.localdate(closed_at, client.zone)
    Incident.objects.filter(pk=incident.pk).update(
        closed_at=closed_at, resolution_days=(closed_on - incident.occurred_on).days
    )
    reviews_schedule(incident, closed_on=closed_on)
    case_summary_refresh(Incident.objects.filter(pk=incident.pk))


def _seed_trust_and_notes(incident, manager) -> None:
    """Where the key people stood: the demo case's people were added as rows, so their readings are
    written here, dated the day after the setback; Grace moved from critical to neutral yesterday.
    And a note dated when it happened, written that evening and edited today, so its history shows."""
    now = timezone.now()
    added = now - timedelta(days=3)
    readings = [
        StanceChange(
            incident=incident,
            stakeholder=person,
            at=added,
            stance=Stance.CRITICAL if person.pk == manager.pk else person.stance,
            influence=person.influence,
            via=StanceVia.ADDED,
        )
        for person in incident.stakeholders.order_by("created_at", "id")
    ]
    readings.append(
        StanceChange(
            incident=incident,
            stakeholder=manager,
            at=now - timedelta(days=1),
            stance=manager.stance,
            influence=manager.influence,
            note="She asked me to show the offer tracker at Friday's team meeting.",
            via=StanceVia.EDIT,
        )
    )
    StanceChange.objects.bulk_create(readings)
    TimelineEvent.objects.create(
        incident=incident, kind=EventKind.STANCE, subject=manager.name, at=now - timedelta(days=1)
    )
    local = timezone.localtime(now - timedelta(days=3), incident.owner.zone)
    happened = local.replace(hour=16, minute=30, second=0, microsecond=0)
    note = TimelineEvent.objects.create(
        incident=incident,
        kind=EventKind.NOTE,
        at=happened,
        written_at=happened + timedelta(hours=4),
        text="Grace asked in the corridor whether the Harbor Lights file was closed. I said I'd come back.",
    )
    services.timeline_note_edit(
        event=note,
        text=(
            "Grace asked in the corridor whether the Harbor Lights file was closed. I said I would come "
            "back to her with a plan by Friday; she nodded."
        ),
        at=happened,
        expected_version=note.version,
    )


def _seed_checked_steps(incident, today) -> None:
    """Steps that were checked: one done that worked, the quick win done but not yet working (it comes
    back on Today a week after its check), and one dropped with its reason."""
    apology = services.step_save(
        incident=incident,
        step=ActionStep(
            title="Send Harbor Lights a short written apology",
            kind=StepKind.REMEDY,
            due_on=today - timedelta(days=2),
            status=StepStatus.DONE,
        ),
    )
    services.step_check(
        step=apology,
        result=StepCheck.WORKED,
        note="They replied the same day and thanked me for being honest.",
    )
    tracker = incident.steps.get(kind=StepKind.QUICK_WIN)
    services.step_set_status(step=tracker, status=StepStatus.DONE)
    services.step_check(
        step=tracker, result=StepCheck.NOT_YET, note="It is set up, but the team has not started using it."
    )
    discount = services.step_save(
        incident=incident,
        step=ActionStep(title="Offer Harbor Lights a discount on a first order", kind=StepKind.REMEDY),
    )
    services.step_drop(
        step=discount,
        reason="Grace advised against it: it would look like buying them back, not winning them.",
    )


EARLIER_TITLE = "Customs papers late in the spring rush"


def _seed_earlier_workload_case(client, today) -> None:
    """An earlier setback with the same kind of root cause as the demo case (workload), closed months
    ago, so the demo case's Assess page learns from it: its prevention steps, done, and whether they
    worked. Written as rows with their past dates (no reviews: those were long over)."""
    occurred_on = today - timedelta(days=160)
    closed_on = occurred_on + timedelta(days=18)

    def at(day, hour=10):
        return timezone.make_aware(datetime.combine(day, time(hour, 0)), client.zone)

    incident = Incident.objects.create(
        owner=client,
        title=EARLIER_TITLE,
        what_happened=(
            "In the spring rush three shipments waited at the border because their papers went out late. "
            "The client was patient, my manager less so."
        ),
        occurred_on=occurred_on,
        crisis_type=CrisisType.WORK_MISTAKE,
        severity=3,
        control_at_start=4,
        stage=Stage.CLOSED,
        closed_at=at(closed_on),
        resolution_days=(closed_on - occurred_on).days,
    )
    assessment = Assessment(
        incident=incident,
        harm_reputation=3,
        harm_relationship=2,
        harm_business=3,
        harm_career=2,
        reversibility="easy",
        urgency="high",
        root_cause_category="workload",
        root_cause="Too many shipments at once and the papers tracked only in my head.",
        prevention="A checklist of every shipment's papers, and a second pair of eyes in peak weeks.",
        situation="one_off",
    )
    assessment.risk_level = risk_level(assessment)
    assessment.save()
    rows = [
        ("Call the client and give a new delivery date", StepKind.QUICK_WIN, 2, StepCheck.WORKED, ""),
        (
            "Keep a checklist of every shipment's papers with their due dates",
            StepKind.PREVENTION,
            10,
            StepCheck.WORKED,
            "Not one late paper since.",
        ),
        ("Ask for a second pair of eyes in peak weeks", StepKind.PREVENTION, 14, StepCheck.PARTLY, ""),
    ]
    steps = ActionStep.objects.bulk_create(
        ActionStep(
            incident=incident,
            title=title,
            kind=kind,
            position=position,
            due_on=occurred_on + timedelta(days=days),
            status=StepStatus.DONE,
            done_at=at(occurred_on + timedelta(days=days - 1)),
            check_result=check,
            check_note=note,
            checked_at=at(occurred_on + timedelta(days=days + 7)),
        )
        for position, (title, kind, days, check, note) in enumerate(rows, start=1)
    )
    Reflection.objects.create(
        incident=incident,
        strengths="I told the client at once and gave a date I could keep.",
        lessons="What I track in my head slips when the rush comes.",
        next_step="Offer the checklist to the whole team.",
        control_at_close=8,
        written_at=at(closed_on),
    )
    events = [TimelineEvent(kind=EventKind.LOGGED, at=at(occurred_on))]
    for step in steps:
        events.append(TimelineEvent(kind=EventKind.STEP_DONE, subject=step.title, at=step.done_at))
        events.append(
            TimelineEvent(
                kind=EventKind.STEP_CHECKED, subject=step.title, text=step.check_note, at=step.checked_at
            )
        )
    events.append(TimelineEvent(kind=EventKind.CLOSED, at=at(closed_on)))
    for event in events:
        event.incident, event.written_at = incident, event.at
    TimelineEvent.objects.bulk_create(events)
    case_summary_refresh(Incident.objects.filter(pk=incident.pk))
