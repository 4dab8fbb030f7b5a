"""The demo client's radar: a check a month ago with "being replaced" standing high, one step from
its suggestions in her prevention plan, on Today this week, and Today asking for the next check."""

import pytest
from django.urls import reverse

from crisis_coach.demo.seed import seed_demo
from crisis_coach.incidents.models import CrisisType
from crisis_coach.wellbeing.models import PreventionStep, RadarCheck
from crisis_coach.wellbeing.radar import rules

pytestmark = pytest.mark.django_db


def test_the_demo_client_has_a_radar_result_with_one_type_high_and_a_prevention_step(client):
    people = seed_demo()
    [check] = RadarCheck.objects.filter(owner=people.client)
    high = [t for t, score in check.scores.items() if rules.is_high(score)]
    assert high == [CrisisType.REPLACED]
    [step] = PreventionStep.objects.filter(owner=people.client)
    assert step.crisis_type == CrisisType.REPLACED and step.source.startswith("replaced:")

    client.force_login(people.client)
    html = client.get(reverse("reminders:today")).content.decode()
    assert 'data-testid="radar-prompt"' in html and step.title in html
    result = client.get(reverse("radar:result", args=[check.public_id])).content.decode()
    assert "stands high" in result

    seed_demo()  # run again: nothing added
    assert RadarCheck.objects.filter(owner=people.client).count() == 1
    assert PreventionStep.objects.filter(owner=people.client).count() == 1
