import pytest

from crisis_coach.demo.seed import seed_demo
from crisis_coach.network import selectors
from crisis_coach.network.models import Contact
from tests.network.conftest import today_for

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def test_demo_network_has_one_overdue_a_birthday_this_week_and_a_promise_due():
    people = seed_demo()
    client = people.client
    today = today_for(client)
    assert Contact.objects.filter(owner=client).count() == 4
    assert [c.name for c in selectors.contacts_due_for_touch(user=client, today=today)] == ["Mariam Saleh"]
    upcoming = selectors.upcoming_dates(user=client, today=today, days=7)
    assert [(u.contact.name, u.important_date.kind) for u in upcoming] == [("Daniel Okafor", "birthday")]
    due = selectors.commitments_due_soon(user=client, today=today, days=7)
    assert [c.what for c in due] == ["Send my updated CV"]
    assert selectors.trust_record_for_user(user=client, today=today).counted == 1
    assert not Contact.objects.filter(owner=people.coach).exists()


def test_seeding_the_demo_twice_adds_nothing(client):
    seed_demo()
    before = Contact.objects.count()
    seed_demo()
    assert Contact.objects.count() == before
    assert before == 4
