"""The demo client's worked example, modelled on the article's case: a trade department head who
missed a promising new client's counter-offer in the busy season. Left part-way through Confront."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from crisis_coach.incidents import services
from crisis_coach.incidents.models import (
    ActionStep,
    Assessment,
    Conversation,
    CrisisType,
    Relation,
    Stakeholder,
    Stance,
    StepKind,
)
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
