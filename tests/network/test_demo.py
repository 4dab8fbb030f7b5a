import pytest

from crisis_coach.demo.seed import seed_demo
from crisis_coach.network import selectors
from crisis_coach.network.models import Contact, RelationshipCadence
from tests.network.conftest import today_for

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def test_demo_network_has_one_overdue_a_birthday_this_week_and_a_promise_due():
    people = seed_demo()
    client = people.client
    today = today_for(client)
    assert Contact.objects.filter(owner=client).count() == 6
    due = list(selectors.contacts_due_for_touch(user=client, today=today))
    # Overdue (past her latest gap) first, then due; Sam Chen is snoozed.
    assert [c.name for c in due] == ["Mariam Saleh", "Leila Haddad"]
    assert [c.touch_status(today).state for c in due] == ["overdue", "due"]
    sam = Contact.objects.get(owner=client, name="Sam Chen")
    assert sam.touch_status(today).state == "snoozed"
    assert RelationshipCadence.objects.filter(owner=client).count() == 2
    assert due[1].cadence_days == 30 and due[1].latest_gap_days == 60  # her own default for peers
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
    assert before == 6
