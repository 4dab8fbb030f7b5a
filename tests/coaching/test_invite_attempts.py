"""Invite codes cannot be guessed: 10 wrong codes an hour, then even the right one waits."""

import pytest

from crisis_coach.accounts.models import SecurityEvent
from crisis_coach.coaching.models import CoachingLink
from crisis_coach.coaching.services import link_end
from crisis_coach.common import ratelimit
from tests.coaching.conftest import link
from tests.factories import make_user

pytestmark = pytest.mark.django_db

WRONG = "ABCD-EFGH-JKMN-PQRS"


def test_after_ten_wrong_codes_the_right_one_is_refused_for_now(logged_in, coach):
    for _ in range(10):
        assert "No coach has this code" in logged_in.post("/coaching/", {"code": WRONG}).content.decode()

    response = logged_in.post("/coaching/", {"code": coach.coach_profile.invite_code})

    assert response.status_code == 200
    assert "Too many attempts, try again later." in response.content.decode()
    assert not CoachingLink.objects.exists()


def test_nine_wrong_codes_still_let_the_right_one_through(logged_in, client_user, coach):
    for _ in range(9):
        logged_in.post("/coaching/", {"code": WRONG})
    logged_in.post("/coaching/", {"code": coach.coach_profile.invite_code})
    assert CoachingLink.objects.filter(client=client_user).exists()


def test_the_limit_is_per_user(client, logged_in, coach):
    for _ in range(10):
        logged_in.post("/coaching/", {"code": WRONG})
    other = make_user()
    client.force_login(other)
    client.post("/coaching/", {"code": coach.coach_profile.invite_code})
    assert CoachingLink.objects.filter(client=other).exists()


def test_the_limit_lifts_when_the_hour_is_over(logged_in, client_user, coach, monkeypatch):
    now = [1_800_000_000.0]
    monkeypatch.setattr(ratelimit, "_now", lambda: now[0])
    for _ in range(10):
        logged_in.post("/coaching/", {"code": WRONG})
    now[0] += 3601
    logged_in.post("/coaching/", {"code": coach.coach_profile.invite_code})
    assert CoachingLink.objects.filter(client=client_user).exists()


def test_linking_and_unlinking_show_on_the_clients_security_page(client, client_user, coach):
    coaching = link(client_user, coach)
    link_end(link=coaching, ended_by=coach)

    events = SecurityEvent.objects.filter(user=client_user).order_by("at", "id")
    assert [(event.kind, event.detail, event.ip) for event in events] == [
        ("coach_linked", "Casey Coach", None),
        ("coach_unlinked", "Casey Coach", None),  # never the coach's address
    ]
    assert not SecurityEvent.objects.filter(user=coach).exists()
    client.force_login(client_user)
    page = client.get("/accounts/security/").content.decode()
    assert "Coach linked" in page
    assert "Coach link ended" in page
