"""The demo shows steps that are checked: one that worked, a quick win not working yet, one dropped
with its reason, and an earlier case of the same root cause that the demo case's Assess page learns from."""

import pytest
from django.test import Client
from django.urls import reverse

from crisis_coach.demo.incidents import DEMO_TITLE, EARLIER_TITLE
from crisis_coach.demo.seed import seed_demo
from crisis_coach.incidents.models import ActionStep, StepCheck, StepKind, StepStatus

pytestmark = pytest.mark.django_db


def test_the_demo_case_has_checked_and_dropped_steps_and_learns_from_an_earlier_case():
    people = seed_demo()
    case = people.client.incidents.get(title=DEMO_TITLE)
    steps = ActionStep.objects.filter(incident=case)
    assert steps.filter(status=StepStatus.DONE, check_result=StepCheck.WORKED).exists()
    assert steps.filter(kind=StepKind.QUICK_WIN, check_result=StepCheck.NOT_YET).exists()
    assert steps.get(status=StepStatus.DROPPED).drop_reason

    browser = Client()
    browser.force_login(people.client)
    page = browser.get(reverse("incidents:assess", args=[case.public_id])).content.decode()
    assert "You have met this kind of cause before" in page and EARLIER_TITLE in page
    assert "Keep a checklist of every shipment" in page
    page = browser.get(reverse("incidents:resolve", args=[case.public_id])).content.decode()
    assert '<dd class="h5 mb-0" data-count="dropped">1</dd>' in page
    assert '<dd class="h5 mb-0" data-count="worked">1</dd>' in page
    # Seeding again leaves the demo alone.
    seed_demo()
    assert people.client.incidents.filter(title=EARLIER_TITLE).count() == 1
