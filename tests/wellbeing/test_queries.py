"""Today's check-in costs one query however many check-ins there are (the safety rule reads only
the last three days), and the support panel two more (the resources, the coach)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crisis_coach.coaching.services import link_create
from crisis_coach.wellbeing.models import CheckIn, SupportResource
from tests.wellbeing.helpers import make_check_in

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def today_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("reminders:today")).status_code == 200
    return len(queries)


def seed(owner, total: int, *, mood_today: int):
    CheckIn.objects.filter(owner=owner).delete()
    for days_ago in range(1, total):
        make_check_in(owner, days_ago=days_ago, mood=3)
    make_check_in(owner, mood=mood_today)


@pytest.mark.parametrize("mood_today", [4, 1], ids=["folded away", "with the support panel"])
def test_today_queries_are_the_same_with_1_and_50_check_ins(logged_in, client_user, coach, mood_today):
    client_user.country = "NZ"
    client_user.save()
    link_create(client=client_user, coach_profile=coach.coach_profile)
    for n in range(3):
        SupportResource.objects.create(country="NZ", name=f"Service {n}", how_to_reach="At the desk")
    counts = []
    for total in (1, 50):
        seed(client_user, total, mood_today=mood_today)
        counts.append(today_queries(logged_in))
    assert counts[0] == counts[1]


def test_the_panel_adds_two_queries_the_form_none(logged_in, client_user):
    client_user.country = "NZ"  # without a country no resource is looked up: one query fewer
    client_user.save()
    before = today_queries(logged_in)  # the form: the check-in query only
    make_check_in(client_user, mood=4)
    assert today_queries(logged_in) == before
    CheckIn.objects.filter(owner=client_user).update(mood=1)
    assert today_queries(logged_in) == before + 2
