"""The insights page's "where the key people stand": each person's stance on each day one was
recorded, for the case the person picks (by default the most recently active one)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from crisis_coach.incidents.models import Stance
from crisis_coach.incidents.services import stance_record
from crisis_coach.insights.stances import stance_grid
from tests.factories import make_incident, make_stakeholder

pytestmark = pytest.mark.django_db
URL = reverse("insights:home")


def numbers_table(page: str) -> str:
    figure = page.split('id="stances"')[1].split("</figure>")[0]
    return figure.split("<tbody>")[1]


def test_the_chart_shows_each_persons_stance_on_each_recorded_day(logged_in, client_user, clock):
    incident = make_incident(client_user, title="Boss trouble")
    boss = make_stakeholder(incident, name="Dana Boss", stance=Stance.CRITICAL, influence=5)
    make_stakeholder(incident, name="Lee Peer", stance=Stance.NEUTRAL, influence=2)
    clock.shift(timedelta(days=3))
    stance_record(stakeholder=boss, stance=Stance.NEUTRAL, influence=5, via="edit")
    clock.shift(timedelta(days=4))
    stance_record(stakeholder=boss, stance=Stance.SUPPORTIVE, influence=5, via="conversation")
    page = logged_in.get(URL).content.decode()
    assert "Where the key people stand" in page and "Boss trouble" in page
    rows = numbers_table(page).split("</tr>")[:-1]
    assert len(rows) == 3  # three days a stance was recorded
    # Columns: Dana (most influential), then Lee; Lee's stance carries on from the first day.
    assert [r.count("Critical") for r in rows] == [1, 0, 0]
    assert "Supportive" in rows[2] and rows[2].count("Neutral") == 1


def test_the_picker_shows_another_case_and_only_the_persons_own(logged_in, client_user, stranger):
    first = make_incident(client_user, title="First case")
    make_stakeholder(first, name="Ann First")
    second = make_incident(client_user, title="Second case")
    make_stakeholder(second, name="Ben Second")
    make_stakeholder(make_incident(stranger, title="Not yours"), name="Zed")
    page = logged_in.get(URL).content.decode()
    assert "Not yours" not in page and 'name="case"' in page
    chosen = logged_in.get(URL, {"case": str(first.public_id)}).content.decode()
    assert (
        "Ann First" in chosen.split('id="stances"')[1] and "Ben Second" not in chosen.split('id="stances"')[1]
    )


def test_a_case_of_someone_else_in_the_address_shows_the_persons_own_default(
    logged_in, client_user, stranger
):
    mine = make_incident(client_user, title="Mine")
    make_stakeholder(mine, name="Ann Mine")
    theirs = make_incident(stranger, title="Theirs")
    make_stakeholder(theirs, name="Zed Theirs")
    page = logged_in.get(URL, {"case": str(theirs.public_id)}).content.decode()
    assert "Ann Mine" in page and "Zed Theirs" not in page


def test_without_people_there_is_no_stance_chart(logged_in, client_user):
    make_incident(client_user)
    assert 'id="stances"' not in logged_in.get(URL).content.decode()


def test_the_grid_leaves_a_person_blank_before_they_were_added(client_user, clock):
    incident = make_incident(client_user)
    make_stakeholder(incident, name="Early", influence=5)
    clock.shift(timedelta(days=2))
    make_stakeholder(incident, name="Late", influence=4)
    readings = list(incident.stance_changes.select_related("stakeholder"))
    names, days, cells = stance_grid(readings, zone=client_user.zone)
    assert names == ["Early", "Late"] and len(days) == 2
    assert cells == [[Stance.UNKNOWN, Stance.UNKNOWN], [None, Stance.UNKNOWN]]


def test_the_chart_is_mirrored_in_arabic(logged_in, client_user):
    client_user.language = "ar"
    client_user.save()
    make_stakeholder(make_incident(client_user), name="Dana")
    figure = logged_in.get(URL).content.decode().split('id="stances"')[1].split("</figure>")[0]
    assert 'direction="rtl"' in figure
