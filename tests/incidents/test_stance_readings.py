"""Trust, person by person: every change of a key person's stance or influence is kept, with its
date and what changed it; the cockpit shows where each of them started and where they are now."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis_coach.incidents.models import Stance, StanceChange, StanceVia
from crisis_coach.incidents.services import stance_record
from tests.factories import make_conversation, make_incident, make_stakeholder

pytestmark = pytest.mark.django_db


def edit_form(stakeholder, **changes):
    return {
        "name": stakeholder.name,
        "relation": stakeholder.relation,
        "influence": str(stakeholder.influence or ""),
        "stance": stakeholder.stance,
        "what_they_said": stakeholder.what_they_said,
        "version": str(stakeholder.version),
        **changes,
    }


def test_adding_a_person_keeps_where_they_started(client_user):
    incident = make_incident(client_user)
    person = make_stakeholder(incident, stance=Stance.CRITICAL, influence=4)
    [reading] = StanceChange.objects.filter(stakeholder=person)
    assert (reading.stance, reading.influence, reading.via) == (Stance.CRITICAL, 4, StanceVia.ADDED)


def test_an_edit_that_changes_the_stance_keeps_a_reading_with_what_changed_it(logged_in, client_user):
    incident = make_incident(client_user)
    person = make_stakeholder(incident, stance=Stance.CRITICAL)
    url = reverse("incidents:stakeholder_edit", args=[incident.public_id, person.public_id])
    assert "what changed it?" in logged_in.get(url).content.decode()
    response = logged_in.post(
        url, edit_form(person, stance=Stance.NEUTRAL, stance_note="after our talk on Tuesday")
    )
    assert response.status_code == 302
    latest = StanceChange.objects.filter(stakeholder=person).last()
    assert (latest.stance, latest.note, latest.via) == (Stance.NEUTRAL, "after our talk on Tuesday", "edit")


def test_an_edit_of_only_what_they_said_keeps_no_new_reading(logged_in, client_user):
    incident = make_incident(client_user)
    person = make_stakeholder(incident)
    url = reverse("incidents:stakeholder_edit", args=[incident.public_id, person.public_id])
    logged_in.post(url, edit_form(person, what_they_said="Let's talk Friday.", stance_note="ignored"))
    assert StanceChange.objects.filter(stakeholder=person).count() == 1


def test_the_add_form_does_not_ask_what_changed_the_stance(logged_in, client_user):
    incident = make_incident(client_user)
    page = logged_in.get(reverse("incidents:assess", args=[incident.public_id])).content.decode()
    assert 'name="stance_note"' not in page


def record_form(talk, **fields):
    return {
        "held_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "outcome": "positive",
        "outcome_notes": "She listened.",
        "version": str(talk.version),
        **fields,
    }


def test_recording_a_conversation_asks_where_the_person_stands_prefilled(logged_in, client_user):
    incident = make_incident(client_user)
    person = make_stakeholder(incident, stance=Stance.CRITICAL, influence=5)
    talk = make_conversation(incident, person, planned_for=timezone.now() - timedelta(hours=2))
    url = reverse("incidents:conversation_record", args=[incident.public_id, talk.public_id])
    page = logged_in.get(url).content.decode()
    assert '<option value="critical" selected>' in page
    assert '<option value="5" selected>' in page


def test_recording_a_conversation_with_a_new_stance_keeps_it_after_the_talk(logged_in, client_user):
    incident = make_incident(client_user)
    person = make_stakeholder(incident, stance=Stance.CRITICAL, influence=5)
    talk = make_conversation(incident, person, planned_for=timezone.now() - timedelta(hours=2))
    url = reverse("incidents:conversation_record", args=[incident.public_id, talk.public_id])
    form = record_form(talk, stance="supportive", influence="5", stance_note="She saw the fix working.")
    assert logged_in.post(url, form).status_code == 302
    person.refresh_from_db()
    assert person.stance == Stance.SUPPORTIVE
    latest = StanceChange.objects.filter(stakeholder=person).last()
    assert (latest.via, latest.note) == (StanceVia.CONVERSATION, "She saw the fix working.")
    assert incident.events.filter(kind="stance").exists()


def test_recording_a_conversation_without_a_change_keeps_no_reading(logged_in, client_user):
    incident = make_incident(client_user)
    person = make_stakeholder(incident, stance=Stance.NEUTRAL, influence=3)
    talk = make_conversation(incident, person, planned_for=timezone.now() - timedelta(hours=2))
    url = reverse("incidents:conversation_record", args=[incident.public_id, talk.public_id])
    logged_in.post(url, record_form(talk, stance="neutral", influence="3"))
    assert StanceChange.objects.filter(stakeholder=person).count() == 1
    assert not incident.events.filter(kind="stance").exists()


def test_a_stance_change_is_undone_with_a_conversation_record_that_conflicts(logged_in, client_user):
    """One transaction: a stale record form changes neither the talk nor the person's stance."""
    incident = make_incident(client_user)
    person = make_stakeholder(incident, stance=Stance.CRITICAL)
    talk = make_conversation(incident, person, planned_for=timezone.now() - timedelta(hours=2))
    url = reverse("incidents:conversation_record", args=[incident.public_id, talk.public_id])
    stale = record_form(talk, stance="supportive", version=str(talk.version - 1 if talk.version > 1 else 99))
    assert logged_in.post(url, stale).status_code == 303
    person.refresh_from_db()
    assert person.stance == Stance.CRITICAL
    assert StanceChange.objects.filter(stakeholder=person).count() == 1


def cockpit(logged_in, incident) -> str:
    return logged_in.get(reverse("incidents:detail", args=[incident.public_id])).content.decode()


def test_the_cockpit_shows_where_each_person_started_and_where_they_are_now(logged_in, client_user, clock):
    incident = make_incident(client_user)
    person = make_stakeholder(incident, name="Dana Boss", stance=Stance.CRITICAL, influence=5)
    clock.shift(timedelta(days=2))
    stance_record(stakeholder=person, stance=Stance.SUPPORTIVE, influence=5, via="edit", note="after the fix")
    section = cockpit(logged_in, incident).split('id="stance-journeys"')[1].split("</section>")[0]
    assert "Dana Boss" in section
    started, now = section.split("Started:")[1].split("Now:")
    assert "Critical" in started and "Supportive" in now
    assert "Changed once, on" in section and "after the fix" in section


def test_a_person_without_a_reading_started_where_they_are_now(logged_in, client_user):
    incident = make_incident(client_user)
    person = make_stakeholder(incident, stance=Stance.NEUTRAL)
    StanceChange.objects.filter(stakeholder=person).delete()
    section = cockpit(logged_in, incident).split('id="stance-journeys"')[1].split("</section>")[0]
    started, now = section.split("Started:")[1].split("Now:")
    assert "Neutral" in started and "Neutral" in now
    assert "No change yet." in section


# The whole cockpit on a cache miss (session, user, savepoint pair, the case's heading, the case and
# its prefetches, the timeline, the coaching panel) with the stance readings as one query: the same
# with 1 or 50 people. "Who can help now" (its network contacts) is one query too.
COCKPIT_QUERIES = 16


@pytest.mark.parametrize("people", [1, 50])
def test_the_cockpit_costs_the_same_queries_with_1_or_50_people(
    logged_in, client_user, people, django_assert_num_queries
):
    incident = make_incident(client_user)
    for n in range(people):
        person = make_stakeholder(incident, name=f"Person {n}", influence=1 + n % 5)
        stance_record(stakeholder=person, stance=Stance.SUPPORTIVE, influence=person.influence, via="edit")
    with django_assert_num_queries(COCKPIT_QUERIES):
        response = logged_in.get(reverse("incidents:detail", args=[incident.public_id]))
    assert len(response.context["stance_journeys"]) == people
