"""Light, dark or the device's: chosen on the settings page, on every page, carried by export and import."""

import json

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from crisis_coach.accounts.models import Theme, User
from crisis_coach.portability.export import build_export
from crisis_coach.portability.importer import restore, validate
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def settings_post(logged_in, client_user, **changes):
    data = {
        "display_name": client_user.display_name,
        "language": "en",
        "address_as": "neutral",
        "time_zone": client_user.time_zone,
        "country": "",
        "discreet_mode": "on",
        **changes,
    }
    return logged_in.post(reverse("accounts:settings"), data)


def test_pages_follow_the_device_until_she_chooses(logged_in, client_user):
    assert client_user.theme == Theme.AUTO
    page = logged_in.get(reverse("reminders:today")).content.decode()
    assert 'data-bs-theme="auto"' in page


def test_she_chooses_dark_and_every_page_is_dark(logged_in, client_user):
    settings_page = logged_in.get(reverse("accounts:settings")).content.decode()
    assert 'type="radio" name="theme" value="dark"' in settings_page
    assert settings_post(logged_in, client_user, theme="dark").status_code == 302
    assert User.objects.get(pk=client_user.pk).theme == Theme.DARK
    for name in ("reminders:today", "incidents:list", "insights:home"):
        assert 'data-bs-theme="dark"' in logged_in.get(reverse(name)).content.decode(), name


def test_an_unknown_theme_is_refused_next_to_the_field(logged_in, client_user):
    response = settings_post(logged_in, client_user, theme="sepia", display_name="Typed name")
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["theme"]
    assert 'value="Typed name"' in response.content.decode()


def test_a_visitor_gets_the_device_theme(client):
    assert 'data-bs-theme="auto"' in client.get(reverse("home")).content.decode()


def test_the_theme_travels_in_the_export_and_comes_back_on_import(client_user):
    client_user.theme = Theme.DARK
    client_user.save(update_fields=["theme"])
    document = build_export(client_user)
    assert (document["version"], document["user"]["theme"]) == (6, "dark")
    newcomer = make_user()
    restore(user=newcomer, plan=validate(document))
    assert User.objects.get(pk=newcomer.pk).theme == Theme.DARK


def test_a_file_from_before_the_setting_imports_following_the_device(client_user):
    document = build_export(client_user)
    document["version"] = 5
    del document["user"]["theme"]
    newcomer = make_user(theme=Theme.LIGHT)
    restore(user=newcomer, plan=validate(document))
    assert User.objects.get(pk=newcomer.pk).theme == Theme.AUTO


@pytest.mark.parametrize("language", ["en", "zh-hant", "ar"])
def test_the_app_can_be_added_to_a_home_screen(client, language):
    response = client.get(reverse("manifest"), HTTP_ACCEPT_LANGUAGE=language)
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert (manifest["display"], manifest["start_url"], manifest["lang"]) == ("standalone", "/", language)
    assert manifest["dir"] == ("rtl" if language == "ar" else "ltr")
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    assert "maskable" in {icon["purpose"] for icon in manifest["icons"]}
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]
    page = client.get(reverse("home")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
