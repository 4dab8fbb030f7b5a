"""The "Address me as" setting: chosen on the settings page, carried by export and import."""

import pytest
from django.urls import reverse

from crisis_coach.accounts.models import User
from crisis_coach.common.addressing import AddressAs
from crisis_coach.portability.export import build_export
from crisis_coach.portability.importer import restore, validate
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def settings_post(logged_in, client_user, **changes):
    data = {
        "display_name": client_user.display_name,
        "language": "ar",
        "address_as": AddressAs.FEMININE,
        "time_zone": client_user.time_zone,
        "country": "",
        "discreet_mode": "on",
        **changes,
    }
    return logged_in.post(reverse("accounts:settings"), data)


def test_a_new_account_is_addressed_without_choosing(client_user):
    assert client_user.address_as == AddressAs.NEUTRAL


def test_she_chooses_to_be_addressed_as_a_woman(logged_in, client_user):
    page = logged_in.get(reverse("accounts:settings")).content.decode()
    assert 'type="radio" name="address_as" value="feminine"' in page
    assert settings_post(logged_in, client_user).status_code == 302
    assert User.objects.get(pk=client_user.pk).address_as == AddressAs.FEMININE


def test_an_unknown_choice_is_refused_next_to_the_field(logged_in, client_user):
    response = settings_post(logged_in, client_user, address_as="royal", display_name="Typed name")
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["address_as"]
    assert 'value="Typed name"' in response.content.decode()
    assert User.objects.get(pk=client_user.pk).address_as == AddressAs.NEUTRAL


def test_the_choice_travels_in_the_export_and_comes_back_on_import(client_user):
    client_user.address_as = AddressAs.FEMININE
    client_user.save(update_fields=["address_as"])
    document = build_export(client_user)
    assert (document["version"], document["user"]["address_as"]) == (6, "feminine")
    newcomer = make_user()
    restore(user=newcomer, plan=validate(document))
    assert User.objects.get(pk=newcomer.pk).address_as == AddressAs.FEMININE


def test_a_file_from_before_the_setting_imports_without_choosing(client_user):
    client_user.address_as = AddressAs.MASCULINE
    client_user.save(update_fields=["address_as"])
    document = build_export(client_user)
    document["version"] = 4
    del document["user"]["address_as"]
    newcomer = make_user()
    restore(user=newcomer, plan=validate(document))
    assert User.objects.get(pk=newcomer.pk).address_as == AddressAs.NEUTRAL
