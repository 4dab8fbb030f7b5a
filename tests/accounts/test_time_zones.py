"""Sign-up takes the browser's time zone (UTC without JavaScript); settings offer the zones grouped by
region, with city names in the reader's language (CLDR, through Babel)."""

import re

import pytest
from django.urls import reverse

from crisis_coach.accounts.models import User
from crisis_coach.accounts.time_zones import zone_choices
from tests.accounts.test_accounts import SIGNUP
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def selected_zone(page: str) -> str:
    select = re.search(r'<select name="time_zone".*?</select>', page, re.S).group(0)
    return re.search(r'<option value="([^"]+)" selected>', select).group(1)


def test_signup_stores_the_zone_the_browser_reported(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "time_zone": "Asia/Taipei"})
    assert response.status_code == 302
    assert User.objects.get().time_zone == "Asia/Taipei"


@pytest.mark.parametrize("sent", [{}, {"time_zone": ""}], ids=["no field", "empty"])
def test_signup_without_javascript_stores_utc(client, sent):
    response = client.post(reverse("account_signup"), {**SIGNUP, **sent})
    assert response.status_code == 302
    assert User.objects.get().time_zone == "UTC"


def test_signup_stores_the_current_name_of_a_zone_a_browser_reports_by_an_old_one(client):
    client.post(reverse("account_signup"), {**SIGNUP, "time_zone": "Asia/Calcutta"})
    assert User.objects.get().time_zone == "Asia/Kolkata"


def test_signup_with_an_unknown_zone_says_so_at_the_field_and_keeps_what_was_typed(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "time_zone": "Mars/Olympus_Mons"})
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r'<select name="time_zone"[^>]*class="[^"]*is-invalid', page)
    assert "Select a valid choice. Mars/Olympus_Mons is not one of the available choices." in page
    assert 'value="Mei Lin"' in page and 'value="mei.lin@example.test"' in page.lower()
    assert not User.objects.exists()


def test_signup_page_offers_the_grouped_list_starting_on_utc_and_asks_the_browser(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert selected_zone(page) == "UTC"
    assert 'data-zone-detect="true"' in page
    assert '<optgroup label="Asia">' in page
    assert '<script src="/static/js/time_zone.js" defer></script>' in page


def test_signup_shown_again_keeps_the_chosen_zone_and_does_not_detect_over_it(client):
    response = client.post(
        reverse("account_signup"),
        {**SIGNUP, "password2": "not-the-same-at-all", "time_zone": "Europe/Lisbon"},
    )
    page = response.content.decode()
    assert selected_zone(page) == "Europe/Lisbon"
    assert "data-zone-detect" not in page


@pytest.mark.parametrize(
    ("language", "region", "city"),
    [
        ("en", "Asia", "Taipei (Taiwan)"),
        ("zh-hant", "亞洲", "台北（台灣）"),
        ("ar", "آسيا", "تايبيه (تايوان)"),
    ],
)
def test_settings_group_zones_by_region_with_the_city_in_the_users_language(client, language, region, city):
    user = make_user(language=language, time_zone="Asia/Taipei")
    client.force_login(user)
    page = client.get(reverse("accounts:settings"), headers={"accept-language": language}).content.decode()
    asia = re.search(rf'<optgroup label="{region}">(.*?)</optgroup>', page, re.S).group(1)
    assert f'<option value="Asia/Taipei" selected>{city}</option>' in asia
    assert page.count("<optgroup") == 10  # Africa … Pacific Ocean; UTC stands alone at the top
    assert "US/Eastern" not in page and "Etc/GMT+5" not in page  # aliases are not offered twice


def test_settings_keep_a_stored_zone_the_list_leaves_out_selected(logged_in, client_user):
    client_user.time_zone = "US/Eastern"
    client_user.save(update_fields=["time_zone"])
    page = logged_in.get(reverse("accounts:settings")).content.decode()
    assert selected_zone(page) == "US/Eastern"
    assert '<optgroup label="Other">' in page


def test_settings_reject_an_unknown_zone_at_the_field(logged_in, client_user):
    response = logged_in.post(
        reverse("accounts:settings"), {"display_name": "Kept", "language": "en", "time_zone": "localtime"}
    )
    assert "Select a valid choice." in response.content.decode()
    client_user.refresh_from_db()
    assert client_user.time_zone == "UTC"


def test_the_list_is_built_once_per_language_not_per_page(logged_in):
    zone_choices.cache_clear()
    for _ in range(3):
        logged_in.get(reverse("accounts:settings"))
    assert zone_choices.cache_info().misses == 1
    assert zone_choices.cache_info().hits == 2
