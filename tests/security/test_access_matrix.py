"""A stranger, an unlinked coach and an ex-coach get 404 on every URL that names an object.

One world holds a client with one of everything, her current coach (linked, case shared) and her
former coach (link ended). Every registered URL is requested by each intruder, read and write; then
the rightful user requests it too, so a 404 can never come from a badly built URL.

A fourth intruder: support staff (a superuser with two-factor sign-in on) are strangers on every app
URL too; in the admin they see none of her content until she opens support access.

A further row: her current coach himself, linked and consented but without two-factor sign-in, is
sent to set it up (mfa_index) on every URL that shows a coach her case, and changes nothing.
"""

import datetime

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse

from crisis_coach.accounts.models import SecurityEvent
from crisis_coach.accounts.support import support_access_grant
from crisis_coach.coaching import rules as sharing
from crisis_coach.coaching import services as coaching
from crisis_coach.coaching.feedback import services as feedback
from crisis_coach.coaching.playbooks import services as playbook_services
from crisis_coach.coaching.sessions import services as sessions
from crisis_coach.evidence import services as evidence
from crisis_coach.incidents.models import CaseReview
from crisis_coach.incidents.playbooks import playbook_for
from crisis_coach.incidents.services import incident_trash, timeline_note_add
from crisis_coach.network import services as network
from tests.factories import (
    PASSWORD,
    TOTP_SECRET,
    make_assessment,
    make_contact,
    make_conversation,
    make_incident,
    make_stakeholder,
    make_step,
    make_user,
)
from tests.security.access_registry import ACCESS_TESTED, ADMIN_CONTENT, MATRIX

pytestmark = pytest.mark.django_db

INTRUDERS = ["stranger", "unlinked coach", "ex-coach", "staff without support access"]
HOSTILE_POST = {
    "title": "Hijacked", "name": "Mallory", "body": "pwned", "text": "pwned", "what": "pwned",
    "status": "done", "kind": "remedy", "shared": "1", "summary": "pwned", "key": "own_it",
    "channel": "call", "happened_on": "2026-01-01", "date": "2026-01-01", "due_on": "2026-01-01",
    "relationship": "peer", "importance": "3", "cadence_days": "7", "scope": "case",
}  # fmt: skip
WATCHED_APPS = ["incidents", "network", "coaching", "reminders", "insights", "usersessions", "evidence"]

# Which object of the world each URL's identifiers point at.
NETWORK_OBJECT = {
    "contact_detail": "contact", "contact_edit": "contact", "contact_delete": "contact",
    "interaction_create": "contact", "important_date_create": "contact", "commitment_create": "contact",
    "touch_log": "contact", "interaction_delete": "interaction", "important_date_edit": "date",
    "important_date_delete": "date", "date_congratulate": "date", "commitment_edit": "commitment",
    "commitment_kept": "commitment", "commitment_broken": "commitment", "commitment_reopen": "commitment",
    "commitment_delete": "commitment", "community_detail": "community", "community_edit": "community",
    "community_delete": "community", "participation_delete": "participation",
    "interaction_edit": "interaction", "participation_edit": "participation",
    "contact_snooze": "contact",
}  # fmt: skip
INCIDENT_CHILD = {
    "stakeholder_id": "stakeholder", "conversation_id": "conversation", "step_id": "step",
    "review_id": "review",
}  # fmt: skip


def other_browser_session(user) -> UserSession:
    """`user` signed in on another browser too: a live session the security page lists, and ends."""
    store = SessionStore()
    store.create()
    return UserSession.objects.create(
        user=user,
        session_key=store.session_key,
        ip="198.51.100.4",
        user_agent="Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    )


def build_world(*, coach_two_factor: bool = True):
    client = make_user(display_name="Cleo Client")
    ex_coach = make_user(display_name="Ezra Excoach", is_coach=True)
    coach = make_user(display_name="Casey Coach", is_coach=True, two_factor=coach_two_factor)
    unlinked_coach = make_user(display_name="Uma Unlinked", is_coach=True)
    stranger = make_user(display_name="Sid Stranger")
    staff = make_user(display_name="Sam Support", is_staff=True, is_superuser=True, two_factor=True)
    coaching.link_create(client=make_user(), coach_profile=unlinked_coach.coach_profile)

    old_link = coaching.link_create(client=client, coach_profile=ex_coach.coach_profile)
    incident = make_incident(client)
    coaching.incident_set_shared(incident=incident, shared=True)
    coaching.coach_note_add(coach=ex_coach, client=client, body="Ex-coach note", incident=incident)
    coaching.link_end(link=old_link, ended_by=client)

    link = coaching.link_create(client=client, coach_profile=coach.coach_profile)
    # Every section shared, so that her coach reaches every coach page of the case (the rows for a
    # section she does not share: test_her_coach_gets_404_on_a_section_of_the_case_not_shared).
    coaching.incident_set_shared(incident=incident, shared=True, sections=sharing.CHOSEN_SECTIONS)
    stakeholder = make_stakeholder(incident)
    make_assessment(incident)
    fact = {"happened_on": incident.occurred_on, "what_happened": "Fact"}
    evidence_trashed = evidence.entry_create(incident=incident, **fact)
    evidence.entry_trash(entry=evidence_trashed)
    trashed = make_incident(client, title="In the trash")
    incident_trash(incident=trashed)
    contact = make_contact(client)
    community = network.community_create(owner=client, name="Guild", kind="association", url="", notes="")
    today = datetime.date(2026, 11, 23)
    return {
        "users": {
            "client": client,
            "coach": coach,
            "ex-coach": ex_coach,
            "unlinked coach": unlinked_coach,
            "stranger": stranger,
            "staff without support access": staff,
        },  # fmt: skip
        "incident": incident,
        "trashed": trashed,
        "stakeholder": stakeholder,
        "evidence": evidence.entry_create(incident=incident, **fact),
        "evidence_trashed": evidence_trashed,
        "conversation": make_conversation(incident, stakeholder),
        "step": make_step(incident),
        "review": CaseReview.objects.create(incident=incident, offset_days=7, due_on=today),
        "timeline_note": timeline_note_add(incident=incident, text="Her own note"),
        "proposal": coaching.step_propose(coach=coach, incident=incident, title="Coach idea", kind="remedy"),
        "comment": coaching.coach_comment_add(coach=coach, incident=incident, body="Well done", notify=False),
        "note": coaching.coach_note_add(coach=coach, client=client, body="Private", incident=incident),
        "nudge": feedback.nudge_send(coach=coach, incident=incident, body="Any news?"),
        "link": link,
        # Proposed by the client: her coach may answer it (the matrix's rightful POST).
        "session": sessions.session_propose(
            client=client,
            coach=coach,
            proposed_by=client,
            duration_minutes=50,
            notify=False,
            starts_at=datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.UTC),
        ),  # fmt: skip
        "contact": contact,
        "interaction": network.interaction_log(
            contact=contact, happened_on=today, channel="call", summary="Hi"
        ),
        "date": network.important_date_create(
            contact=contact, kind="birthday", label="", date=datetime.date(1980, 3, 14), repeats_yearly=True
        ),
        "commitment": network.commitment_create(contact=contact, what="Send it", due_on=today),
        "community": community,
        "user_session": other_browser_session(client),
        "participation": network.participation_log(
            community=community, happened_on=today, kind="attended", notes=""
        ),
        "playbook": playbook_services.playbook_create(
            coach=coach,
            name="Her coach's playbook",
            crisis_types=[],
            steps=[{"title": "Call the client", "kind": "quick_win", "due_in_days": 2, "detail": ""}],
        ),
    }


def url_for(name: str, world) -> tuple[str, str]:
    """The URL and the user it belongs to (the client, or her coach for coach: URLs)."""
    namespace, view = name.split(":")
    if name == "network:touch_plan":  # a case and a contact of the same owner
        return reverse(name, args=[world["incident"].public_id, world["contact"].public_id]), "client"
    if namespace == "network":
        return reverse(name, args=[world[NETWORK_OBJECT[view]].public_id]), "client"
    if name == "incidents:prevention_copy":  # a prevention step of an earlier case of the same owner
        earlier = make_incident(world["users"]["client"], title="An earlier case")
        source = make_step(earlier, title="Keep a tracker", kind="prevention")
        return reverse(name, args=[world["incident"].public_id, source.public_id]), "client"
    if namespace == "incidents":
        incident = world["trashed"] if view == "restore" else world["incident"]
        kwargs = {"public_id": incident.public_id}
        if view in ("note_edit", "note_history"):  # a note is named by its row id within the case
            return reverse(name, args=[incident.public_id, world["timeline_note"].pk]), "client"
        route = reverse(name, kwargs=kwargs) if view not in CHILD_VIEWS else None
        if route is None:
            key = CHILD_VIEWS[view]
            kwargs[key] = world[INCIDENT_CHILD[key]].public_id
            route = reverse(name, kwargs=kwargs)
        return route, "client"
    if namespace == "evidence":  # the case's log; an entry of it (restore: one in its trash)
        entry = world["evidence_trashed" if view == "restore" else "evidence"]
        named = [entry.public_id] if view in ("history", "edit", "delete", "restore") else []
        return reverse(name, args=[world["incident"].public_id, *named]), "client"
    if name == "coaching:link_end":
        return reverse(name, args=[world["link"].public_id]), "client"
    if name == "coaching:incident_share":
        return reverse(name, args=[world["incident"].public_id]), "client"
    if name == "coaching:comment_reply":
        return reverse(name, args=[world["incident"].public_id, world["comment"].public_id]), "client"
    if name in ("coaching:proposal_accept", "coaching:proposal_decline"):
        return reverse(name, args=[world["incident"].public_id, world["proposal"].public_id]), "client"
    if namespace == "insights":
        return reverse(name, args=[world["incident"].public_id]), "client"
    if name == "accounts:session_end":
        return reverse(name, args=[world["user_session"].pk]), "client"
    if name == "reminders:step_done":
        return reverse(name, args=[world["incident"].public_id, world["step"].public_id]), "client"
    if name.startswith("coach:playbook_"):  # her coach's own playbook
        return reverse(name, args=[world["playbook"].public_id]), "coach"
    if name in ("coaching:playbook_add", "coaching:playbook_step_add"):  # into her case
        step = [world["playbook"].steps.get().public_id] if name == "coaching:playbook_step_add" else []
        return reverse(name, args=[world["incident"].public_id, world["playbook"].public_id, *step]), "client"
    if name == "coaching:nudge_dismiss":
        return reverse(name, args=[world["nudge"].public_id]), "client"
    if name in ("coaching:rating", "coaching:rating_skip"):  # her case (open: back to it, no offer)
        return reverse(name, args=[world["incident"].public_id]), "client"
    if name == "coach:link_end":
        return reverse(name, args=[world["link"].public_id]), "coach"
    if name == "coach:note_delete":
        return reverse(name, args=[world["note"].public_id]), "coach"
    if name == "coach:session_propose":  # to one of the coach's clients, by their link
        return reverse(name, args=[world["link"].public_id]), "coach"
    if view.startswith("session_"):
        return reverse(name, args=[world["session"].public_id]), "coach" if namespace == "coach" else "client"
    if namespace == "coach":
        return reverse(name, args=[world["incident"].public_id]), "coach"
    raise AssertionError(f"test_access_matrix does not know how to build {name}: add it to url_for()")


CHILD_VIEWS = {
    "stakeholder_edit": "stakeholder_id", "stakeholder_delete": "stakeholder_id",
    "stakeholder_to_contact": "stakeholder_id", "conversation_edit": "conversation_id",
    "conversation_record": "conversation_id", "conversation_delete": "conversation_id",
    "step_edit": "step_id", "step_status": "step_id", "step_move": "step_id", "step_delete": "step_id",
    "step_check": "step_id", "step_drop": "step_id",
    "review": "review_id", "review_skip": "review_id",
}  # fmt: skip


def snapshot():
    rows = []
    for label in WATCHED_APPS:
        if label not in {config.label for config in apps.get_app_configs()}:
            continue
        for model in apps.get_app_config(label).get_models():
            rows.append((model.__name__, list(model.objects.order_by("pk").values())))
    return rows


# The registry's names this matrix tests (the rest have a test of their own, named there).
MATRIX_NAMES = sorted(name for name, tests in ACCESS_TESTED.items() if MATRIX in tests)


@pytest.mark.parametrize("name", MATRIX_NAMES)
def test_intruders_get_404_and_change_nothing(client, name):
    world = build_world()
    url, rightful = url_for(name, world)
    before = snapshot()

    for intruder in INTRUDERS:
        client.force_login(world["users"][intruder])
        read = client.get(url)
        write = client.post(url, HOSTILE_POST)
        # 405 (a method the view never takes) is answered before any lookup and reveals nothing; the
        # method the view does take must answer 404.
        answers = (read.status_code, write.status_code)
        assert set(answers) <= {404, 405} and 404 in answers, f"{intruder} GET, POST {url}: {answers}"
    assert snapshot() == before, f"an intruder changed something through {url}"

    client.force_login(world["users"][rightful])
    read = client.get(url)
    if read.status_code == 405:
        read = client.post(url, valid_post(name, world))
    assert read.status_code != 404, f"the {rightful} gets 404 on {url}: the URL is badly built"


# The URLs that show a coach a client's case or caseload: all of /coach/, and the case report (and its
# Markdown) as the coach reads it.
COACH_FACING = [name for name in MATRIX_NAMES if name.split(":")[0] in ("coach", "insights")]


@pytest.mark.parametrize("name", COACH_FACING)
def test_a_coach_without_two_factor_is_sent_to_set_it_up_and_changes_nothing(client, name):
    world = build_world(coach_two_factor=False)
    coach = world["users"]["coach"]
    url, _rightful = url_for(name, world)
    before = snapshot()

    client.force_login(coach)
    read = client.get(url)
    write = client.post(url, HOSTILE_POST)
    answers = (read.status_code, write.status_code)
    # 405 is a method the view never takes; the one it does take sends the coach to set up two-factor.
    assert set(answers) <= {302, 405} and 302 in answers, (
        f"coach without two-factor GET, POST {url}: {answers}"
    )
    for response in (read, write):
        if response.status_code == 302:
            assert response["Location"] == reverse("mfa_index"), (
                f"{url} sent the coach to {response['Location']}"
            )
    assert snapshot() == before, f"a coach without two-factor changed something through {url}"

    # Once it is on, the same coach reaches the same URL: the redirect came from two-factor alone.
    TOTP.activate(coach, TOTP_SECRET)
    read = client.get(url)
    if read.status_code == 405:
        read = client.post(url, valid_post(name, world))
    assert read.status_code != 404, f"the coach gets 404 on {url}: the URL is badly built"
    assert read.get("Location") != reverse("mfa_index"), f"{url} still asks for two-factor once it is on"


# The coach's pages of one section of a shared case (coaching/rules.py), and the section each shows.
SECTION_PAGES = {
    "coach:evidence": sharing.EVIDENCE,
    "coach:thoughts": sharing.THOUGHTS,
    "coach:check_ins": sharing.CHECK_INS,
}


@pytest.mark.parametrize("name", sorted(SECTION_PAGES))
def test_her_coach_gets_404_on_a_section_of_the_case_not_shared(client, name):
    """Shared case, section not shared: her own linked coach, two-factor on, gets the same 404 as
    an intruder on that section's page, while every other section is shared; it logs no view and
    changes nothing. Shared again, the same coach reads it."""
    world = build_world()
    url, rightful = url_for(name, world)
    assert rightful == "coach"
    others = [section for section in sharing.CHOSEN_SECTIONS if section != SECTION_PAGES[name]]
    coaching.incident_set_shared(incident=world["incident"], shared=True, sections=others)
    before = snapshot()

    client.force_login(world["users"]["coach"])
    answers = (client.get(url).status_code, client.post(url, HOSTILE_POST).status_code)
    assert answers == (404, 405), f"her coach GET, POST {url} of a section not shared: {answers}"
    assert snapshot() == before, f"her coach changed something through {url}"

    coaching.incident_set_shared(
        incident=world["incident"], shared=True, sections=[*others, SECTION_PAGES[name]]
    )
    assert client.get(url).status_code == 200, f"her coach cannot read {url} once it is shared"


# The admin's pages of her content, and the world's object each shows (ADMIN_CONTENT in the registry).
ADMIN_OBJECT = {
    "network.Contact": "contact", "network.Interaction": "interaction", "network.Community": "community",
}  # fmt: skip


@pytest.mark.parametrize("label", sorted(ADMIN_CONTENT))
def test_staff_without_support_access_see_no_content_in_the_admin(client, label):
    """Support staff, superuser and two-factor on: an empty list, and the admin's "does not exist" on
    her object's pages, read or write; nothing changed, no view logged. Once she opens support access,
    the same staff member reads it."""
    world = build_world()
    obj = world[ADMIN_OBJECT[label]]
    prefix = f"admin:{obj._meta.app_label}_{obj._meta.model_name}"
    changelist = reverse(f"{prefix}_changelist")
    object_urls = [reverse(f"{prefix}_{view}", args=[obj.pk]) for view in ("change", "delete", "history")]
    before = snapshot()

    client.force_login(world["users"]["staff without support access"])
    assert client.get(changelist).context["cl"].result_count == 0
    for url in object_urls:
        answers = (client.get(url), client.post(url, {**HOSTILE_POST, "post": "yes"}))
        for answer in answers:
            assert (answer.status_code, answer.get("Location")) == (302, reverse("admin:index")), url
    assert snapshot() == before, f"staff without support access changed something through {label}'s admin"
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.STAFF_VIEWED).exists()

    support_access_grant(user=world["users"]["client"], hours=1)
    assert client.get(changelist).context["cl"].result_count >= 1
    assert client.get(object_urls[0]).status_code == 200, f"staff with support access cannot read {label}"


def valid_post(name: str, world) -> dict:
    """What a POST-only view needs to do its job (some answer 404 to a nonsense choice, by design)."""
    if name == "incidents:step_status":
        return {"status": "done"}
    if name == "incidents:playbook_add":
        return {"key": playbook_for(world["incident"].crisis_type)[0].key}
    return {}


def reauthenticated(user) -> Client:
    """Signed in, and just asked for the password again, as allauth asks before a passkey is renamed
    or removed (without it, every user is sent to /accounts/reauthenticate/ before any lookup)."""
    browser = Client()
    browser.force_login(user)
    response = browser.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302, response.status_code
    return browser


def test_another_users_passkey_is_a_404_to_rename_or_remove():
    owner = make_user(display_name="Cleo Client")
    key = Authenticator.objects.create(
        user=owner, type=Authenticator.Type.WEBAUTHN, data={"name": "Cleo's key", "credential": {}}
    )
    stranger = reauthenticated(make_user(display_name="Sid Stranger"))

    for name in ("mfa_edit_webauthn", "mfa_remove_webauthn"):
        url = reverse(name, kwargs={"pk": key.pk})
        answers = (stranger.get(url).status_code, stranger.post(url, {"name": "Mallory"}).status_code)
        assert answers == (404, 404), f"stranger GET, POST {url}: {answers}"
    key.refresh_from_db()
    assert key.data["name"] == "Cleo's key"

    # The owner, reauthenticated the same way, reaches both: the 404s came from the key not being theirs.
    browser = reauthenticated(owner)
    for name in ("mfa_edit_webauthn", "mfa_remove_webauthn"):
        assert browser.get(reverse(name, kwargs={"pk": key.pk})).status_code == 200, name
