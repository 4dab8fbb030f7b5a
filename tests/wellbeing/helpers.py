import datetime

from django.utils import timezone

from crisis_coach.wellbeing.models import CheckIn


def local_today(user) -> datetime.date:
    return timezone.localdate(timezone=user.zone)


def make_check_in(
    owner, *, days_ago: int = 0, mood: int = 4, control: int = 6, sleep: int = 3, note: str = ""
):
    day = local_today(owner) - datetime.timedelta(days=days_ago)
    return CheckIn.objects.create(owner=owner, day=day, mood=mood, control=control, sleep=sleep, note=note)


def check_in_data(*, mood=4, control=6, sleep=3, note="", version=0) -> dict:
    return {"mood": mood, "control": control, "sleep": sleep, "note": note, "version": version}
