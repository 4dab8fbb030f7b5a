import pytest

from crisis_coach.coaching.models import CoachingLink
from crisis_coach.coaching.services import incident_set_shared, link_create
from tests.factories import make_incident, make_user


def link(client, coach) -> CoachingLink:
    return link_create(client=client, coach_profile=coach.coach_profile)


def shared_incident(owner, **fields):
    incident = make_incident(owner, **fields)
    incident_set_shared(incident=incident, shared=True)
    incident.refresh_from_db()
    return incident


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # These tests create many accounts; the real hasher is tested in tests/accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def other_coach(db):
    return make_user(display_name="Olive Othercoach", is_coach=True)


@pytest.fixture
def linked_client(coach):
    """A client of `coach` with nothing shared yet (coaching_link links client_user instead)."""
    person = make_user(display_name="Robin Client")
    link(person, coach)
    return person


@pytest.fixture
def coaching_link(client_user, coach):
    return link(client_user, coach)


@pytest.fixture
def shared_case(client_user, coaching_link):
    """A case the coach may read: the client linked the coach and shared it."""
    return shared_incident(client_user)


@pytest.fixture
def coach_client(client, coach):
    client.force_login(coach)
    return client
