"""A file that is not right is refused with a clear message next to the field, and nothing changes."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crisis_coach.incidents.models import Incident, Stakeholder
from crisis_coach.network.models import Community, Contact
from crisis_coach.portability import schema
from tests.factories import make_incident

pytestmark = pytest.mark.django_db
IMPORT = reverse("accounts:import")
STAKEHOLDER_ID = "5b0f8d8e-2f4e-4c36-9d7e-0d3c0e7a3a11"


def valid_document() -> dict:
    return {
        "format": "crisis-coach-export",
        "version": 1,
        "exported_at": "2026-11-23T10:00:00+00:00",
        "user": {"email": "x@example.test", "display_name": "Imported", "language": "ar", "time_zone": "UTC"},
        "network": {
            "contacts": [
                {
                    "id": "0e2d7c8a-1111-4c36-9d7e-0d3c0e7a3a11", "name": "Dana", "relationship": "mentor",
                    "importance": 4, "cadence_days": 30, "added_on": "2026-01-01",
                    "important_dates": [], "interactions": [], "commitments": [],
                }
            ],
            "communities": [],
        },
        "incidents": [
            {
                "id": "9a3e7c8a-2222-4c36-9d7e-0d3c0e7a3a11", "title": "Imported case",
                "what_happened": "It did.", "occurred_on": "2026-11-20", "crisis_type": "work_mistake",
                "severity": 3, "stage": "assess",
                "stakeholders": [
                    {"id": STAKEHOLDER_ID, "name": "Ms Wang", "relation": "manager", "stance": "unknown"}
                ],
                "assessment": None,
                "conversations": [
                    {"id": "7c1e7c8a-3333-4c36-9d7e-0d3c0e7a3a11", "stakeholder": STAKEHOLDER_ID}
                ],
                "steps": [], "reflection": None, "timeline": [],
            }
        ],
        "coach_comments_received": [],
    }  # fmt: skip


def post(client, content: bytes):
    return client.post(IMPORT, {"file": SimpleUploadedFile("export.json", content, "application/json")})


def as_bytes(document) -> bytes:
    return json.dumps(document).encode()


def broken(path: str, value) -> bytes:
    """The valid document with one value replaced; path like 'incidents.0.severity'."""
    document = valid_document()
    *parents, last = path.split(".")
    target = document
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    target[int(last) if last.isdigit() else last] = value
    return as_bytes(document)


def assert_refused(response, client_user, message: str):
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any(message in error for error in errors), errors
    page = response.content.decode()
    assert 'id="id_file"' in page and "invalid-feedback" in page  # shown next to the field
    assert not Incident.objects.exists() and not Stakeholder.objects.exists()
    assert not Contact.objects.exists() and not Community.objects.exists()
    client_user.refresh_from_db()
    assert client_user.display_name == "Alex Client" and client_user.language == "en"


def test_the_valid_document_imports(logged_in, client_user):
    response = post(logged_in, as_bytes(valid_document()))
    assert response.status_code == 302
    incident = Incident.objects.get(owner=client_user)
    assert incident.conversations.get().stakeholder.name == "Ms Wang"
    client_user.refresh_from_db()
    assert client_user.language == "ar"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is { not json", "This file is not valid JSON."),
        (b"\xff\xfe\x00garbage", "This file is not valid JSON."),
        (b"", "The submitted file is empty."),
        (as_bytes([1, 2, 3]), "This is not a Crisis Coach export."),
        (as_bytes({**valid_document(), "format": "someone-else"}), "This is not a Crisis Coach export."),
        (
            as_bytes({**valid_document(), "version": 7}),
            "This export has version 7; this version of Crisis Coach reads version 1–6",
        ),
        (as_bytes({**valid_document(), "version": "1"}), "This export has version 1; this version"),
        (broken("incidents", {"title": "x"}), "incidents: expected a list."),
        (broken("incidents.0", "a string"), "incidents[0]: expected an object."),
        (broken("network.contacts", 7), "network.contacts: expected a list."),
        (broken("incidents.0.severity", "3"), "incidents[0].severity: wrong type of value."),
        (broken("incidents.0.severity", True), "incidents[0].severity: wrong type of value."),
        (broken("incidents.0.title", {"nested": 1}), "incidents[0].title: wrong type of value."),
        (
            broken("incidents.0.severity", 9),
            "incidents[0].severity: Ensure this value is less than or equal to 5.",
        ),
        (broken("incidents.0.crisis_type", "alien"), "incidents[0].crisis_type: Select a valid choice."),
        (broken("incidents.0.occurred_on", "2026-02-30"), "incidents[0].occurred_on: Enter a valid date."),
        (broken("incidents.0.occurred_on", "last tuesday"), "incidents[0].occurred_on: Enter a valid date."),
        (
            broken("incidents.0.created_at", "yesterday-ish"),
            "incidents[0].created_at: Enter a valid date/time.",
        ),
        (broken("incidents.0.title", ""), "incidents[0].title: This field is required."),
        (broken("incidents.0.id", "12"), "incidents[0].id: Enter a valid UUID."),
        (broken("user.time_zone", "Mars/Olympus"), "user.time_zone: Select a valid choice."),
        (broken("network.contacts.0.importance", 0), "network.contacts[0].importance: Ensure this value"),
        (
            broken("incidents.0.conversations.0.stakeholder", "11111111-1111-4111-8111-111111111111"),
            "incidents[0].conversations[0].stakeholder: refers to something that is not in this file.",
        ),
        (broken("incidents.0.stage", "closed"), "A closed setback has a close date and days to resolution"),
        (
            broken(
                "incidents.0.timeline", [{"at": "2026-11-20T10:00:00+00:00", "kind": "stage", "subject": "x"}]
            ),
            "incidents[0].timeline[0].subject: A stage event names a stage.",
        ),
        (
            broken(
                "network.contacts.0.commitments", [{"what": "x", "due_on": "2026-01-01", "status": "kept"}]
            ),
            "Only a kept or broken promise has a settled date.",
        ),
    ],
)
def test_a_bad_file_is_refused_with_a_message_and_changes_nothing(logged_in, client_user, content, message):
    assert_refused(post(logged_in, content), client_user, message)


def test_a_file_over_the_limit_is_refused_before_it_is_read(logged_in, client_user):
    huge = b'{"format": "crisis-coach-export", "padding": "' + b"x" * schema.MAX_BYTES + b'"}'
    assert_refused(post(logged_in, huge), client_user, "The file is larger than 64 MB")


def test_many_problems_are_summed_up(logged_in, client_user):
    document = valid_document()
    document["incidents"] = [{"id": "bad"} for _ in range(10)]
    response = post(logged_in, as_bytes(document))
    assert_refused(response, client_user, "more problems.")


def test_an_account_with_data_cannot_import(logged_in, client_user):
    make_incident(client_user, title="Mine already")
    page = logged_in.get(IMPORT).content.decode()
    assert "cannot take an import" in page
    response = post(logged_in, as_bytes(valid_document()))
    assert response.status_code == 200
    assert "Import only works into an empty account." in response.context["form"].errors["file"][0]
    assert list(Incident.objects.values_list("title", flat=True)) == ["Mine already"]


def test_import_still_checks_csrf(client_user):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(client_user)
    assert post(browser, as_bytes(valid_document())).status_code == 403
    assert not Incident.objects.exists()
