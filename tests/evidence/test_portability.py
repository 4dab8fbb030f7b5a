"""The evidence log travels in the export (with every version, so the history survives an import);
files of versions 1 and 2 have none and still import; deleting the account removes it."""

import copy
import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crisis_coach.accounts.models import User
from crisis_coach.evidence.models import EvidenceEntry
from crisis_coach.evidence.services import entry_trash, entry_update
from crisis_coach.portability.export import build_export
from tests.accounts.test_portability import normalised
from tests.evidence.helpers import make_entry
from tests.factories import PASSWORD, make_contact, make_incident, make_stakeholder, make_user

pytestmark = pytest.mark.django_db
Version = EvidenceEntry.versions.rel.related_model


def seed(owner, clock):
    incident = make_incident(owner, title="My manager", crisis_type="difficult_boss")
    boss = make_stakeholder(incident, name="Mr Li")
    ana = make_stakeholder(incident, name="Ana")
    dana = make_contact(owner, name="Dana")
    edited = make_entry(
        incident,
        happened_on=datetime.date(2026, 11, 3),
        happened_at=datetime.time(9, 15),
        concerns=boss,
        present_stakeholders=[ana],
        present_contacts=[dana],
    )
    clock.shift(datetime.timedelta(hours=5))
    entry_update(
        entry=edited,
        expected_version=1,
        present_stakeholders=[ana],
        present_contacts=[],
        what_happened="He said, in front of Ana, that my report was late.",
    )
    trashed = make_entry(incident, what_happened="Gone to the trash")
    entry_trash(entry=trashed)
    return incident


def upload(client, document: dict):
    content = json.dumps(document, ensure_ascii=False).encode()
    return client.post(
        reverse("accounts:import"), {"file": SimpleUploadedFile("export.json", content, "application/json")}
    )


def test_export_carries_entries_with_who_was_there_and_every_version(client_user, clock):
    seed(client_user, clock)
    document = build_export(User.objects.get(pk=client_user.pk))
    (incident,) = document["incidents"]
    first, trashed = incident["evidence"]
    people = {s["name"]: s["id"] for s in incident["stakeholders"]}
    assert first["happened_at"] == "09:15:00"
    assert first["concerns"] == people["Mr Li"]
    assert first["present_stakeholders"] == [people["Ana"]]
    assert first["present_contacts"] == []
    assert [v["what_happened"] for v in first["versions"]] == [
        "In the Monday meeting Mr Li said the report was late; it was sent on Friday.",
        "He said, in front of Ana, that my report was late.",
    ]
    assert [v["present_names"] for v in first["versions"]] == ["Ana\nDana", "Ana"]
    assert first["versions"][1]["edited_at"] is not None
    assert trashed["deleted_at"] is not None


def test_round_trip_keeps_the_log_and_its_history(client, client_user, clock):
    seed(client_user, clock)
    client.force_login(client_user)
    first = build_export(User.objects.get(pk=client_user.pk))
    assert client.post(reverse("accounts:delete"), {"password": PASSWORD}).status_code == 302
    assert not EvidenceEntry.objects.exists() and not Version.objects.exists()

    newcomer = make_user(display_name="Someone new")
    client.force_login(newcomer)
    response = upload(client, first)
    assert response.status_code == 302, response.context and response.context["form"].errors
    second = build_export(User.objects.get(pk=newcomer.pk))
    for document in (first, second):
        for incident in document["incidents"]:
            incident["shared_with_coach"] = False
    assert normalised(second)["incidents"] == normalised(first)["incidents"]
    entry = EvidenceEntry.objects.get(incident__owner=newcomer, deleted_at__isnull=True)
    assert entry.is_edited and entry.versions.count() == 2
    assert entry.concerns.name == "Mr Li" and [p.name for p in entry.present_stakeholders.all()] == ["Ana"]


def test_a_file_of_version_2_without_evidence_still_imports(client, client_user, clock):
    seed(client_user, clock)
    document = build_export(User.objects.get(pk=client_user.pk))
    older = copy.deepcopy(document)
    older["version"] = 2
    for incident in older["incidents"]:
        del incident["evidence"]
    newcomer = make_user()
    client.force_login(newcomer)
    assert upload(client, older).status_code == 302
    assert not EvidenceEntry.objects.filter(incident__owner=newcomer).exists()


@pytest.mark.parametrize(
    "spoil",
    [
        lambda e: e.update(present_stakeholders=["00000000-0000-0000-0000-000000000000"]),
        lambda e: e.update(present_contacts="not a list"),
        lambda e: e.update(concerns="00000000-0000-0000-0000-000000000000"),
        lambda e: e["versions"][0].update(happened_at="25:99"),
        lambda e: e.update(what_happened=""),
    ],
    ids=["unknown person", "not a list", "unknown concern", "bad time", "empty"],
)
def test_a_bad_entry_refuses_the_whole_file(client, client_user, clock, spoil):
    seed(client_user, clock)
    document = build_export(User.objects.get(pk=client_user.pk))
    spoil(document["incidents"][0]["evidence"][0])
    newcomer = make_user()
    client.force_login(newcomer)
    response = upload(client, document)
    assert response.status_code == 200
    assert "evidence[0]" in response.content.decode()
    assert not EvidenceEntry.objects.filter(incident__owner=newcomer).exists()


def test_deleting_the_account_removes_its_evidence_and_nobody_elses(client, client_user, stranger, clock):
    seed(client_user, clock)
    theirs = make_entry(make_incident(stranger))
    client.force_login(client_user)
    assert client.post(reverse("accounts:delete"), {"password": PASSWORD}).status_code == 302
    assert list(EvidenceEntry.objects.all()) == [theirs]
    assert set(Version.objects.values_list("pgh_obj_id", flat=True)) == {theirs.pk}
    through = EvidenceEntry.present_stakeholders.through, EvidenceEntry.present_contacts.through
    assert not any(model.objects.exists() for model in through)
