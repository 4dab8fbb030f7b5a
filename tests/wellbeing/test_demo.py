"""The demo client has two weeks of check-ins, a dip and a recovery, and none today."""

import datetime

import pytest
from django.utils import timezone

from crisis_coach.demo.seed import seed_demo
from crisis_coach.wellbeing.models import CheckIn

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def test_the_demo_client_has_two_weeks_of_check_ins_a_dip_and_none_today():
    people = seed_demo()
    today = timezone.localdate(timezone=people.client.zone)
    check_ins = list(CheckIn.objects.filter(owner=people.client).order_by("day"))
    assert len(check_ins) == 14
    assert check_ins[-1].day == today - datetime.timedelta(days=1)
    moods = [c.mood for c in check_ins]
    assert min(moods) == 2 and moods[0] >= 4 and moods[-1] >= 4  # a dip, and back
    seed_demo()  # again: nothing added
    assert CheckIn.objects.filter(owner=people.client).count() == 14
