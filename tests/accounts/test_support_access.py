"""Support access (issue 26): staff read a person's contacts, interactions and communities in the
admin only while that person allows it from the security page, and the person sees every look."""

import ast
import datetime
from pathlib import Path

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from crisis_coach.accounts.admin_support import SupportAccessAdminMixin
from crisis_coach.accounts.models import SecurityEvent, SupportAccess
from crisis_coach.accounts.support import (
    STAFF_VIEW_EVERY,
    staff_view_record,
    support_access_active,
    support_access_end,
    support_access_grant,
    users_with_support_access,
)
from crisis_coach.network.models import Community, Contact, Interaction
from tests.factories import make_community, make_contact, make_interaction, make_user
from tests.security.access_registry import ADMIN_CONTENT, ADMIN_NOT_CONTENT

pytestmark = pytest.mark.django_db

SECURITY = "/accounts/security/"
ALLOW = "/accounts/security/support-access/"
END = "/accounts/security/support-access/end/"
STAFF_VIEWED = SecurityEvent.Kind.STAFF_VIEWED


@pytest.fixture
def staff(db):
    """Support staff as the admin lets them in: a superuser with two-factor sign-in on."""
    return make_user(display_name="Sam Support", is_staff=True, is_superuser=True, two_factor=True)


@pytest.fixture
def network(client_user):
    """One of each kind of content the admin gates, all client_user's."""
    contact = make_contact(client_user, name="Dana Mentor")
    return {
        "contact": contact,
        "interaction": make_interaction(contact, summary="Talked about the layoff"),
        "community": make_community(client_user, name="Product guild"),
    }


def admin_urls(model, obj):
    label = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    return reverse(f"{label}_changelist"), reverse(f"{label}_change", args=[obj.pk])


def card(page: str) -> str:
    return page[
        page.index('data-testid="support-access"') : page.index(
            "</section>", page.index("support-access-heading")
        )
    ]


def staff_views(user):
    return list(SecurityEvent.objects.filter(user=user, kind=STAFF_VIEWED).values_list("detail", flat=True))


# The security page's card


def test_the_card_says_staff_cannot_read_your_content_until_you_allow_it(logged_in):
    page = card(logged_in.get(SECURITY).content.decode())

    assert "cannot read your contacts" in page
    assert '<option value="24" selected>24 hours</option>' in page
    assert "1 hour" in page and "3 days" in page
    assert "Allow support access" in page


def test_allowing_it_shows_it_on_until_a_time_in_the_users_zone_and_records_it(logged_in, client_user):
    client_user.time_zone = "Asia/Taipei"
    client_user.save(update_fields=["time_zone"])

    response = logged_in.post(ALLOW, {"hours": "24"}, follow=True)

    page = response.content.decode()
    # 10:00 UTC on 25 November is 18:00 in Taipei; a day later is the 26th, 18:00 there.
    assert "Support staff may read your content until 26 Nov 2026, 18:00." in page  # the message
    assert "Support staff may read your content until" in card(page)
    assert "End support access now" in card(page)
    grant = support_access_active(client_user)
    assert grant.expires_at - grant.granted_at == datetime.timedelta(hours=24)
    assert SecurityEvent.objects.filter(user=client_user, kind="support_access_granted").count() == 1
    assert "Support access granted" in page


def test_ending_it_early_shows_it_off_and_records_it(logged_in, client_user):
    logged_in.post(ALLOW, {"hours": "72"})

    response = logged_in.post(END, follow=True)

    page = response.content.decode()
    assert "Support access has ended." in page
    assert "Allow support access" in card(page)
    assert support_access_active(client_user) is None
    assert SupportAccess.objects.get(user=client_user).ended_at is not None
    assert SecurityEvent.objects.filter(user=client_user, kind="support_access_ended").count() == 1


def test_ending_it_when_it_is_off_says_so_and_records_nothing(logged_in, client_user):
    response = logged_in.post(END, follow=True)

    assert "Support access was already off." in response.content.decode()
    assert not SecurityEvent.objects.filter(user=client_user, kind="support_access_ended").exists()


def test_a_new_grant_replaces_the_open_one(client_user):
    first = support_access_grant(user=client_user, hours=72)
    second = support_access_grant(user=client_user, hours=1)

    first.refresh_from_db()
    assert first.ended_at is not None
    assert support_access_active(client_user) == second
    assert list(users_with_support_access()) == [client_user]


def test_only_the_offered_durations_are_accepted(logged_in, client_user):
    response = logged_in.post(ALLOW, {"hours": "8760"}, follow=True)

    assert "Choose how long support staff may read your content." in response.content.decode()
    assert not SupportAccess.objects.exists()
    with pytest.raises(ValueError):
        support_access_grant(user=client_user, hours=8760)


def test_granting_and_ending_take_only_a_post(logged_in):
    assert logged_in.get(ALLOW).status_code == 405
    assert logged_in.get(END).status_code == 405


def test_anonymous_visitors_cannot_grant(client):
    response = client.post(ALLOW, {"hours": "24"})

    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert not SupportAccess.objects.exists()


def test_support_access_ends_by_itself_when_its_time_is_up(logged_in, client_user, staff, network, clock):
    logged_in.post(ALLOW, {"hours": "1"})
    clock.shift(datetime.timedelta(minutes=61))

    assert "Allow support access" in card(logged_in.get(SECURITY).content.decode())
    assert support_access_active(client_user) is None
    logged_in.force_login(staff)
    changelist, _change = admin_urls(Contact, network["contact"])
    assert "Dana Mentor" not in logged_in.get(changelist).content.decode()


# The admin


@pytest.mark.parametrize("model", [Contact, Interaction, Community])
def test_staff_without_support_access_see_an_empty_list_and_no_object(client, staff, network, model):
    obj = network[model._meta.model_name]
    changelist, change = admin_urls(model, obj)
    client.force_login(staff)

    listed = client.get(changelist)
    opened = client.get(change)

    assert listed.status_code == 200
    assert listed.context["cl"].result_count == 0
    assert "Dana Mentor" not in listed.content.decode() and "Product guild" not in listed.content.decode()
    # The admin's answer to an object that does not exist: back to its index, with nothing of it.
    assert opened.status_code == 302 and opened.url == reverse("admin:index")
    for url in ("delete", "history"):
        assert client.get(change.replace("/change/", f"/{url}/")).status_code == 302
    assert staff_views(network["contact"].owner) == []


@pytest.mark.parametrize("model", [Contact, Interaction, Community])
def test_with_support_access_staff_read_it_and_the_user_sees_who_looked(
    client, staff, client_user, network, model
):
    support_access_grant(user=client_user, hours=24)
    obj = network[model._meta.model_name]
    changelist, change = admin_urls(model, obj)
    client.force_login(staff)

    assert client.get(changelist).context["cl"].result_count == 1
    assert client.get(change).status_code == 200

    plural, singular = model._meta.verbose_name_plural.capitalize(), model._meta.verbose_name.capitalize()
    assert sorted(staff_views(client_user)) == sorted(
        [f"Sam Support · {plural} list", f"Sam Support · {singular} #{obj.pk}"]
    )
    client.force_login(client_user)
    page = client.get(SECURITY).content.decode()
    assert "Viewed by our support staff" in page
    assert f"Sam Support · {singular} #{obj.pk}" in page


def test_a_contacts_page_shows_its_dates_and_commitments_inline_only_with_access(
    client, staff, client_user, network
):
    # The inlines are reached only through their contact's page, which is gated.
    _changelist, change = admin_urls(Contact, network["contact"])
    client.force_login(staff)
    assert client.get(change).status_code == 302
    support_access_grant(user=client_user, hours=1)
    page = client.get(change).content.decode()
    assert "Dana Mentor" in page and "Important dates" in page


def test_another_users_grant_does_not_open_mine(client, staff, client_user, stranger, network):
    make_contact(stranger, name="Stranger's friend")
    support_access_grant(user=stranger, hours=24)
    changelist, change = admin_urls(Contact, network["contact"])
    client.force_login(staff)

    page = client.get(changelist).content.decode()

    assert "Stranger&#x27;s friend" in page
    assert "Dana Mentor" not in page
    assert client.get(change).status_code == 302
    assert staff_views(client_user) == []
    assert staff_views(stranger) == ["Sam Support · Contacts list"]


def test_ending_it_closes_the_admin_at_once(client, staff, client_user, network):
    support_access_grant(user=client_user, hours=24)
    support_access_end(user=client_user)
    changelist, change = admin_urls(Contact, network["contact"])
    client.force_login(staff)

    assert client.get(changelist).context["cl"].result_count == 0
    assert client.get(change).status_code == 302


def test_people_who_are_not_staff_cannot_reach_the_admin_even_with_a_grant(client, client_user, network):
    support_access_grant(user=client_user, hours=24)
    someone = make_user(two_factor=True)
    client.force_login(someone)
    changelist, change = admin_urls(Contact, network["contact"])

    assert client.get(changelist, follow=True).status_code == 403
    assert client.get(change, follow=True).status_code == 403
    assert staff_views(client_user) == []


def test_reloading_the_list_records_one_view_per_ten_minutes(client, staff, client_user, network, clock):
    support_access_grant(user=client_user, hours=24)
    changelist, _change = admin_urls(Contact, network["contact"])
    client.force_login(staff)

    for query in ("", "?o=2", "?q=Dana", ""):
        client.get(changelist + query)
    assert staff_views(client_user) == ["Sam Support · Contacts list"]

    clock.shift(STAFF_VIEW_EVERY + datetime.timedelta(seconds=1))
    client.get(changelist)
    assert staff_views(client_user) == ["Sam Support · Contacts list"] * 2


def test_each_object_and_each_staff_member_is_a_line_of_its_own(staff, client_user):
    colleague = make_user(display_name="Kim Colleague", is_staff=True)
    staff_view_record(staff=staff, owner=client_user, what="Contact #1")
    staff_view_record(staff=staff, owner=client_user, what="Contact #2")
    staff_view_record(staff=colleague, owner=client_user, what="Contact #1")
    assert not staff_view_record(staff=staff, owner=client_user, what="Contact #1")

    assert sorted(staff_views(client_user)) == [
        "Kim Colleague · Contact #1",
        "Sam Support · Contact #1",
        "Sam Support · Contact #2",
    ]


def test_the_line_is_written_in_the_owners_language(staff, client_user, network):
    client_user.language = "zh-hant"
    client_user.save(update_fields=["language"])
    support_access_grant(user=client_user, hours=24)

    browser = Client()
    browser.force_login(staff)
    browser.get(admin_urls(Contact, network["contact"])[0])

    (detail,) = staff_views(client_user)
    assert detail.startswith("Sam Support · ") and "Contacts" not in detail


def owners_with_contacts(count):
    owners = [make_user() for _ in range(count)]
    for owner in owners:
        make_contact(owner, name="Someone")
        make_contact(owner, name="Someone else")
        support_access_grant(user=owner, hours=24)
    return owners


@pytest.mark.parametrize("count", [1, 20])
def test_the_list_takes_as_many_queries_for_one_owner_as_for_twenty(
    client, staff, django_assert_num_queries, count
):
    owners = owners_with_contacts(count)
    client.force_login(staff)
    changelist = reverse("admin:network_contact_changelist")
    client.get(reverse("admin:index"))  # the session's first request writes its "last seen"

    # session, staff, two-factor (for the view and again for the page's menu), a savepoint pair; the
    # list's two counts and its rows; then the owners on the page, their languages, their recent
    # views and one insert for all of them.
    with django_assert_num_queries(13):
        response = client.get(changelist)

    assert response.context["cl"].result_count == 2 * count
    assert all(len(staff_views(owner)) == 1 for owner in owners)


def test_deleting_an_account_in_the_admin_names_none_of_its_content(client, staff, client_user, network):
    client.force_login(staff)

    page = client.get(reverse("admin:accounts_user_delete", args=[client_user.pk])).content.decode()

    assert "Alex Client" in page
    assert "Dana Mentor" not in page and "Product guild" not in page
    assert "Contacts: 1" in page  # the counts say what goes with it


def test_the_user_admin_shows_the_account_and_none_of_its_content(client, staff, client_user, network):
    client.force_login(staff)

    page = client.get(reverse("admin:accounts_user_change", args=[client_user.pk])).content.decode()

    assert client_user.email in page
    assert "Dana Mentor" not in page and "Product guild" not in page


def test_every_admin_is_gated_or_says_why_it_shows_no_content():
    """A new admin of people's content must gate it: each registered admin is in the registry's
    ADMIN_CONTENT (and uses the mixin) or ADMIN_NOT_CONTENT (with why)."""
    registered = {model._meta.label: model_admin for model, model_admin in admin.site._registry.items()}

    unlisted = set(registered) - set(ADMIN_CONTENT) - set(ADMIN_NOT_CONTENT)
    assert not unlisted, f"Add these admins to tests/security/access_registry.py: {sorted(unlisted)}"
    assert not (set(ADMIN_CONTENT) | set(ADMIN_NOT_CONTENT)) - set(registered), "stale registry entries"
    ungated = [label for label in ADMIN_CONTENT if not isinstance(registered[label], SupportAccessAdminMixin)]
    assert not ungated, f"These admins show content without support access: {ungated}"


def test_every_test_the_admin_registry_names_exists():
    root = Path(__file__).resolve().parent.parent.parent
    for node in {node for nodes in ADMIN_CONTENT.values() for node in nodes}:
        path, function = node.split("::")
        module = ast.parse((root / path).read_text())
        defined = {item.name for item in module.body if isinstance(item, ast.FunctionDef)}
        assert function in defined, f"{node} does not exist"
