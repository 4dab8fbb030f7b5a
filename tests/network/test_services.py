"""Services and the database's guards, on real PostgreSQL."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from crisis_coach.network import selectors, services
from crisis_coach.network.models import Commitment, Contact, Interaction
from tests.network.conftest import make_commitment, make_contact, make_interaction, today_for

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def test_logging_a_touch_sets_last_contacted(contact):
    make_interaction(contact, days_ago=3)
    contact.refresh_from_db()
    assert contact.last_contacted_on == today_for(contact.owner) - datetime.timedelta(days=3)


def test_a_back_dated_touch_does_not_move_last_contacted_backwards(contact):
    make_interaction(contact, days_ago=1)
    make_interaction(contact, days_ago=10)
    contact.refresh_from_db()
    assert contact.last_contacted_on == today_for(contact.owner) - datetime.timedelta(days=1)


def test_deleting_the_latest_touch_falls_back_to_the_one_before(contact):
    make_interaction(contact, days_ago=10)
    latest = make_interaction(contact, days_ago=1)
    services.interaction_delete(interaction=latest)
    contact.refresh_from_db()
    assert contact.last_contacted_on == today_for(contact.owner) - datetime.timedelta(days=10)


def test_new_contact_is_due_for_a_touch_and_leaves_the_list_once_touched(client_user):
    contact = make_contact(client_user, cadence_days=14)
    today = today_for(client_user)
    assert contact.is_due_for_touch(today)
    assert list(selectors.contacts_due_for_touch(user=client_user, today=today)) == [contact]
    services.touch_log_quick(contact=contact, today=today)
    contact.refresh_from_db()
    assert not contact.is_due_for_touch(today)
    assert not selectors.contacts_due_for_touch(user=client_user, today=today).exists()


def test_due_list_in_sql_agrees_with_the_rule(client_user):
    today = today_for(client_user)
    fresh = make_contact(client_user, name="Fresh", cadence_days=30)
    make_interaction(fresh, days_ago=29)
    on_the_day = make_contact(client_user, name="On the day", cadence_days=30)
    make_interaction(on_the_day, days_ago=30)
    late = make_contact(client_user, name="Late", cadence_days=7)
    make_interaction(late, days_ago=40)
    due = list(selectors.contacts_due_for_touch(user=client_user, today=today))
    assert due == [late, on_the_day]
    assert all(contact.is_due_for_touch(today) for contact in due)
    assert due[0].touch_due == late.touch_due_on


def test_contact_list_sorts_by_most_overdue(client_user):
    a = make_contact(client_user, name="A", cadence_days=10)
    make_interaction(a, days_ago=11)
    b = make_contact(client_user, name="B", cadence_days=10)
    make_interaction(b, days_ago=30)
    c = make_contact(client_user, name="C", cadence_days=10)
    make_interaction(c, days_ago=1)
    ordered = selectors.contact_list(user=client_user, sort="overdue", today=today_for(client_user))
    assert [x.name for x in ordered] == ["B", "A", "C"]


def test_database_refuses_importance_outside_1_to_5(contact):
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.filter(pk=contact.pk).update(importance=6)


def test_database_refuses_a_cadence_below_one(contact):
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.filter(pk=contact.pk).update(cadence_days=0)


def test_database_refuses_a_kept_promise_without_a_settled_date(commitment):
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.filter(pk=commitment.pk).update(status="kept")


def test_service_refuses_a_negative_cadence(client_user):
    with pytest.raises(ValidationError):
        make_contact(client_user, cadence_days=-3)


def test_marking_kept_after_the_due_day_is_kept_late(contact):
    commitment = make_commitment(contact, due_in=-2)
    services.commitment_mark_kept(commitment=commitment, today=today_for(contact.owner))
    assert commitment.status == "kept"
    assert not commitment.kept_on_time


def test_reopening_a_promise_clears_its_settled_date(commitment):
    services.commitment_mark_broken(commitment=commitment)
    services.commitment_reopen(commitment=commitment)
    commitment.refresh_from_db()
    assert commitment.status == "open"
    assert commitment.resolved_on is None


def test_overall_trust_record_counts_every_contact(client_user):
    today = today_for(client_user)
    first = make_contact(client_user, name="First")
    second = make_contact(client_user, name="Second")
    services.commitment_mark_kept(commitment=make_commitment(first, due_in=0), today=today)
    services.commitment_mark_broken(commitment=make_commitment(second, due_in=3), today=today)
    make_commitment(second, due_in=5)  # not yet due: does not count
    record = selectors.trust_record_for_user(user=client_user, today=today)
    assert (record.kept_on_time, record.counted) == (1, 2)


def test_congratulating_logs_a_touch_and_hides_the_date_until_next_year(contact):
    today = datetime.date(2026, 6, 10)
    birthday = services.important_date_create(
        contact=contact, kind="birthday", label="", date=datetime.date(1990, 6, 12), repeats_yearly=True
    )
    assert [item.important_date for item in selectors.upcoming_dates(user=contact.owner, today=today)] == [
        birthday
    ]
    services.important_date_congratulate(important_date=birthday, today=today)
    assert selectors.upcoming_dates(user=contact.owner, today=today) == []
    assert Interaction.objects.filter(contact=contact, summary__startswith="Sent congratulations").exists()
    next_year = selectors.upcoming_dates(user=contact.owner, today=datetime.date(2027, 6, 1))
    assert [item.occurrence for item in next_year] == [datetime.date(2027, 6, 12)]


def test_upcoming_dates_cross_the_year_end(contact):
    services.important_date_create(
        contact=contact,
        kind="work_anniversary",
        label="",
        date=datetime.date(2019, 1, 3),
        repeats_yearly=True,
    )
    upcoming = selectors.upcoming_dates(user=contact.owner, today=datetime.date(2026, 12, 28))
    assert [(item.occurrence, item.days_away) for item in upcoming] == [(datetime.date(2027, 1, 3), 6)]


def test_a_named_other_date_needs_a_name(contact):
    with pytest.raises(ValidationError):
        services.important_date_create(
            contact=contact, kind="other", label="", date=datetime.date(2026, 1, 1), repeats_yearly=False
        )


def test_an_open_promise_is_overdue_only_after_its_due_day(contact):
    commitment = make_commitment(contact, due_in=0)
    today = today_for(contact.owner)
    assert not commitment.is_overdue(today)
    assert commitment.is_overdue(today + datetime.timedelta(days=1))
    services.commitment_mark_broken(commitment=commitment, today=today)
    assert not commitment.is_overdue(today + datetime.timedelta(days=1))


def test_contacts_are_private_to_their_owner_in_every_list(client_user, stranger, contact, commitment):
    today = today_for(stranger)
    assert not selectors.contact_list(user=stranger, today=today).exists()
    assert not selectors.contacts_due_for_touch(user=stranger, today=today).exists()
    assert not selectors.commitments_open(user=stranger).exists()
    assert selectors.trust_record_for_user(user=stranger, today=today).counted == 0
