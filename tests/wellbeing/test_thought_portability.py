"""Thought records travel in the export under their case, come back on import, are absent from
older files (which still import), are refused when malformed, and go with the account's deletion."""

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crisis_coach.accounts.models import User
from crisis_coach.incidents.services import incident_trash
from crisis_coach.portability.export import build_export
from crisis_coach.wellbeing.models import ThoughtRecord
from tests.accounts.test_portability import normalised
from tests.factories import PASSWORD, make_incident, make_user
from tests.wellbeing.thought_helpers import make_thought_record

pytestmark = pytest.mark.django_db


def seed(owner):
    incident = make_incident(owner, title="Passed over")
    make_thought_record(
        incident,
        traps=["mind_reading", "should"],
        evidence_for="She said nothing to me.",
        evidence_against="She praised my work last quarter.",
        balanced_thought="She may be cautious for a while; it is not a verdict.",
        intensity_after=45,
    )
    make_thought_record(incident, thought="Half done: no second part yet.", traps=[])
    trashed = make_incident(owner, title="In the trash")
    make_thought_record(trashed, thought="In a trashed case, still mine.")
    incident_trash(incident=trashed)


def upload(client, document: dict):
    content = json.dumps(document, ensure_ascii=False).encode()
    return client.post(
        reverse("accounts:import"), {"file": SimpleUploadedFile("export.json", content, "application/json")}
    )


def test_export_carries_each_record_under_its_case(client_user):
    seed(client_user)
    document = build_export(User.objects.get(pk=client_user.pk))
    by_title = {incident["title"]: incident for incident in document["incidents"]}
    done, half = by_title["Passed over"]["thought_records"]
    assert done["traps"] == ["mind_reading", "should"]
    assert (done["intensity_before"], done["intensity_after"]) == (80, 45)
    assert done["balanced_thought"] == "She may be cautious for a while; it is not a verdict."
    assert half["intensity_after"] is None and half["traps"] == [] and half["evidence_for"] == ""
    assert [r["thought"] for r in by_title["In the trash"]["thought_records"]] == [
        "In a trashed case, still mine."
    ]


def test_round_trip_keeps_every_record(client, client_user):
    seed(client_user)
    client.force_login(client_user)
    first = build_export(User.objects.get(pk=client_user.pk))
    assert client.post(reverse("accounts:delete"), {"password": PASSWORD}).status_code == 302
    assert not ThoughtRecord.objects.exists()  # the account's deletion took them

    newcomer = make_user(display_name="Someone new")
    client.force_login(newcomer)
    response = upload(client, first)
    assert response.status_code == 302, response.context and response.context["form"].errors
    second = build_export(User.objects.get(pk=newcomer.pk))
    for document in (first, second):
        for incident in document["incidents"]:
            incident["shared_with_coach"] = False
    assert normalised(second)["incidents"] == normalised(first)["incidents"]
    assert ThoughtRecord.objects.filter(incident__owner=newcomer).count() == 3


@pytest.mark.parametrize("version", [1, 2, 3])
def test_a_file_without_thought_records_still_imports(client, client_user, version):
    seed(client_user)
    older = copy.deepcopy(build_export(User.objects.get(pk=client_user.pk)))
    older["version"] = version
    for incident in older["incidents"]:
        del incident["thought_records"]
    newcomer = make_user()
    client.force_login(newcomer)
    assert upload(client, older).status_code == 302
    assert not ThoughtRecord.objects.filter(incident__owner=newcomer).exists()
    assert newcomer.incidents.count() == 2


@pytest.mark.parametrize(
    "spoil",
    [
        lambda r: r.update(traps=["not_a_trap"]),
        lambda r: r.update(traps="catastrophising"),
        lambda r: r.update(intensity_before=101),
        lambda r: r.update(intensity_after="45"),
        lambda r: r.update(thought=""),
    ],
    ids=["unknown trap", "traps not a list", "out of range", "a string for a number", "no thought"],
)
def test_a_malformed_record_refuses_the_whole_file(client, client_user, spoil):
    seed(client_user)
    document = build_export(User.objects.get(pk=client_user.pk))
    spoil(document["incidents"][0]["thought_records"][0])
    newcomer = make_user()
    client.force_login(newcomer)
    response = upload(client, document)
    assert response.status_code == 200
    assert "incidents[0].thought_records[0]" in response.content.decode()
    assert not newcomer.incidents.exists() and not ThoughtRecord.objects.filter(incident__owner=newcomer)


def test_deleting_the_account_removes_its_thought_records_and_no_one_elses(client, client_user, stranger):
    seed(client_user)
    theirs = make_thought_record(make_incident(stranger))
    client.force_login(client_user)
    assert client.post(reverse("accounts:delete"), {"password": PASSWORD}).status_code == 302
    assert list(ThoughtRecord.objects.all()) == [theirs]
