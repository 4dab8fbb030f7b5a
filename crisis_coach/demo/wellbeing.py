"""The demo client's daily check-ins: the two weeks before today, a gentle dip as the setback hit
and a recovery as the plan took hold. None today, so Today shows the check-in form to a visitor."""

from datetime import timedelta

from django.utils import timezone

from crisis_coach.wellbeing.models import CheckIn

# (mood 1–5, in control 1–10, sleep 1–5, note), from 14 days ago to yesterday.
DAYS = [
    (4, 7, 4, ""),
    (4, 6, 4, ""),
    (3, 5, 3, "The client call went badly."),
    (3, 4, 2, ""),
    (2, 3, 2, "Slept badly; kept replaying the meeting."),
    (2, 4, 2, ""),
    (3, 4, 3, "Wrote down what happened. Helped a little."),
    (2, 5, 3, ""),
    (3, 5, 3, "Talked it through with a friend."),
    (3, 6, 3, ""),
    (4, 6, 4, ""),
    (3, 6, 3, ""),
    (4, 7, 4, "Grace was friendlier today."),
    (4, 7, 4, ""),
]


def seed(people) -> None:
    client = people.client
    if CheckIn.objects.filter(owner=client).exists():
        return
    today = timezone.localdate(timezone=client.zone)
    CheckIn.objects.bulk_create(
        CheckIn(
            owner=client,
            day=today - timedelta(days=len(DAYS) - index),
            mood=mood,
            control=control,
            sleep=sleep,
            note=note,
        )
        for index, (mood, control, sleep, note) in enumerate(DAYS)
    )
