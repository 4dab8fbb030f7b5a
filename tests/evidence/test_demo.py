"""The demo case shows the evidence log alive: three backdated entries, one edited once."""

import pytest
from django.utils import timezone

from crisis_coach.demo.incidents import DEMO_TITLE
from crisis_coach.demo.seed import seed_demo
from crisis_coach.evidence.selectors import entries_for_log

pytestmark = pytest.mark.django_db


def test_the_demo_case_has_three_backdated_entries_one_edited_once():
    people = seed_demo()
    incident = people.client.incidents.get(title=DEMO_TITLE)
    entries = list(entries_for_log(incident))
    assert len(entries) == 3
    assert [e.happened_on for e in entries] == sorted(e.happened_on for e in entries)
    # Written down after the fact, each on an earlier day than today: the log is backdated.
    assert all(e.happened_on <= e.written_at.date() < timezone.now().date() for e in entries)
    edited = [e for e in entries if e.is_edited]
    assert len(edited) == 1 and edited[0].versions.count() == 2
    assert "Daniel Wu" in edited[0].present_names

    seed_demo()  # run again: nothing added
    assert incident.evidence.count() == 3
