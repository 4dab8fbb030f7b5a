"""Small things a tester found on the session page, the propose form and the digest settings."""

import datetime

import pytest
from django.urls import reverse

from crisis_coach.coaching.models import SessionStatus
from crisis_coach.coaching.sessions import services
from tests.coaching import test_sessions
from tests.coaching.test_sessions import NINE_IN_LONDON, browser, detail, make_session

# The sessions tests' people: a coach in London, her client in Taipei, linked.
coach_in_london = test_sessions.coach_in_london
client_in_taipei = test_sessions.client_in_taipei
pair = test_sessions.pair

pytestmark = pytest.mark.django_db


def page_of(client, user, url) -> str:
    return browser(client, user).get(url).content.decode()


def agreed(pair, **fields):
    session = make_session(pair, **fields)
    services.session_answer(session=session, by=pair.client, accept=True, expected_version=None)
    session.refresh_from_db()
    return session


def test_the_coach_writes_the_summary_only_once_the_session_has_begun(client, pair, clock):
    session = agreed(pair)

    page = page_of(client, pair.coach, detail("coach", session))
    assert "You can write the summary once the session has begun." in page
    assert "Save the summary" not in page

    clock.move_to(NINE_IN_LONDON + datetime.timedelta(minutes=5))
    page = page_of(client, pair.coach, detail("coach", session))
    assert "Save the summary" in page
    assert "once the session has begun" not in page


def test_an_agreed_session_whose_time_has_come_reads_held(client, pair, clock):
    session = agreed(pair)
    assert session.status == SessionStatus.ACCEPTED
    badge = 'data-testid="session-status">'

    assert f"{badge}Agreed<" in page_of(client, pair.client, detail("client", session))
    clock.move_to(NINE_IN_LONDON + datetime.timedelta(hours=2))
    assert f"{badge}Held<" in page_of(client, pair.client, detail("client", session))
    assert f"{badge}Held<" in page_of(client, pair.coach, detail("coach", session))
    session.refresh_from_db()
    assert session.status == SessionStatus.ACCEPTED  # a display, not a new status


def test_the_agenda_and_summary_are_named_once_on_sight_and_still_labelled(client, pair, clock):
    session = agreed(pair)
    clock.move_to(NINE_IN_LONDON + datetime.timedelta(minutes=5))

    page = page_of(client, pair.coach, detail("coach", session))

    assert 'id="agenda-heading">Agenda</h2>' in page and 'id="summary-heading">Summary</h2>' in page
    assert 'for="id_agenda" class="form-label visually-hidden">Agenda</label>' in page
    assert 'for="id_summary" class="form-label visually-hidden">Summary</label>' in page


def test_the_agenda_hint_speaks_to_whoever_proposes(client, pair):
    coach_page = page_of(client, pair.coach, reverse("coach:session_propose", args=[pair.public_id]))
    client_page = page_of(client, pair.client, reverse("coaching:session_propose"))

    assert "Filled in from the open cases shared with you." in coach_page
    assert "shared with the coach" not in coach_page and "with your coach" not in coach_page
    assert "Filled in from the open cases you share with your coach." in client_page
    assert 'aria-describedby="id_agenda_helptext"' in coach_page


def test_the_digest_time_is_labelled_as_a_time_of_day(client):
    from tests.coaching.test_coach_digest import make_coach

    page = page_of(client, make_coach(), reverse("coach:digest"))

    assert 'class="form-label requiredField">At (your time)<span' in page
    assert ">From<span" not in page
