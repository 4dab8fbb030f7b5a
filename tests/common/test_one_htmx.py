"""Every page loads htmx once, from the base layout: a second copy (the keep-in-touch page had its own,
unminified) would send each one-click button's request twice and weigh 15 KB more."""

import pytest
from django.urls import reverse

from tests.factories import make_contact

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["network:keep_in_touch", "network:contacts", "reminders:today", "incidents:list"]
)
def test_a_page_loads_htmx_once(client, client_user, url):
    make_contact(client_user, name="Dana Mentor")
    client.force_login(client_user)

    page = client.get(reverse(url)).content.decode()

    assert page.count("htmx-2") == 1
