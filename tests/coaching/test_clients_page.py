"""The coach's list of clients: on the dashboard only the newest few, all of them on their own page."""

import pytest
from django.urls import reverse

from crisis_coach.coaching.services import link_end
from tests.coaching.conftest import link
from tests.factories import make_user


def link_clients(coach, count):
    return [link(make_user(display_name=f"Client {n:02d}"), coach) for n in range(count)]


def test_the_dashboard_shows_the_newest_clients_and_a_link_to_all(coach_client, coach):
    link_clients(coach, 7)
    html = coach_client.get(reverse("coach:dashboard")).content.decode()
    assert "Client 06" in html and "Client 02" in html
    assert "Client 01" not in html
    assert "All 7 clients" in html and f'href="{reverse("coach:clients")}"' in html


def test_the_dashboard_needs_no_link_to_all_when_all_are_shown(coach_client, coach):
    link_clients(coach, 2)
    html = coach_client.get(reverse("coach:dashboard")).content.decode()
    assert "Client 00" in html and "Client 01" in html
    assert f'href="{reverse("coach:clients")}"' not in html and "All 2 clients" not in html


def test_all_clients_are_paginated_newest_first(coach_client, coach):
    link_clients(coach, 27)
    first = coach_client.get(reverse("coach:clients")).content.decode()
    assert "27 clients are linked to you" in first
    assert first.count(">End coaching<") == 25
    assert "Client 26" in first and "Client 02" in first and "Client 01" not in first
    second = coach_client.get(reverse("coach:clients") + "?page=2").content.decode()
    assert "Client 01" in second and "Client 00" in second and "Client 26" not in second


def test_only_the_coachs_own_active_clients_are_listed(coach_client, coach):
    mine, ended = link_clients(coach, 2)
    link_end(link=ended, ended_by=coach)
    other_coach = make_user(display_name="Other Coach", is_coach=True)
    link(make_user(display_name="Someone Else"), other_coach)
    html = coach_client.get(reverse("coach:clients")).content.decode()
    assert mine.client.display_name in html
    assert ended.client.display_name not in html and "Someone Else" not in html


def test_people_who_are_not_coaches_have_no_client_list(client, client_user):
    client.force_login(client_user)
    assert client.get(reverse("coach:clients")).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    response = client.get(reverse("coach:clients"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


# Session, user, savepoint, the coach profile (is this a coach?), two-factor sign-in (coach_required's
# EXISTS on mfa_authenticator), the count, the page of links with their clients, release savepoint.
CLIENTS_QUERIES = 8


@pytest.mark.parametrize("size", [1, 40])
def test_the_client_list_costs_the_same_whatever_its_length(
    coach_client, coach, django_assert_num_queries, size
):
    link_clients(coach, size)
    with django_assert_num_queries(CLIENTS_QUERIES):
        assert coach_client.get(reverse("coach:clients")).status_code == 200
