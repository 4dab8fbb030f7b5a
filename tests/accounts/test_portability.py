"""Export everything, import it into an empty account, and refuse any file that is not right."""

import copy
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crisis_coach.accounts.models import User
from crisis_coach.coaching.models import CoachingLink
from crisis_coach.coaching.services import coach_comment_add, comment_reply_add
from crisis_coach.incidents.models import ActionStep, Incident, Stakeholder, TimelineEvent
from crisis_coach.network.models import Commitment, Contact
from crisis_coach.portability.export import build_export
from crisis_coach.reminders.models import ReminderSettings
from tests.accounts.seed import seed_coaching, seed_rich_account
from tests.factories import PASSWORD, make_incident, make_step, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.dates]
EXPORT, IMPORT, DELETE = reverse("accounts:export"), reverse("accounts:import"), reverse("accounts:delete")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def download(client) -> dict:
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="crisis-coach-export-')
    return json.loads(response.content)


def upload(client, content: bytes, name="export.json"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content, "application/json")})


def normalised(document: dict) -> dict:
    """Equal up to what an import changes on purpose: when, which address, the public ids, and the
    coaches' comments (kept in the file for the record; their author is another person)."""
    document = copy.deepcopy(document)
    document.pop("exported_at")
    document["user"].pop("email")
    document.pop("coach_comments_received")
    document.pop("coach_nudges_received", None)  # for the record too: the coach wrote them
    text = json.dumps(document, sort_keys=True)
    ids: dict[str, str] = {}
    return json.loads(
        re.sub(
            r'"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"',
            lambda m: f'"ref-{ids.setdefault(m.group(1), len(ids))}"',
            text,
        )
    )


def walk(value, key=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from walk(v, k)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, key)
    else:
        yield key, value


def test_export_is_the_documented_versioned_document(logged_in, client_user):
    seed_rich_account(client_user)
    document = download(logged_in)
    assert document["format"] == "crisis-coach-export" and document["version"] == 6
    assert set(document) == {
        "format", "version", "exported_at", "user", "incidents", "network", "coach_comments_received",
        "check_ins", "radar_checks", "prevention_steps", "coaching_sessions", "coach_nudges_received",
        "playbooks",
    }  # fmt: skip
    assert document["user"]["email"] == client_user.email
    assert document["user"]["time_zone"] == "Asia/Taipei"
    # never the calendar token
    assert document["user"]["reminders"] == {"frequency": "weekly", "checkin_reminder": False}
    assert ReminderSettings.objects.get(user=client_user).calendar_token not in json.dumps(document)
    assert len(document["incidents"]) == 3  # the trash is the user's data too
    closed = next(i for i in document["incidents"] if i["title"] == "錯過了客戶的還價")
    assert closed["stage"] == "closed" and closed["reflection"]["control_at_close"] == 8
    assert {s["name"] for s in closed["stakeholders"]} == {"Ms Wang", "Lee"}
    assert closed["assessment"]["risk_level"]
    assert [len(closed[k]) for k in ("conversations", "steps")] == [3, 2]
    assert any(
        e["kind"] == "note" and e["text"] == "Felt better\n  after the talk " for e in closed["timeline"]
    )
    wang = next(s for s in closed["stakeholders"] if s["name"] == "Ms Wang")
    boss = next(c for c in document["network"]["contacts"] if c["name"] == "Ms Wang")
    assert wang["contact"] == boss["id"]
    assert len(document["network"]["communities"]) == 2


def test_export_carries_comments_received_and_proposals_but_never_private_notes(
    logged_in, client_user, coach
):
    seed_rich_account(client_user)
    seed = seed_coaching(client_user, coach)
    document = download(logged_in)
    assert "SECRET" not in json.dumps(document)
    [comment] = document["coach_comments_received"]
    case = next(i for i in document["incidents"] if i["title"] == "Boss trouble")
    steps = {s["title"]: s for s in case["steps"]}
    assert comment["incident"] == case["id"] and comment["step"] == steps["Prepare"]["id"]
    assert (comment["author"], comment["by_you"], comment["body"]) == ("Casey Coach", False, "Good start.")
    assert [(r["body"], r["by_you"]) for r in comment["replies"]] == [("Thanks, coach", True)]
    assert comment["id"] == str(seed["comment"].public_id)
    assert steps["Prepare"]["proposal_state"] == ""
    assert steps["Ask HR for a mediator"]["proposal_state"] == "pending"
    assert case["shared_with_coach"] is True


def test_export_has_no_internal_ids_and_nothing_of_other_people(logged_in, client_user, stranger, coach):
    seed_rich_account(client_user)
    seed_coaching(client_user, coach)
    make_incident(stranger, title="Stranger's case")
    document = download(logged_in)
    assert "Stranger's case" not in json.dumps(document, ensure_ascii=False)
    for key, value in walk(document):
        assert key not in ("pk", "owner", "user_id", "coach_id", "client_id")
        if key == "id" or key.endswith("_id"):
            assert isinstance(value, str) and UUID.match(value), (key, value)
        if key in ("stakeholder", "contact", "show_result_to", "incident", "step", "conversation") and value:
            assert UUID.match(value), (key, value)


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in (EXPORT, IMPORT, DELETE):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("size", [1, 50])
def test_export_queries_do_not_grow_with_the_number_of_incidents(client_user, size):
    mentor = seed_rich_account(client_user)["mentor"]
    coach = make_user(is_coach=True)
    seed_coaching(client_user, coach)
    for i in range(size):
        incident = make_incident(client_user, title=f"Case {i}")
        step = make_step(incident, title="A step", contact=mentor)
        comment = coach_comment_add(coach=coach, incident=incident, body="Hi", step=step, notify=False)
        comment_reply_add(author=client_user, comment=comment, body="Hello")
    client_user = User.objects.get(pk=client_user.pk)
    with CaptureQueriesContext(connection) as queries:
        document = build_export(client_user)
    assert len(document["incidents"]) == 3 + size
    # coach profile, contacts (+ dates, interactions, commitments), communities (+ participations),
    # incidents with assessment and reflection (+ stakeholders, conversations, steps, timeline),
    # coach comments with author (+ replies), reminder settings; 16 since the keep-in-touch defaults
    # by relationship (network.cadences, one query); 17 with the evidence entries (one query, and
    # three more, who was present and the versions, once there are entries); 18 with the reviews after
    # the close (one query); 20 with each stakeholder's stance readings and each note's versions
    # (one query each); 21 with the thought records (one query); 22 with the check-ins (one query);
    # 24 with the radar's checks and prevention steps (one query each); 27 with the coaching sessions,
    # the nudges received and the playbooks (one query each, and one more for the playbooks' steps
    # when there are playbooks: tests/accounts/test_portability_coaching.py)
    assert len(queries) == 27


def test_round_trip_export_delete_import_export_gives_the_same_document(client, client_user, coach):
    seed_rich_account(client_user)
    seed_coaching(client_user, coach)
    client.force_login(client_user)
    first = download(client)
    assert len(first["coach_comments_received"]) == 1
    counts = {
        model: model.objects.filter(**{lookup: client_user}).count()
        for model, lookup in [
            (Incident, "owner"), (Stakeholder, "incident__owner"), (ActionStep, "incident__owner"),
            (TimelineEvent, "incident__owner"), (Contact, "owner"), (Commitment, "contact__owner"),
        ]
    }  # fmt: skip

    assert client.post(DELETE, {"password": PASSWORD}).status_code == 302
    assert not User.objects.filter(pk=client_user.pk).exists()

    newcomer = make_user(display_name="Someone new")
    client.force_login(newcomer)
    response = upload(client, json.dumps(first, ensure_ascii=False).encode())
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert response.url == reverse("incidents:list")
    for model, lookup in [(m, k) for m, k in [
        (Incident, "owner"), (Stakeholder, "incident__owner"), (ActionStep, "incident__owner"),
        (TimelineEvent, "incident__owner"), (Contact, "owner"), (Commitment, "contact__owner"),
    ]]:  # fmt: skip
        assert model.objects.filter(**{lookup: newcomer}).count() == counts[model], model

    second = download(client)
    assert second["user"]["email"] == newcomer.email
    assert second["coach_comments_received"] == []
    # Consent is never imported: no link, and nothing shared with whoever the new account links to.
    assert not CoachingLink.objects.filter(client=newcomer).exists()
    assert [i["shared_with_coach"] for i in second["incidents"]] == [False, False, False]
    for incident in first["incidents"]:
        incident["shared_with_coach"] = False
    assert normalised(second) == normalised(first)
    assert ReminderSettings.objects.get(user=newcomer).frequency == "weekly"
    newcomer.refresh_from_db()
    assert (newcomer.display_name, newcomer.language, newcomer.time_zone) == (
        "Mei 美 <b>",
        "zh-hant",
        "Asia/Taipei",
    )


def test_import_never_reuses_ids_from_the_file_or_touches_existing_rows(client, client_user, stranger):
    seed_rich_account(client_user)
    client.force_login(client_user)
    document = download(client)
    original_ids = set(Incident.objects.filter(owner=client_user).values_list("public_id", flat=True))
    client.force_login(stranger)
    assert upload(client, json.dumps(document).encode()).status_code == 302
    copied_ids = set(Incident.objects.filter(owner=stranger).values_list("public_id", flat=True))
    assert len(copied_ids) == 3 and not copied_ids & original_ids
    assert Incident.objects.filter(owner=client_user).count() == 3
    assert Stakeholder.objects.filter(incident__owner=stranger, contact__owner=client_user).count() == 0
