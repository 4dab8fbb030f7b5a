"""Lists cost the same number of queries for 1 contact as for 100 (pinned, so a regression fails)."""

import datetime

import pytest
from django.urls import reverse

from crisis_coach.network import services
from crisis_coach.network.models import Commitment, Contact, ImportantDate
from tests.network.conftest import today_for

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

# Every page: session, user, coach profile (navbar), savepoint pair (ATOMIC_REQUESTS in a test) = 5.
# Contact list: + count + page rows.
CONTACT_LIST_QUERIES = 7
# Keep in touch: + due count + due rows + important dates + commitments coming due + trust record.
KEEP_IN_TOUCH_QUERIES = 10


def fill_network(user, size: int) -> None:
    """`size` contacts, each overdue, with a birthday soon and a promise coming due."""
    today = today_for(user)
    long_ago = today - datetime.timedelta(days=90)
    contacts = Contact.objects.bulk_create(
        Contact(
            owner=user, name=f"Person {n:03}", cadence_days=30, added_on=long_ago, last_contacted_on=long_ago
        )
        for n in range(size)
    )
    soon = today + datetime.timedelta(days=2)
    ImportantDate.objects.bulk_create(
        ImportantDate(
            contact=contact, kind="birthday", date=datetime.date(2000, soon.month, min(soon.day, 28))
        )
        for contact in contacts
    )
    Commitment.objects.bulk_create(
        Commitment(contact=contact, what="Call", due_on=soon) for contact in contacts
    )
    services.commitment_mark_kept(
        commitment=Commitment.objects.filter(contact__owner=user).first(), today=today
    )


@pytest.mark.parametrize("size", [1, 100])
def test_contact_list_query_count_does_not_grow(logged_in, client_user, django_assert_num_queries, size):
    fill_network(client_user, size)
    with django_assert_num_queries(CONTACT_LIST_QUERIES):
        response = logged_in.get(reverse("network:contacts"), {"sort": "overdue"})
    assert response.content.decode().count('data-testid="contact-row"') == min(size, 25)


@pytest.mark.parametrize("size", [1, 100])
def test_keep_in_touch_query_count_does_not_grow(logged_in, client_user, django_assert_num_queries, size):
    fill_network(client_user, size)
    with django_assert_num_queries(KEEP_IN_TOUCH_QUERIES):
        response = logged_in.get(reverse("network:keep_in_touch"))
    page = response.content.decode()
    assert "Person 000" in page
    assert "Sent congratulations" in page
