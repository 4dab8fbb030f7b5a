"""Network fixtures: real rows made through the services, as the app makes them."""

import datetime

import pytest
from django.utils import timezone

from crisis_coach.network import services
from crisis_coach.network.models import Channel
from tests.factories import make_contact  # noqa: F401  (re-exported for the network tests)


def today_for(user) -> datetime.date:
    return timezone.localdate(timezone=user.zone)


def make_interaction(contact, *, days_ago: int = 0, **fields):
    fields.setdefault("channel", Channel.CALL)
    fields.setdefault("summary", "Coffee and catch-up")
    return services.interaction_log(
        contact=contact, happened_on=today_for(contact.owner) - datetime.timedelta(days=days_ago), **fields
    )


def make_commitment(contact, *, due_in: int = 7, what: str = "Send the report"):
    return services.commitment_create(
        contact=contact, what=what, due_on=today_for(contact.owner) + datetime.timedelta(days=due_in)
    )


@pytest.fixture
def contact(client_user):
    return make_contact(client_user, name="Dana Mentor", organisation="Acme", role="Director")


@pytest.fixture
def important_date(contact):
    return services.important_date_create(
        contact=contact, kind="birthday", label="", date=datetime.date(1980, 3, 14), repeats_yearly=True
    )


@pytest.fixture
def interaction(contact):
    return make_interaction(contact, days_ago=2)


@pytest.fixture
def commitment(contact):
    return make_commitment(contact)


@pytest.fixture
def community(client_user):
    return services.community_create(
        owner=client_user, name="Product Guild", kind="association", url="", notes=""
    )


@pytest.fixture
def participation(community):
    return services.participation_log(
        community=community, happened_on=today_for(community.owner), kind="attended", notes=""
    )
