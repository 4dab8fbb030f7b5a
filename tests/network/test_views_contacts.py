"""Contacts, their interactions and important dates, through Django's test client."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis_coach.network.models import (
    Contact,
    ImportantDate,
    Interaction,
)
from tests.factories import make_user
from tests.network.conftest import make_contact, make_interaction, today_for

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

CONTACT = {
    "name": "Rana Haddad",
    "organisation": "Northwind",
    "role": "Head of Sales",
    "relationship": "manager",
    "importance": "5",
    "cadence_days": "14",
    "how_met": "My first manager",
    "profile_url": "https://example.com/rana",
    "notes": "",
}


def content(response) -> str:
    return response.content.decode()


def test_contact_list_needs_login(client):
    response = client.get(reverse("network:contacts"))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_empty_contact_list_invites_a_first_contact(logged_in):
    response = logged_in.get(reverse("network:contacts"))
    assert response.status_code == 200
    assert "Add your first contact" in content(response)


def test_adding_a_contact_redirects_to_their_page(logged_in, client_user):
    response = logged_in.post(reverse("network:contact_create"), CONTACT)
    contact = Contact.objects.get(owner=client_user)
    assert response.status_code == 302
    assert response.url == reverse("network:contact_detail", args=[contact.public_id])
    assert contact.cadence_days == 14
    assert contact.added_on == today_for(client_user)
    page = logged_in.get(response.url)
    assert "Rana Haddad" in content(page)
    assert "Due today" in content(page)


def test_negative_cadence_is_a_field_error_and_keeps_what_was_typed(logged_in):
    response = logged_in.post(reverse("network:contact_create"), {**CONTACT, "cadence_days": "-3"})
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 1." in content(response)
    assert 'value="Rana Haddad"' in content(response)
    assert 'value="-3"' in content(response)
    assert not Contact.objects.exists()


def test_importance_six_is_a_field_error(logged_in):
    response = logged_in.post(reverse("network:contact_create"), {**CONTACT, "importance": "6"})
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 5." in content(response)


def test_a_profile_link_that_is_not_a_url_is_a_field_error(logged_in):
    response = logged_in.post(reverse("network:contact_create"), {**CONTACT, "profile_url": "not a link"})
    assert response.status_code == 200
    assert "Enter a valid URL." in content(response)
    assert 'value="not a link"' in content(response)
    assert not Contact.objects.exists()


def test_editing_a_contact(logged_in, contact):
    url = reverse("network:contact_edit", args=[contact.public_id])
    assert logged_in.get(url).status_code == 200
    response = logged_in.post(url, {**CONTACT, "name": "Dana M.", "version": "1"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.name == "Dana M."


def test_deleting_a_contact_asks_first(logged_in, contact):
    url = reverse("network:contact_delete", args=[contact.public_id])
    response = logged_in.get(url)
    assert response.status_code == 200
    assert "Yes, delete" in content(response)
    assert Contact.objects.filter(pk=contact.pk).exists()
    response = logged_in.post(url)
    assert response.status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_contact_list_search_and_relationship_filter(logged_in, client_user):
    make_contact(client_user, name="Omar Recruiter", relationship="recruiter", organisation="TalentCo")
    make_contact(client_user, name="Lena Peer", relationship="peer")
    response = logged_in.get(reverse("network:contacts"), {"q": "talent"})
    assert "Omar Recruiter" in content(response)
    assert "Lena Peer" not in content(response)
    response = logged_in.get(reverse("network:contacts"), {"relationship": "peer"})
    assert "Lena Peer" in content(response)
    assert "Omar Recruiter" not in content(response)


def test_contact_list_ignores_nonsense_filters(logged_in, contact):
    response = logged_in.get(
        reverse("network:contacts"), {"sort": "drop table", "relationship": "x", "page": "z"}
    )
    assert response.status_code == 200
    assert contact.name in content(response)


def test_a_garbled_query_string_shows_the_list_with_defaults_and_no_error(logged_in, client_user):
    make_contact(client_user, name="Lena Peer", relationship="peer", importance=2)
    make_contact(client_user, name="Aziz Mentor", relationship="mentor", importance=5)
    response = logged_in.get(
        reverse("network:contacts"), {"sort": "drop table", "relationship": "peer", "q": "x" * 500}
    )
    page = content(response)
    assert response.status_code == 200
    assert "is-invalid" not in page and "invalid-feedback" not in page
    # The values that fit are applied and shown; the others are the defaults, in the bar too.
    assert "Lena Peer" in page and "Aziz Mentor" not in page
    assert '<option value="peer" selected>' in page
    bar = page[page.rindex('role="search"') :]  # the list's filter bar, after the navbar's search box
    bar = bar[: bar.index("</form>")]
    assert "drop table" not in bar and 'name="q" value=' not in bar
    assert response.context["filters"].values()["sort"] == "importance"


def test_the_filter_bar_labels_each_control(logged_in, contact):
    page = content(logged_in.get(reverse("network:contacts"), {"q": "Rana", "due": "on"}))
    for name in ("q", "relationship", "sort", "due"):
        assert f'for="id_{name}"' in page and f'id="id_{name}"' in page
    assert '<input type="search" name="q" value="Rana"' in page
    assert 'id="id_due" checked' in page


def test_contact_list_is_paginated_by_25_and_keeps_filters(logged_in, client_user):
    for number in range(30):
        make_contact(client_user, name=f"Peer {number:02}", relationship="peer")
    response = logged_in.get(reverse("network:contacts"), {"relationship": "peer", "sort": "name"})
    assert content(response).count('data-testid="contact-row"') == 25
    assert "?relationship=peer&amp;sort=name&amp;page=2" in content(response)
    second = logged_in.get(reverse("network:contacts"), {"relationship": "peer", "sort": "name", "page": 2})
    assert content(second).count('data-testid="contact-row"') == 5
    assert "Peer 29" in content(second)


def test_logging_an_interaction_shows_in_history_newest_first(logged_in, contact):
    make_interaction(contact, days_ago=20, summary="Old lunch")
    url = reverse("network:interaction_create", args=[contact.public_id])
    response = logged_in.post(
        url,
        {
            "happened_on": today_for(contact.owner).isoformat(),
            "channel": "meeting",
            "summary": "Talked about the reorg",
            "shared": "An article on change management",
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.last_contacted_on == today_for(contact.owner)
    page = content(logged_in.get(reverse("network:contact_detail", args=[contact.public_id])))
    assert page.index("Talked about the reorg") < page.index("Old lunch")
    assert "An article on change management" in page


def test_interaction_on_31_february_is_a_field_error_and_keeps_input(logged_in, contact):
    url = reverse("network:interaction_create", args=[contact.public_id])
    response = logged_in.post(
        url, {"happened_on": "2026-02-31", "channel": "call", "summary": "Phone catch-up"}
    )
    assert response.status_code == 200
    assert "Enter a valid date." in content(response)
    assert 'value="Phone catch-up"' in content(response)
    assert not Interaction.objects.exists()


def test_interaction_in_the_future_is_refused(logged_in, contact):
    tomorrow = today_for(contact.owner) + datetime.timedelta(days=1)
    url = reverse("network:interaction_create", args=[contact.public_id])
    response = logged_in.post(
        url, {"happened_on": tomorrow.isoformat(), "channel": "call", "summary": "Soon"}
    )
    assert response.status_code == 200
    assert "This date is in the future." in content(response)


def test_deleting_an_interaction(logged_in, interaction):
    response = logged_in.post(reverse("network:interaction_delete", args=[interaction.public_id]))
    assert response.status_code == 302
    assert not Interaction.objects.exists()


def test_adding_an_important_date(logged_in, contact):
    url = reverse("network:important_date_create", args=[contact.public_id])
    response = logged_in.post(
        url, {"kind": "birthday", "label": "", "date": "1985-07-04", "repeats_yearly": "on"}
    )
    assert response.status_code == 302
    assert ImportantDate.objects.get(contact=contact).date == datetime.date(1985, 7, 4)


def test_important_date_on_31_february_is_a_field_error(logged_in, contact):
    url = reverse("network:important_date_create", args=[contact.public_id])
    response = logged_in.post(url, {"kind": "other", "label": "Wedding", "date": "2026-02-31"})
    assert response.status_code == 200
    assert "Enter a valid date." in content(response)
    assert 'value="Wedding"' in content(response)
    assert 'value="2026-02-31"' in content(response)


def test_other_date_without_a_name_is_a_field_error(logged_in, contact):
    url = reverse("network:important_date_create", args=[contact.public_id])
    response = logged_in.post(url, {"kind": "other", "label": "", "date": "2026-05-01"})
    assert response.status_code == 200
    assert "Give this date a name" in content(response)


def test_editing_and_removing_an_important_date(logged_in, important_date):
    url = reverse("network:important_date_edit", args=[important_date.public_id])
    response = logged_in.post(
        url, {"kind": "work_anniversary", "label": "", "date": "2015-09-01", "version": "1"}
    )
    assert response.status_code == 302
    important_date.refresh_from_db()
    assert important_date.kind == "work_anniversary"
    assert not important_date.repeats_yearly
    logged_in.post(reverse("network:important_date_delete", args=[important_date.public_id]))
    assert not ImportantDate.objects.exists()


def test_pages_render_in_arabic_right_to_left(logged_in, client_user, contact):
    client_user.language = "ar"
    client_user.save()
    response = logged_in.get(reverse("network:contacts"), HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    assert 'dir="rtl"' in content(response)


def test_today_is_the_users_own_date_not_the_servers(client):
    """UTC+14 and UTC-11 are 25 hours apart, so their calendars never agree on the date."""
    added = {}
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        user = make_user(time_zone=zone)
        client.force_login(user)
        client.post(reverse("network:contact_create"), {**CONTACT, "name": zone})
        contact = Contact.objects.get(owner=user)
        assert contact.added_on == timezone.localdate(timezone=ZoneInfo(zone))
        added[zone] = contact.added_on
    assert added["Pacific/Kiritimati"] > added["Pacific/Pago_Pago"]


def test_contact_list_filters_to_those_due_and_sorts_most_overdue_first(logged_in, client_user):
    slightly = make_contact(client_user, name="Slightly Late", cadence_days=10)
    make_interaction(slightly, days_ago=12)
    very = make_contact(client_user, name="Very Late", cadence_days=10)
    make_interaction(very, days_ago=40)
    fine = make_contact(client_user, name="All Fine", cadence_days=10)
    make_interaction(fine, days_ago=1)
    page = content(logged_in.get(reverse("network:contacts"), {"due": "on", "sort": "overdue"}))
    assert "All Fine" not in page
    assert page.index("Very Late") < page.index("Slightly Late")
    assert "Due for 30 days" in page  # no latest gap: due, never "overdue" (test_cadence.py)
