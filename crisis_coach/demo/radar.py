"""The demo client's career risk radar: one check a month ago, with "being replaced" standing high
(the new colleague now handles the accounts she used to get), and the step from its suggestions she
added to her prevention plan. A month on, Today asks for the next check."""

import datetime

from django.utils import timezone

from crisis_coach.incidents.models import CrisisType
from crisis_coach.wellbeing.models import RadarCheck
from crisis_coach.wellbeing.radar import services
from crisis_coach.wellbeing.radar.questions import QUESTIONS, suggestion_source, suggestions_for

# Her answers, 0–3, by question key; the rest "not at all".
ANSWERS = {
    "replaced_new_hire": 3,
    "replaced_automated": 1,
    "boss_feedback": 1,
    "restructuring_projects": 1,
    "meaning_energy": 1,
}
TAKEN_DAYS_AGO = 31


def seed(people) -> None:
    client = people.client
    if RadarCheck.objects.filter(owner=client).exists():
        return
    today = timezone.localdate(timezone=client.zone)
    taken_on = today - datetime.timedelta(days=TAKEN_DAYS_AGO)
    check = services.radar_check_record(
        owner=client, answers={q.key: ANSWERS.get(q.key, 0) for q in QUESTIONS}, taken_on=taken_on
    )
    RadarCheck.objects.filter(pk=check.pk).update(
        created_at=check.created_at - datetime.timedelta(days=TAKEN_DAYS_AGO)
    )
    step = suggestions_for(CrisisType.REPLACED)[0]
    added = services.prevention_step_create(
        owner=client,
        crisis_type=CrisisType.REPLACED,
        title=str(step.title),
        kind=step.kind,
        # Moved back once to this week, so Today shows it among the things due.
        due_on=today + datetime.timedelta(days=2),
    )
    added.source = suggestion_source(CrisisType.REPLACED, step)
    added.created_at = check.created_at - datetime.timedelta(days=TAKEN_DAYS_AGO)
    added.save(update_fields=["source", "created_at"])
