"""The coach practice in the export (version 4): the client's sessions and nudges, a case's sharing by
section, a step's playbook mark, a coach's playbooks and digest settings; never notes or ratings."""

import datetime
import json

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crisis_coach.accounts.models import User
from crisis_coach.coaching.models import (
    CoachingSession,
    CoachNudge,
    CoachProfile,
    Playbook,
    PlaybookStep,
    PlaybookStepUse,
)
from crisis_coach.incidents.models import ActionStep, Incident
from crisis_coach.portability.export import build_export
from tests.accounts.seed import seed_coaching, seed_rich_account
from tests.accounts.seed_practice import seed_practice
from tests.accounts.test_portability import DELETE, download, normalised, upload
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def as_bytes(document) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def test_the_clients_file_has_their_sessions_nudges_sharing_and_marks_but_no_notes_or_ratings(
    logged_in, client_user, coach
):
    seed = seed_practice(client_user, coach)
    document = download(logged_in)
    text = json.dumps(document, ensure_ascii=False)
    assert "SECRET" not in text and "RATING" not in text and "score" not in text
    past, upcoming = document["coaching_sessions"]  # by when they start
    assert upcoming == {
        "starts_at": seed["upcoming"].starts_at.astimezone(datetime.UTC).isoformat(),
        "duration_minutes": 45,
        "place": "https://meet.example.test/abc",
        "status": "accepted",
        "answered_at": seed["upcoming"].answered_at.astimezone(datetime.UTC).isoformat(),
        "agenda": "Team merged:\n- Ask HR for the timeline",
        "summary": "",
        "summary_written_at": None,
        "coach_name": coach.display_name,
        "created_at": seed["upcoming"].created_at.astimezone(datetime.UTC).isoformat(),
    }
    assert (past["summary"], past["coach_name"]) == ("We agreed on two steps.", coach.display_name)
    case = next(i for i in document["incidents"] if i["title"] == "Team merged")
    assert [case[f"share_{name}"] for name in ("reflection", "evidence", "thoughts", "check_ins")] == [
        False, True, False, True,
    ]  # fmt: skip
    assert [s["from_playbook"] for s in case["steps"]] == ["Restructuring: the first fortnight"]
    [nudge] = document["coach_nudges_received"]
    assert (nudge["incident"], nudge["coach_name"], nudge["body"], nudge["dismissed_at"]) == (
        case["id"], coach.display_name, "How did the HR talk go?", None,
    )  # fmt: skip
    assert document["playbooks"] == []  # the coach's, not the client's
    assert document["user"]["coach_profile"] is None


def test_the_coachs_file_has_their_playbooks_and_digest_settings_but_not_the_clients_sessions(
    client, client_user, coach
):
    seed_practice(client_user, coach)
    client.force_login(coach)
    document = download(client)
    assert document["user"]["coach_profile"] == {
        "bio": "", "digest_enabled": False, "digest_weekday": 4, "digest_time": "07:30:00",
    }  # fmt: skip
    assert [p["name"] for p in document["playbooks"]] == ["Restructuring: the first fortnight", "Old pack"]
    pack = document["playbooks"][0]
    assert pack["crisis_types"] == ["restructuring", "business_change"]
    assert pack["prompts"] == "What is decided, and what is still open?\nWho else is affected?"
    assert pack["archived_at"] is None and document["playbooks"][1]["archived_at"]
    assert [(s["title"], s["kind"], s["due_in_days"], s["position"]) for s in pack["steps"]] == [
        ("Ask HR for the timeline", "quick_win", 2, 0), ("Update the CV", "career", None, 1),
    ]  # fmt: skip
    assert pack["steps"][0]["detail"] == "In writing.\n"
    # The sessions are the client's record; the coach's file has neither them nor the private notes.
    assert document["coaching_sessions"] == [] and "SECRET" not in json.dumps(document)


def test_a_clients_round_trip_brings_back_sessions_without_a_coach_and_leaves_the_sharing_behind(
    client, client_user, coach
):
    seed_rich_account(client_user)
    seed_coaching(client_user, coach)
    seed_practice(client_user, coach)
    client.force_login(client_user)
    first = download(client)
    assert client.post(DELETE, {"password": PASSWORD}).status_code == 302
    assert not CoachingSession.objects.exists() and not CoachNudge.objects.exists()

    newcomer = make_user(display_name="Someone new")
    client.force_login(newcomer)
    response = upload(client, as_bytes(first))
    assert response.status_code == 302, response.context and response.context["form"].errors

    sessions = CoachingSession.objects.filter(client=newcomer)
    assert [(s.coach, s.proposed_by, s.coach_name) for s in sessions] == [
        (None, None, coach.display_name)
    ] * 2
    case = Incident.objects.get(owner=newcomer, title="Team merged")
    # Consent stays behind: the case comes back unshared, and sharing it again starts from the plan only.
    assert (case.shared_with_coach, case.share_evidence, case.share_check_ins) == (False, False, False)
    step = ActionStep.objects.get(incident=case)
    assert step.from_playbook == "Restructuring: the first fortnight"
    assert not PlaybookStepUse.objects.exists()  # the tie was to the coach's playbook, gone with the file
    assert not CoachNudge.objects.filter(incident__owner=newcomer).exists()  # for the record only

    second = download(client)
    assert second["coach_nudges_received"] == [] and len(first["coach_nudges_received"]) == 1
    for incident in first["incidents"]:
        incident.update(
            shared_with_coach=False,
            share_reflection=False,
            share_evidence=False,
            share_thoughts=False,
            share_check_ins=False,
        )
    assert normalised(second) == normalised(first)


def test_a_coachs_round_trip_brings_back_the_playbooks_and_the_digest_settings(client, client_user, coach):
    seed_practice(client_user, coach)
    client.force_login(coach)
    first = download(client)
    assert client.post(DELETE, {"password": PASSWORD}).status_code == 302
    assert not Playbook.objects.exists() and not PlaybookStep.objects.exists()

    newcomer = make_user(display_name="New coach account")
    client.force_login(newcomer)
    response = upload(client, as_bytes(first))
    assert response.status_code == 302
    assert "warning" not in [m.level_tag for m in get_messages(response.wsgi_request)]  # nothing skipped
    profile = CoachProfile.objects.get(user=newcomer)
    assert (profile.digest_enabled, profile.digest_weekday, profile.digest_time) == (
        False, 4, datetime.time(7, 30),
    )  # fmt: skip
    assert Playbook.objects.filter(coach=newcomer).count() == 2
    assert normalised(download(client)) == normalised(first)


def test_playbooks_in_a_file_without_a_coach_are_skipped_with_a_note(client, client_user, coach):
    seed_practice(client_user, coach)
    client.force_login(coach)
    document = download(client)
    document["user"]["coach_profile"] = None
    newcomer = make_user()
    client.force_login(newcomer)

    response = upload(client, as_bytes(document))

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)][1] == (
        "The file's 2 playbooks were not imported: playbooks belong to a coach's account."
    )
    assert not Playbook.objects.filter(coach=newcomer).exists()
    assert not CoachProfile.objects.filter(user=newcomer).exists()


def test_a_version_3_file_without_the_new_keys_still_imports_with_the_defaults(client, client_user, coach):
    seed_rich_account(client_user)
    seed_practice(client_user, coach)
    client.force_login(coach)
    document = download(client)
    document["version"] = 3
    for key in ("coaching_sessions", "coach_nudges_received", "playbooks"):
        del document[key]
    for key in ("digest_enabled", "digest_weekday", "digest_time"):
        del document["user"]["coach_profile"][key]
    client.force_login(client_user)
    old = download(client)
    old["version"] = 3
    for key in ("coaching_sessions", "coach_nudges_received", "playbooks"):
        del old[key]
    for incident in old["incidents"]:
        for name in ("share_reflection", "share_evidence", "share_thoughts", "share_check_ins"):
            del incident[name]
        for step in incident["steps"]:
            del step["from_playbook"]
    old["user"]["coach_profile"] = document["user"]["coach_profile"]

    newcomer = make_user()
    client.force_login(newcomer)
    response = upload(client, as_bytes(old))

    assert response.status_code == 302, response.context and response.context["form"].errors
    profile = CoachProfile.objects.get(user=newcomer)
    assert (profile.digest_enabled, profile.digest_weekday, profile.digest_time) == (
        True, 0, datetime.time(8, 0),
    )  # fmt: skip
    case = Incident.objects.get(owner=newcomer, title="Team merged")
    assert not (case.share_reflection or case.share_evidence or case.share_thoughts or case.share_check_ins)
    assert ActionStep.objects.get(incident=case).from_playbook == ""
    assert not CoachingSession.objects.filter(client=newcomer).exists()
    assert Incident.objects.filter(owner=newcomer).count() == 5


def _file(client, client_user, coach) -> dict:
    seed_practice(client_user, coach)
    client.force_login(client_user)
    document = download(client)
    client.force_login(coach)
    document["playbooks"] = download(client)["playbooks"]
    return document


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        (("coaching_sessions", 0, "duration_minutes"), 5, "coaching_sessions[0].duration_minutes: "),
        (("coaching_sessions", 1, "status"), "maybe", "coaching_sessions[1].status: Select a valid choice."),
        (("coaching_sessions", 0, "starts_at"), None, "coaching_sessions[0].starts_at: This field is"),
        (("coaching_sessions", 0, "agenda"), "x" * 4001, "coaching_sessions[0].agenda: "),
        (("coaching_sessions", 0, "coach_name"), 7, "coaching_sessions[0].coach_name: wrong type of value."),
        (("coaching_sessions",), {"a": 1}, "coaching_sessions: expected a list."),
        (("playbooks", 0, "name"), "", "playbooks[0].name: This field is required."),
        (("playbooks", 0, "crisis_types"), ["nope"], "playbooks[0].crisis_types: Select a valid choice."),
        (("playbooks", 0, "crisis_types"), "restructuring", "playbooks[0].crisis_types: wrong type"),
        (("playbooks", 0, "steps", 0, "kind"), "nap", "playbooks[0].steps[0].kind: Select a valid choice."),
        (("playbooks", 0, "steps", 1, "due_in_days"), 400, "playbooks[0].steps[1].due_in_days: "),
        (("playbooks", 0, "steps"), "two", "playbooks[0].steps: expected a list."),
        (("user", "coach_profile", "digest_weekday"), 7, "user.coach_profile.digest_weekday: "),
        (("user", "coach_profile", "digest_time"), "25:00", "user.coach_profile.digest_time: "),
        (("user", "coach_profile", "digest_enabled"), "no", "user.coach_profile.digest_enabled: wrong type"),
        (("incidents", 0, "share_evidence"), "yes", "incidents[0].share_evidence: wrong type of value."),
        (("incidents", 0, "steps", 0, "from_playbook"), "p" * 121, "incidents[0].steps[0].from_playbook: "),
    ],
)
def test_bad_values_are_refused_with_their_place_in_the_file_and_nothing_is_written(
    client, client_user, coach, where, value, message
):
    document = _file(client, client_user, coach)
    document["user"]["coach_profile"] = {"bio": "", "digest_enabled": True, "digest_weekday": 1,
                                         "digest_time": "08:00:00"}  # fmt: skip
    document["incidents"] = [i for i in document["incidents"] if i["title"] == "Team merged"]
    target = document
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    newcomer = make_user()
    client.force_login(newcomer)

    response = upload(client, as_bytes(document))

    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any(error.startswith(message) for error in errors), errors
    assert not Incident.objects.filter(owner=newcomer).exists()
    assert not CoachingSession.objects.filter(client=newcomer).exists()
    assert not CoachProfile.objects.filter(user=newcomer).exists()


@pytest.mark.parametrize("size", [1, 50])
def test_a_coachs_export_queries_do_not_grow_with_the_playbooks(client_user, coach, size):
    seed_practice(client_user, coach)
    for i in range(size):
        pack = Playbook.objects.create(coach=coach, name=f"Pack {i}")
        PlaybookStep.objects.create(playbook=pack, title="A step")
    coach = User.objects.get(pk=coach.pk)
    with CaptureQueriesContext(connection) as queries:
        document = build_export(coach)
    assert len(document["playbooks"]) == 2 + size
    # A coach without setbacks or contacts: nothing below them is fetched (tests/accounts/
    # test_portability.py pins a client's 27); the playbooks and their steps are one query each.
    assert len(queries) == 16


def test_playbooks_come_into_an_account_that_is_already_a_coachs(client, client_user, coach):
    document = _file(client, client_user, coach)  # the client's file, with the coach's playbooks in it
    assert document["user"]["coach_profile"] is None
    newcomer = make_user(is_coach=True)
    client.force_login(newcomer)

    response = upload(client, as_bytes(document))

    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]
    assert list(Playbook.objects.filter(coach=newcomer).values_list("name", flat=True)) == [
        "Old pack", "Restructuring: the first fortnight",
    ]  # fmt: skip
