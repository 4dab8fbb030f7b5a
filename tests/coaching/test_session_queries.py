"""The sessions' pages cost the same whatever their number: the lists with 1 and 50 sessions, the
page of one session with 1 and 50 private notes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis_coach.coaching.models import CoachingSession, CoachNote
from tests.coaching.conftest import link
from tests.factories import make_user

pytestmark = pytest.mark.django_db

# Session, user, savepoint pair (ATOMIC_REQUESTS), coach profile (is_coach, cached), the page's
# sessions with both people, their count for the pagination; the client's side also reads her active
# link (the "Propose" button), the coach's whether two-factor is on (coach_required).
CLIENT_LIST_QUERIES = 8
COACH_LIST_QUERIES = 8
# Session, user, savepoint pair, coach profile, the session with both people (the coach's side: is
# the client still linked, inside the same query); the client's side: is her link to that coach still
# active (can she still edit it); the coach's: two-factor, and her private notes on it.
CLIENT_PAGE_QUERIES = 7
COACH_PAGE_QUERIES = 8


def sessions(count: int):
    coach = make_user(display_name="Casey Coach", is_coach=True)
    client_user = make_user(display_name="Alex Client")
    link(client_user, coach)
    start = timezone.now() + datetime.timedelta(days=1)
    CoachingSession.objects.bulk_create(
        CoachingSession(
            client=client_user, coach=coach, coach_name="Casey Coach", proposed_by=coach,
            starts_at=start + datetime.timedelta(hours=n), place=f"Room {n}",
        )
        for n in range(count)
    )  # fmt: skip
    session = CoachingSession.objects.first()
    CoachNote.objects.bulk_create(
        CoachNote(coach=coach, client=client_user, session=session, body=f"Note {n}") for n in range(count)
    )
    return coach, client_user, session


@pytest.mark.parametrize("count", [1, 50])
def test_the_session_lists_cost_the_same_whatever_their_length(client, django_assert_num_queries, count):
    coach, client_user, _session = sessions(count)
    client.force_login(client_user)
    with django_assert_num_queries(CLIENT_LIST_QUERIES):
        page = client.get(reverse("coaching:sessions")).content.decode()
    assert page.count('data-testid="session-row"') == min(count, 20)
    client.force_login(coach)
    with django_assert_num_queries(COACH_LIST_QUERIES):
        page = client.get(reverse("coach:sessions")).content.decode()
    assert page.count('data-testid="session-row"') == min(count, 20)


@pytest.mark.parametrize("count", [1, 50])
def test_a_session_page_costs_the_same_whatever_its_notes(client, django_assert_num_queries, count):
    coach, client_user, session = sessions(count)
    client.force_login(client_user)
    with django_assert_num_queries(CLIENT_PAGE_QUERIES):
        assert client.get(reverse("coaching:session_detail", args=[session.public_id])).status_code == 200
    client.force_login(coach)
    with django_assert_num_queries(COACH_PAGE_QUERIES):
        page = client.get(reverse("coach:session_detail", args=[session.public_id])).content.decode()
    assert page.count("Note ") == count


@pytest.mark.parametrize("count", [1, 50])
def test_today_costs_the_same_with_1_or_50_sessions_on_both_sides(client, django_assert_num_queries, count):
    from tests.reminders.test_today import TODAY_QUERIES
    from tests.reminders.test_today_coaching import COACH_TODAY_QUERIES

    coach, client_user, _session = sessions(count)
    client.force_login(client_user)
    with django_assert_num_queries(TODAY_QUERIES):
        page = client.get(reverse("reminders:today")).content.decode()
    assert 'data-kind="session"' in page
    client.force_login(coach)
    with django_assert_num_queries(COACH_TODAY_QUERIES):
        page = client.get(reverse("reminders:today")).content.decode()
    assert 'data-kind="session"' in page
