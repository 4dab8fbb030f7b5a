"""Discreet mode, the setting: on for new and existing accounts, switched on the settings page in
every language, and carried by the export and the import (a file from before it imports with it on)."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from crisis_coach.accounts.models import User
from tests.accounts.test_import_refusals import valid_document
from tests.factories import make_user

SETTINGS, EXPORT, IMPORT = (
    reverse("accounts:settings"),
    reverse("accounts:export"),
    reverse("accounts:import"),
)
BEFORE, AFTER = (
    ("accounts", "0002_security_events_and_session_epoch"),
    ("accounts", "0003_user_discreet_mode"),
)


def checkbox(page: str) -> str:
    [tag] = re.findall(r'<input[^>]*name="discreet_mode"[^>]*>', page)
    assert 'type="checkbox"' in tag
    return tag


def settings_post(client, **changes):
    data = {
        "display_name": "Alex Client",
        "language": "en",
        "address_as": "neutral",
        "time_zone": "UTC",
        **changes,
    }
    return client.post(SETTINGS, {name: value for name, value in data.items() if value is not None})


def upload(client, document: dict):
    content = json.dumps(document).encode()
    return client.post(IMPORT, {"file": SimpleUploadedFile("export.json", content, "application/json")})


@pytest.mark.django_db
def test_a_new_account_starts_in_discreet_mode(client):
    data = {"display_name": "Mei Lin", "email": "mei@example.test", "time_zone": "UTC"}
    data |= {"password1": "a-long-and-unusual-passphrase", "password2": "a-long-and-unusual-passphrase"}
    assert client.post(reverse("account_signup"), data).status_code == 302
    assert User.objects.get().discreet_mode is True


@pytest.mark.django_db(transaction=True)
def test_accounts_that_existed_before_the_setting_get_it_on():
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old_user = executor.loader.project_state([BEFORE]).apps.get_model("accounts", "User")
    old_user.objects.create(email="old@example.test", display_name="Old Timer", password="!")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([AFTER])
    # Only the column this migration made: later ones (User.country) are not applied yet.
    assert User.objects.filter(email="old@example.test").values_list("discreet_mode", flat=True).get() is True
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # the rest of the schema, as the suite expects


@pytest.mark.django_db
def test_the_settings_page_shows_it_on_with_a_label_and_help(logged_in):
    page = logged_in.get(SETTINGS).content.decode()
    assert "checked" in checkbox(page)
    assert "Discreet mode: keep my setbacks out of emails and calendars" in page
    assert "a lock screen, a shared calendar or a work mailbox shows nothing of your setbacks" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label"),
    [("zh-hant", "隱私模式：電子郵件和行事曆中不出現我的危機事件"), ("ar", "وضع الخصوصية: أبقِ عثراتي خارج")],
)
def test_the_setting_speaks_each_language(logged_in, client_user, language, label):
    client_user.language = language
    client_user.save(update_fields=["language"])
    assert label in logged_in.get(SETTINGS).content.decode()


@pytest.mark.django_db
def test_turning_it_off_and_on_again(logged_in, client_user):
    assert settings_post(logged_in).status_code == 302  # an unticked box is not sent: off
    client_user.refresh_from_db()
    assert client_user.discreet_mode is False
    assert "checked" not in checkbox(logged_in.get(SETTINGS).content.decode())

    assert settings_post(logged_in, discreet_mode="on").status_code == 302
    client_user.refresh_from_db()
    assert client_user.discreet_mode is True


@pytest.mark.django_db
def test_a_form_error_keeps_the_box_as_it_was_ticked_and_saves_nothing(logged_in, client_user):
    response = settings_post(logged_in, display_name="Changed", time_zone="Mars/Olympus_Mons")
    assert response.status_code == 200
    assert "checked" not in checkbox(response.content.decode())  # unticked, as sent
    client_user.refresh_from_db()
    assert client_user.discreet_mode is True

    client_user.discreet_mode = False
    client_user.save(update_fields=["discreet_mode"])
    response = settings_post(logged_in, discreet_mode="on", time_zone="Mars/Olympus_Mons")
    assert "checked" in checkbox(response.content.decode())  # ticked, as sent
    client_user.refresh_from_db()
    assert client_user.discreet_mode is False


@pytest.mark.django_db
def test_the_export_carries_it_and_the_import_restores_it(client, client_user):
    client_user.discreet_mode = False
    client_user.save(update_fields=["discreet_mode"])
    client.force_login(client_user)
    document = json.loads(client.get(EXPORT).content)
    assert document["user"]["discreet_mode"] is False

    newcomer = make_user(display_name="Someone new")
    assert newcomer.discreet_mode is True
    client.force_login(newcomer)
    assert upload(client, document).status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.discreet_mode is False


@pytest.mark.django_db
def test_a_file_from_before_the_setting_imports_with_it_on(client):
    document = valid_document()
    assert "discreet_mode" not in document["user"]  # as every export made before it was
    newcomer = make_user(display_name="Someone new", discreet_mode=False)
    client.force_login(newcomer)
    assert upload(client, document).status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.discreet_mode is True


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["yes", 1, "false"])
def test_an_import_refuses_anything_but_true_or_false(client, value):
    document = valid_document()
    document["user"]["discreet_mode"] = value
    newcomer = make_user(display_name="Someone new")
    client.force_login(newcomer)
    response = upload(client, document)
    assert response.status_code == 200
    assert "user.discreet_mode: wrong type of value." in response.content.decode()


@pytest.mark.django_db
def test_staff_see_it_on_the_accounts_admin_page(client, client_user):
    client.force_login(make_user(display_name="Staff", is_staff=True, is_superuser=True, two_factor=True))
    page = client.get(reverse("admin:accounts_user_change", args=[client_user.pk])).content.decode()
    assert "checked" in checkbox(page)
