"""The demo case shows a thought record alive: a realistic career thought, 80 down to 45."""

import pytest

from crisis_coach.demo.incidents import DEMO_TITLE
from crisis_coach.demo.seed import seed_demo
from crisis_coach.wellbeing.models import ThoughtRecord

pytestmark = pytest.mark.django_db


def test_the_demo_case_has_one_thought_record_from_80_to_45():
    people = seed_demo()
    incident = people.client.incidents.get(title=DEMO_TITLE)
    (record,) = ThoughtRecord.objects.filter(incident=incident)
    assert (record.intensity_before, record.intensity_after) == (80, 45)
    assert record.traps and record.balanced_thought
    seed_demo()  # run again: nothing added
    assert ThoughtRecord.objects.filter(incident=incident).count() == 1
