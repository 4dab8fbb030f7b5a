"""Thought records are the case owner's alone: a stranger, a coach who is not hers, her ex-coach,
and her own linked coach on a case she shares all get 404 on every thought-record URL, and nothing
changes. A record through another of the owner's cases is a 404 too."""

import pytest
from django.urls import reverse

from crisis_coach.coaching import services as coaching
from crisis_coach.wellbeing.models import ThoughtRecord
from tests.factories import make_incident, make_user
from tests.wellbeing.thought_helpers import make_thought_record, part_one, part_two

pytestmark = pytest.mark.django_db

CASE_VIEWS = ["list", "add"]
RECORD_VIEWS = ["edit", "balance", "delete"]


def urls(incident, record):
    out = [reverse(f"thoughts:{name}", args=[incident.public_id]) for name in CASE_VIEWS]
    out += [reverse(f"thoughts:{name}", args=[incident.public_id, record.public_id]) for name in RECORD_VIEWS]
    return out


def snapshot():
    return list(ThoughtRecord.objects.order_by("pk").values())


def test_strangers_and_coaches_get_404_on_every_thought_record_url(client, client_user, coach, stranger):
    ex_coach = make_user(display_name="Ezra Excoach", is_coach=True)
    unlinked_coach = make_user(display_name="Uma Unlinked", is_coach=True)
    coaching.link_create(client=make_user(), coach_profile=unlinked_coach.coach_profile)
    old_link = coaching.link_create(client=client_user, coach_profile=ex_coach.coach_profile)
    incident = make_incident(client_user)
    coaching.incident_set_shared(incident=incident, shared=True)
    coaching.link_end(link=old_link, ended_by=client_user)
    coaching.link_create(client=client_user, coach_profile=coach.coach_profile)
    coaching.incident_set_shared(incident=incident, shared=True)
    record = make_thought_record(incident)
    before = snapshot()

    for intruder in (stranger, unlinked_coach, ex_coach, coach):
        client.force_login(intruder)
        for address in urls(incident, record):
            data = {**part_one(version="1"), **part_two()}
            answers = (client.get(address).status_code, client.post(address, data).status_code)
            # 405: the list takes no POST, answered before any lookup
            assert set(answers) <= {404, 405} and 404 in answers, f"{intruder} {address}: {answers}"
    assert snapshot() == before

    # Her coach reads the shared case itself; the thought records were never part of it.
    client.force_login(coach)
    assert client.get(reverse("coach:case", args=[incident.public_id])).status_code == 200

    client.force_login(client_user)
    for address in urls(incident, record):
        assert client.get(address).status_code == 200, address


def test_a_record_of_another_case_is_404_through_the_wrong_parent(client, client_user):
    mine, other = make_incident(client_user), make_incident(client_user, title="Another")
    record = make_thought_record(other)
    before = snapshot()
    client.force_login(client_user)
    for name in RECORD_VIEWS:
        address = reverse(f"thoughts:{name}", args=[mine.public_id, record.public_id])
        data = {**part_one(version="1"), **part_two()}
        answers = (client.get(address).status_code, client.post(address, data).status_code)
        assert answers == (404, 404), f"{address}: {answers}"
    assert snapshot() == before


def test_a_trashed_case_has_no_thought_records_page_until_restored(client, client_user):
    from crisis_coach.incidents.services import incident_trash

    incident = make_incident(client_user)
    make_thought_record(incident)
    incident_trash(incident=incident)
    client.force_login(client_user)
    assert client.get(reverse("thoughts:list", args=[incident.public_id])).status_code == 404
