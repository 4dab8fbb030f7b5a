"""The demo shows trust person by person and the timeline's own notes: the manager of the demo case
moved from critical to neutral, Ken from critical to supportive after the talk, and a note dated when
it happened that was edited, with its history."""

import pytest
from django.test import Client
from django.urls import reverse

from crisis_coach.demo.incidents import CLOSED_TITLE, DEMO_TITLE
from crisis_coach.demo.seed import seed_demo
from crisis_coach.incidents.models import Stakeholder, StanceChange, StanceVia

pytestmark = pytest.mark.django_db


def test_the_demo_shows_stance_changes_and_a_backdated_edited_note():
    people = seed_demo()
    case = people.client.incidents.get(title=DEMO_TITLE)
    assert {s.pk for s in case.stakeholders.all()} == set(
        StanceChange.objects.filter(incident=case).values_list("stakeholder_id", flat=True)
    )
    ken = Stakeholder.objects.get(incident__title=CLOSED_TITLE, name="Ken Ito")
    assert [(r.stance, r.via) for r in ken.stance_changes.all()] == [
        ("critical", StanceVia.ADDED),
        ("supportive", StanceVia.CONVERSATION),
    ]
    browser = Client()
    browser.force_login(people.client)
    page = browser.get(reverse("incidents:detail", args=[case.public_id])).content.decode()
    section = page.split('id="stance-journeys"')[1].split("</section>")[0]
    assert "Grace Lin" in section and "offer tracker" in section
    note = case.events.get(kind="note")
    assert note.edited_at and note.written_at > note.at and note.versions.count() == 2
    history = browser.get(reverse("incidents:note_history", args=[case.public_id, note.pk]))
    assert history.status_code == 200 and "with a plan by Friday" in history.content.decode()
    insights = browser.get(reverse("insights:home")).content.decode()
    assert 'id="stances"' in insights
