"""The navbar's search box: every signed-in page has it, as a plain GET form (no JavaScript)."""

from django.urls import reverse


def test_the_navbar_has_a_search_box_for_the_signed_in(logged_in, client):
    page = logged_in.get(reverse("reminders:today")).content.decode()
    assert 'data-testid="navbar-search"' in page and 'name="q"' in page and 'type="search"' in page
    assert 'aria-label="Search your setbacks and network"' in page


def test_the_navbar_has_no_search_box_for_strangers_to_the_site(db, client):
    assert 'data-testid="navbar-search"' not in client.get(reverse("account_login")).content.decode()
