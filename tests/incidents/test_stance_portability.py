"""Stance readings and the notes' history travel with an export, come back on import (an older file
without them gets a first reading per person), and leave with the account."""

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from crisis_coach.incidents.models import NoteVersion, Stance, StanceChange, StanceVia, TimelineEvent
from crisis_coach.incidents.services import stance_record, timeline_note_add, timeline_note_edit
from crisis_coach.portability.export import build_export
from tests.factories import PASSWORD, make_incident, make_stakeholder, make_user

pytestmark = pytest.mark.django_db


def seed(user, clock):
    incident = make_incident(user, title="Boss trouble")
    boss = make_stakeholder(incident, name="Dana Boss", stance=Stance.CRITICAL, influence=5)
    make_stakeholder(incident, name="Lee Peer", stance=Stance.NEUTRAL, influence=2)
    clock.shift(timedelta(days=1))
    stance_record(
        stakeholder=boss,
        stance=Stance.SUPPORTIVE,
        influence=5,
        via=StanceVia.CONVERSATION,
        note="after our talk",
    )
    note = timeline_note_add(incident=incident, text="She shouted.", at=timezone.now() - timedelta(days=3))
    clock.shift(timedelta(hours=1))
    timeline_note_edit(event=note, text="She raised her voice.", at=note.at, expected_version=1)
    return incident


def upload(client, document: dict):
    content = json.dumps(document, ensure_ascii=False).encode()
    return client.post(
        reverse("accounts:import"), {"file": SimpleUploadedFile("export.json", content, "application/json")}
    )


def test_the_export_carries_each_persons_readings_and_each_notes_versions(client_user, clock):
    seed(client_user, clock)
    [case] = build_export(client_user)["incidents"]
    boss = next(s for s in case["stakeholders"] if s["name"] == "Dana Boss")
    assert [(c["stance"], c["via"], c["note"]) for c in boss["stance_changes"]] == [
        ("critical", "added", ""),
        ("supportive", "conversation", "after our talk"),
    ]
    [note] = [e for e in case["timeline"] if e["kind"] == "note"]
    assert note["edited_at"] and note["written_at"] != note["at"]
    assert [v["text"] for v in note["versions"]] == ["She shouted.", "She raised her voice."]
    assert all("versions" not in e for e in case["timeline"] if e["kind"] != "note")


def test_an_import_brings_back_the_readings_and_the_notes_history(client, client_user, clock):
    seed(client_user, clock)
    document = build_export(client_user)
    newcomer = make_user(display_name="Someone new")
    client.force_login(newcomer)
    assert upload(client, document).status_code == 302
    readings = StanceChange.objects.filter(incident__owner=newcomer, stakeholder__name="Dana Boss")
    assert [(r.stance, r.note) for r in readings] == [("critical", ""), ("supportive", "after our talk")]
    note = TimelineEvent.objects.get(incident__owner=newcomer, kind="note")
    assert note.edited_at is not None and note.written_at > note.at
    assert [v.text for v in note.versions.order_by("pgh_id")] == ["She shouted.", "She raised her voice."]
    [case] = build_export(newcomer)["incidents"]
    assert case["timeline"] == document["incidents"][0]["timeline"]


def test_a_version_2_file_gives_each_person_a_first_reading_from_their_stance(client, client_user, clock):
    seed(client_user, clock)
    document = build_export(client_user)
    document["version"] = 2
    for case in document["incidents"]:
        for person in case["stakeholders"]:
            del person["stance_changes"]
        for event in case["timeline"]:
            event.pop("versions", None)
            del event["written_at"], event["edited_at"]
    newcomer = make_user(display_name="Someone older")
    client.force_login(newcomer)
    assert upload(client, document).status_code == 302
    readings = StanceChange.objects.filter(incident__owner=newcomer).select_related("stakeholder")
    assert sorted((r.stakeholder.name, r.stance, r.via) for r in readings) == [
        ("Dana Boss", "supportive", "added"),  # where they stand in the file: the only reading it has
        ("Lee Peer", "neutral", "added"),
    ]
    assert all(r.at == r.stakeholder.created_at for r in readings)
    note = TimelineEvent.objects.get(incident__owner=newcomer, kind="note")
    assert note.written_at == note.at and note.edited_at is None
    assert [v.text for v in note.versions.all()] == ["She raised her voice."]


def test_a_reading_with_a_stance_that_does_not_exist_refuses_the_file(client, client_user, clock):
    seed(client_user, clock)
    document = build_export(client_user)
    document["incidents"][0]["stakeholders"][0]["stance_changes"][0]["stance"] = "furious"
    newcomer = make_user()
    client.force_login(newcomer)
    response = upload(client, document)
    assert response.status_code == 200 and "stance_changes[0].stance" in response.content.decode()
    assert not StanceChange.objects.filter(incident__owner=newcomer).exists()


def test_deleting_the_account_removes_the_readings_and_the_notes_versions(
    client, client_user, stranger, clock
):
    seed(client_user, clock)
    theirs = make_incident(stranger, title="Theirs")
    make_stakeholder(theirs)
    timeline_note_add(incident=theirs, text="Their note")
    client.force_login(client_user)
    assert client.post(reverse("accounts:delete"), {"password": PASSWORD}).status_code == 302
    assert set(StanceChange.objects.values_list("incident_id", flat=True)) == {theirs.pk}
    assert [v.text for v in NoteVersion.objects.all()] == ["Their note"]
