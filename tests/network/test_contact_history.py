"""A contact's history: touches, promises, dates and the setbacks they were part of, newest first, by page."""

import datetime

import pytest
from django.urls import reverse

from crisis_coach.incidents.services import incident_trash
from crisis_coach.network import selectors, services
from crisis_coach.network.models import Interaction
from tests.factories import make_incident, make_stakeholder
from tests.network.conftest import make_interaction

pytestmark = pytest.mark.django_db

# Every page: session, user, coach profile (navbar), savepoint pair (ATOMIC_REQUESTS in a test) = 5.
# Contact detail: + contact + commitments + dates + setbacks aside + the history's count + its four kinds.
CONTACT_DETAIL_QUERIES = 14


def day(n: int) -> datetime.date:
    return datetime.date(2026, 11, n)


def kinds_and_days(entries):
    return [(entry.kind, entry.on) for entry in entries]


def test_the_timeline_merges_every_kind_newest_first(contact, client_user):
    services.interaction_log(contact=contact, happened_on=day(20), channel="call", summary="Call")
    promise = services.commitment_create(contact=contact, what="Send the deck", due_on=day(22))
    services.important_date_create(
        contact=contact, kind="birthday", label="", date=datetime.date(1980, 3, 14), repeats_yearly=True
    )
    incident = make_incident(client_user, occurred_on=day(18))
    make_stakeholder(incident, contact=contact)
    kept = services.commitment_create(contact=contact, what="Intro to Sam", due_on=day(30))
    services.commitment_mark_kept(commitment=kept, today=day(19))

    entries = list(selectors.contact_history(contact=contact)[0:25])

    assert kinds_and_days(entries) == [
        ("commitment", day(22)),  # open: dated by its due day
        ("interaction", day(20)),
        ("commitment", day(19)),  # settled: dated by the day it was kept
        ("setback", day(18)),
        ("date", datetime.date(1980, 3, 14)),
    ]
    assert entries[0].item == promise
    assert entries[3].item.incident == incident


def test_on_one_day_the_touch_comes_before_the_promise_and_the_setback(contact, client_user):
    make_stakeholder(make_incident(client_user, occurred_on=day(20)), contact=contact)
    services.commitment_create(contact=contact, what="Call back", due_on=day(20))
    services.interaction_log(contact=contact, happened_on=day(20), channel="call", summary="Call")

    kinds = [entry.kind for entry in selectors.contact_history(contact=contact)[0:25]]

    assert kinds == ["interaction", "commitment", "setback"]


def test_trashed_setbacks_and_other_peoples_rows_stay_out(contact, client_user):
    trashed = make_incident(client_user, title="Gone")
    make_stakeholder(trashed, contact=contact)
    incident_trash(incident=trashed)
    other = services.contact_create(owner=client_user, name="Someone else")
    services.interaction_log(contact=other, happened_on=day(20), channel="call", summary="Not theirs")

    history = selectors.contact_history(contact=contact)

    assert history.count() == 0 and list(history[0:25]) == []


def test_the_history_pages_through_a_long_past(logged_in, contact):
    Interaction.objects.bulk_create(
        Interaction(contact=contact, happened_on=day(1) - datetime.timedelta(days=n), summary=f"Touch {n:02}")
        for n in range(30)
    )
    url = reverse("network:contact_detail", args=[contact.public_id])

    first = logged_in.get(url).content.decode()
    second = logged_in.get(url, {"page": 2}).content.decode()

    assert first.count('data-testid="history-interaction"') == 25
    assert "Touch 00" in first and "Touch 24" in first and "Touch 25" not in first
    assert second.count('data-testid="history-interaction"') == 5
    assert "Touch 25" in second and "Touch 29" in second and "Page 2 of 2" in second


def test_a_later_page_merges_right_across_kinds(contact):
    for n in range(1, 21):
        services.interaction_log(contact=contact, happened_on=day(n), channel="call", summary=f"T{n}")
        services.commitment_create(contact=contact, what=f"P{n}", due_on=day(n))

    history = selectors.contact_history(contact=contact)
    everything = kinds_and_days(history[0:40])
    second_page = kinds_and_days(history[25:40])

    assert history.count() == 40
    assert everything == sorted(everything, key=lambda row: (row[1], row[0] == "interaction"), reverse=True)
    assert second_page == everything[25:]


def fill_history(contact, size: int) -> None:
    """`size` of each kind, the setbacks in the owner's cases."""
    for n in range(size):
        on = day(20) - datetime.timedelta(days=n)
        make_interaction(contact, days_ago=n + 5)
        services.commitment_create(contact=contact, what=f"Promise {n}", due_on=on)
        services.important_date_create(contact=contact, kind="other", label=f"Date {n}", date=on)
    for n in range(min(size, 3) if size > 1 else size):
        make_stakeholder(make_incident(contact.owner, title=f"Setback {n}"), contact=contact)


@pytest.mark.parametrize("size", [1, 50])
def test_the_contact_page_costs_the_same_for_a_short_and_a_long_history(
    logged_in, contact, django_assert_num_queries, size
):
    fill_history(contact, size)
    with django_assert_num_queries(CONTACT_DETAIL_QUERIES):
        response = logged_in.get(reverse("network:contact_detail", args=[contact.public_id]))
    page = response.content.decode()
    assert page.count('data-testid="history-') == min(size * 3 + min(size, 3), 25)
    assert 'data-testid="history-setback"' in page or size > 1
