"""Export and import carry a step's check and drop reason (since version 3); an older file, whose
steps lack them, imports with them blank. Account deletion takes them with the steps."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crisis_coach.accounts.models import User
from crisis_coach.incidents import services
from crisis_coach.incidents.models import ActionStep, StepCheck, StepStatus
from crisis_coach.portability.export import build_export
from tests.accounts.test_import_refusals import valid_document
from tests.factories import PASSWORD, make_incident, make_step, make_user

pytestmark = pytest.mark.django_db


def _upload(client, document: dict):
    content = json.dumps(document).encode()
    return client.post(
        reverse("accounts:import"), {"file": SimpleUploadedFile("export.json", content, "application/json")}
    )


def test_checks_and_drop_reasons_go_out_and_come_back(client, client_user):
    incident = make_incident(client_user)
    done = make_step(incident, title="Call back", status=StepStatus.DONE)
    services.step_check(step=done, result=StepCheck.PARTLY, note="They listened.")
    services.step_drop(step=make_step(incident, title="Send flowers"), reason="Not their style.")
    steps = build_export(client_user)["incidents"][0]["steps"]
    by_title = {s["title"]: s for s in steps}
    assert by_title["Call back"]["check_result"] == "partly"
    assert by_title["Call back"]["check_note"] == "They listened."
    assert by_title["Call back"]["checked_at"]
    assert by_title["Send flowers"]["drop_reason"] == "Not their style."
    document = build_export(client_user)

    newcomer = make_user(display_name="Someone new")
    client.force_login(newcomer)
    assert _upload(client, json.loads(json.dumps(document, default=str))).status_code == 302
    copied = {s.title: s for s in ActionStep.objects.filter(incident__owner=newcomer)}
    assert copied["Call back"].check_result == StepCheck.PARTLY
    assert copied["Call back"].check_note == "They listened."
    assert copied["Call back"].checked_at is not None
    assert copied["Send flowers"].drop_reason == "Not their style."


def test_a_version_2_file_without_them_imports_with_them_blank(client):
    document = valid_document()
    document["version"] = 2
    document["incidents"][0]["steps"] = [
        {
            "id": "3c1e7c8a-4444-4c36-9d7e-0d3c0e7a3a11",
            "title": "An old step",
            "kind": "quick_win",
            "status": "done",
            "done_at": "2026-11-21T10:00:00+00:00",
            "position": 1,
        }
    ]
    client.force_login(make_user(display_name="Old file"))
    response = _upload(client, document)
    assert response.status_code == 302, response.context and response.context["form"].errors
    step = ActionStep.objects.get(title="An old step")
    assert (step.check_result, step.check_note, step.checked_at, step.drop_reason) == ("", "", None, "")


def test_a_wrong_check_answer_in_a_file_is_refused(client):
    document = valid_document()
    document["version"] = 3
    document["incidents"][0]["steps"] = [
        {
            "id": "3c1e7c8a-4444-4c36-9d7e-0d3c0e7a3a11",
            "title": "A step",
            "kind": "remedy",
            "status": "done",
            "position": 1,
            "check_result": "maybe",
        }
    ]
    client.force_login(make_user(display_name="Bad file"))
    response = _upload(client, document)
    assert response.status_code == 200
    assert "incidents[0].steps[0].check_result" in response.content.decode()
    assert not ActionStep.objects.exists()


def test_deleting_the_account_removes_the_checked_and_dropped_steps(client, client_user):
    incident = make_incident(client_user)
    done = make_step(incident, status=StepStatus.DONE)
    services.step_check(step=done, result=StepCheck.WORKED)
    services.step_drop(step=make_step(incident, title="Other"), reason="No")
    client.force_login(client_user)
    assert client.post(reverse("accounts:delete"), {"password": PASSWORD}).status_code == 302
    assert not User.objects.filter(pk=client_user.pk).exists()
    assert not ActionStep.objects.exists()
