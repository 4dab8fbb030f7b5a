"""Check-ins, the person's country and the check-in reminder in the export and the import (since 3);
files of versions 1 and 2 lack them and still import; deleting the account removes the check-ins."""

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crisis_coach.accounts.models import User
from crisis_coach.portability.export import build_export
from crisis_coach.reminders.selectors import settings_for
from crisis_coach.wellbeing.models import CheckIn, SupportResource
from tests.factories import PASSWORD, make_user
from tests.wellbeing.helpers import make_check_in

pytestmark = pytest.mark.django_db


def seed(user):
    user.country = "TW"
    user.save()
    reminder_settings = settings_for(user)
    reminder_settings.checkin_reminder = True
    reminder_settings.save()
    make_check_in(user, days_ago=2, mood=2, control=4, sleep=1, note="Rough night, 睡不好")
    make_check_in(user, days_ago=0, mood=4, control=7, sleep=4)
    SupportResource.objects.create(country="TW", name="Operator's resource", how_to_reach="x")


def upload(client, document: dict):
    content = json.dumps(document, ensure_ascii=False).encode()
    return client.post(
        reverse("accounts:import"), {"file": SimpleUploadedFile("export.json", content, "application/json")}
    )


def test_export_carries_check_ins_country_and_the_reminder_never_support_resources(client_user):
    seed(client_user)
    document = build_export(User.objects.get(pk=client_user.pk))
    assert document["user"]["country"] == "TW"
    assert document["user"]["reminders"]["checkin_reminder"] is True
    assert [c["mood"] for c in document["check_ins"]] == [2, 4]
    first = document["check_ins"][0]
    assert (first["control"], first["sleep"], first["note"]) == (4, 1, "Rough night, 睡不好")
    assert "Operator's resource" not in json.dumps(document)


def test_round_trip_keeps_check_ins_country_and_reminder(client, client_user):
    seed(client_user)
    document = build_export(User.objects.get(pk=client_user.pk))
    newcomer = make_user()
    client.force_login(newcomer)
    assert upload(client, document).status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.country == "TW"
    assert settings_for(newcomer).checkin_reminder is True
    mine = list(CheckIn.objects.filter(owner=newcomer).order_by("day"))
    originals = list(CheckIn.objects.filter(owner=client_user).order_by("day"))
    assert [(c.day, c.mood, c.control, c.sleep, c.note) for c in mine] == [
        (c.day, c.mood, c.control, c.sleep, c.note) for c in originals
    ]


def test_a_file_of_version_2_without_them_still_imports(client, client_user):
    seed(client_user)
    older = copy.deepcopy(build_export(User.objects.get(pk=client_user.pk)))
    older["version"] = 2
    del older["check_ins"], older["user"]["country"], older["user"]["reminders"]["checkin_reminder"]
    newcomer = make_user()
    client.force_login(newcomer)
    assert upload(client, older).status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.country == ""
    assert settings_for(newcomer).checkin_reminder is False
    assert not CheckIn.objects.filter(owner=newcomer).exists()


@pytest.mark.parametrize(
    "spoil",
    [
        lambda d: d["check_ins"][0].update(mood=6),
        lambda d: d["check_ins"][1].update(day=d["check_ins"][0]["day"]),
        lambda d: d["user"].update(country="XX"),
    ],
    ids=["mood out of range", "two on one day", "unknown country"],
)
def test_a_bad_check_in_or_country_refuses_the_whole_file(client, client_user, spoil):
    seed(client_user)
    document = build_export(User.objects.get(pk=client_user.pk))
    spoil(document)
    newcomer = make_user()
    client.force_login(newcomer)
    response = upload(client, document)
    assert response.status_code == 200
    assert not CheckIn.objects.filter(owner=newcomer).exists()


def test_deleting_the_account_removes_its_check_ins_and_nobody_elses(client, client_user, stranger):
    seed(client_user)
    theirs = make_check_in(stranger)
    client.force_login(client_user)
    assert client.post(reverse("accounts:delete"), {"password": PASSWORD}).status_code == 302
    assert list(CheckIn.objects.all()) == [theirs]
    assert SupportResource.objects.exists()  # operator data stays
