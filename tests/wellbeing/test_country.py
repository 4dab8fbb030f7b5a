"""The person's country, chosen in settings, names the support resources the panel lists."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = reverse("accounts:settings")


def post(client, **fields):
    data = {"display_name": "Alex", "language": "en", "address_as": "neutral", "time_zone": "UTC", **fields}
    return client.post(URL, data)


def test_settings_offer_countries_by_name_and_save_the_chosen_code(logged_in, client_user):
    page = logged_in.get(URL).content.decode()
    assert '<option value="TW">Taiwan</option>' in page
    assert '<option value="" selected>Not chosen</option>' in page
    assert post(logged_in, country="TW").status_code == 302
    client_user.refresh_from_db()
    assert client_user.country == "TW"


def test_no_country_is_allowed_and_an_unknown_one_is_refused_next_to_the_field(logged_in, client_user):
    assert post(logged_in, country="").status_code == 302
    response = post(logged_in, country="XX", display_name="Kept Name")
    assert response.status_code == 200
    page = response.content.decode()
    assert "id_country_error" in page and 'value="Kept Name"' in page
    client_user.refresh_from_db()
    assert client_user.country == ""


def test_country_names_come_in_the_persons_language(logged_in, client_user):
    client_user.language = "zh-hant"
    client_user.save()
    page = logged_in.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()
    assert '<option value="TW">台灣</option>' in page
