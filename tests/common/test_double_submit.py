"""A double submit creates one row: every create form is idempotent per render (issue 15, item 2).

A double click or a retry on a bad connection posts the same rendered form twice. Each create form
carries a fresh token in a hidden field (crisis_coach/common/submissions.py); the second post of
the same token creates nothing and answers as the first did. Posting the form as a browser without
JavaScript would, both one after the other and at the same instant (two threads, two test clients
of the same signed-in person, a barrier), must leave exactly one new row.
"""

import datetime
import io
import threading
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from crisis_coach.coaching import services as coaching
from crisis_coach.coaching.models import (
    CoachComment,
    CoachingLink,
    CoachingRating,
    CoachingSession,
    CoachNote,
    CoachNudge,
    Playbook,
)
from crisis_coach.coaching.playbooks import services as playbook_services
from crisis_coach.common.models import SubmissionToken
from crisis_coach.common.submissions import FIELD
from crisis_coach.evidence.models import EvidenceEntry
from crisis_coach.incidents.models import (
    ActionStep,
    Conversation,
    EventKind,
    Incident,
    Stakeholder,
    TimelineEvent,
)
from crisis_coach.incidents.playbooks import playbook_for
from crisis_coach.network import services as network
from crisis_coach.network.models import (
    Commitment,
    Community,
    Contact,
    ImportantDate,
    Interaction,
    Participation,
)
from crisis_coach.wellbeing.models import RadarCheck, ThoughtRecord
from crisis_coach.wellbeing.radar.questions import QUESTIONS
from tests.factories import (
    PASSWORD,
    make_contact,
    make_incident,
    make_reflection,
    make_stakeholder,
    make_step,
    make_user,
)
from tests.security.test_fuzz_forms import FormFields


def day(offset: int):
    """A date typed into a form, `offset` days from the person's today (UTC, the factories' zone)."""
    return lambda: (timezone.localdate(timezone=datetime.UTC) + timedelta(days=offset)).isoformat()


def moment(offset: int):
    return lambda: day(offset)() + "T10:00"


def build_world():
    client = make_user(display_name="Dee Double")
    coach = make_user(display_name="Cy Coach", is_coach=True)
    coaching.link_create(client=client, coach_profile=coach.coach_profile)
    incident = make_incident(client)
    coaching.incident_set_shared(incident=incident, shared=True)
    stakeholder = make_stakeholder(incident)
    contact = make_contact(client)
    network.important_date_create(
        contact=contact,
        kind="birthday",
        label="",
        date=datetime.date.fromisoformat(day(3)()),
        repeats_yearly=True,
    )
    return {
        "client": client,
        "coach": coach,
        "loner": make_user(display_name="Lee Loner"),
        "incident": incident,
        "stakeholder": stakeholder,
        "contact": contact,
        "date": ImportantDate.objects.get(contact=contact),
        "community": network.community_create(
            owner=client, name="Guild", kind="association", url="", notes=""
        ),
        "comment": coaching.coach_comment_add(
            coach=coach, incident=incident, body="Good start", notify=False
        ),
    }


def closed_and_shared(world):
    """A closed case of the client, shared with her coach: the page offers the rating once."""
    incident = make_incident(world["client"], title="Closed with my coach")
    coaching.incident_set_shared(incident=incident, shared=True)
    make_step(incident, title="Sent the apology", status="done")
    make_reflection(incident)
    world["closed"] = incident
    return incident


def coach_playbook(world):
    """A playbook of the client's coach with one step, offered on her case's Resolve page."""
    world["playbook"] = playbook_services.playbook_create(
        coach=world["coach"],
        name="Winning back a client",
        crisis_types=[],
        steps=[{"title": "Call the client", "kind": "quick_win", "due_in_days": 2, "detail": ""}],
    )
    world["playbook_step"] = world["playbook"].steps.get()
    return world["playbook"]


def coach_session(world):
    """A session the coach proposed to the client, three days ahead: its page has the private note form."""
    from crisis_coach.coaching.sessions.services import session_propose

    world["session"] = session_propose(
        client=world["client"],
        coach=world["coach"],
        proposed_by=world["coach"],
        starts_at=timezone.now() + timedelta(days=3),
        duration_minutes=50,
        notify=False,
    )
    return reverse("coach:session_detail", args=[world["session"].public_id])


def playbook_add_url(name, *more):
    return lambda w: reverse(
        f"coaching:{name}",
        args=[w["incident"].public_id, w["playbook"].public_id, *(w[m].public_id for m in more)],
    )


def incident_url(name, *more):
    return lambda w: reverse(
        f"incidents:{name}", args=[w["incident"].public_id, *(w[m].public_id for m in more)]
    )


def object_url(name, key):
    return lambda w: reverse(name, args=[w[key].public_id])


def fixed(url):
    return lambda w: url


@dataclass
class CreateForm:
    who: str
    page: object  # world -> the page the form is on
    action: object  # world -> where it posts (None: to its own page)
    data: dict  # what a person types (the rest: what the page offers)
    made: object  # world -> what a second submit must not change (usually a count of rows)
    htmx: bool = False


def count(model, **lookups):
    return lambda w: model.objects.filter(
        **{k: v(w) if callable(v) else v for k, v in lookups.items()}
    ).count()


# Every create form and one-click create button, by the URL it posts to. A new URL must be listed
# here or in NOT_CREATES (test_every_url_is_known_as_a_create_or_not).
CREATE_FORMS = {
    "incidents:create": CreateForm(
        "client",
        fixed("/incidents/new/"),
        None,
        {"title": "Double-clicked", "occurred_on": day(-1), "crisis_type": "work_mistake", "severity": "3"},
        count(Incident, owner=lambda w: w["client"]),
    ),
    "incidents:note_add": CreateForm(
        "client",
        incident_url("detail"),
        incident_url("note_add"),
        {"text": "Called HR"},
        count(TimelineEvent, kind=EventKind.NOTE),
    ),
    "incidents:stakeholder_add": CreateForm(
        "client",
        incident_url("assess"),
        incident_url("stakeholder_add"),
        {"name": "Mr Lee"},
        count(Stakeholder),
    ),
    "incidents:stakeholder_add (htmx)": CreateForm(
        "client",
        incident_url("assess"),
        incident_url("stakeholder_add"),
        {"name": "Mr Lee"},
        count(Stakeholder),
        htmx=True,
    ),
    "incidents:stakeholder_to_contact": CreateForm(
        "client",
        incident_url("assess"),
        incident_url("stakeholder_to_contact", "stakeholder"),
        {},
        count(Contact),
    ),
    "incidents:conversation_plan": CreateForm(
        "client",
        incident_url("confront"),
        incident_url("conversation_plan"),
        {"planned_for": moment(2)},
        count(Conversation),
    ),
    "incidents:step_add": CreateForm(
        "client",
        incident_url("resolve"),
        incident_url("step_add"),
        {"title": "Send the apology", "due_on": day(6)},
        count(ActionStep),
    ),
    "incidents:playbook_add": CreateForm(
        "client",
        incident_url("resolve"),
        incident_url("playbook_add"),
        {"key": playbook_for("work_mistake")[0].key},
        count(ActionStep),
    ),
    "evidence:add": CreateForm(
        "client",
        lambda w: reverse("evidence:add", args=[w["incident"].public_id]),
        None,
        {"happened_on": day(-2), "what_happened": "Mr Lee raised his voice in the meeting."},
        lambda w: EvidenceEntry.objects.count(),
    ),
    "thoughts:add": CreateForm(
        "client",
        lambda w: reverse("thoughts:add", args=[w["incident"].public_id]),
        None,
        {
            "situation": "The review meeting.",
            "thought": "They will let me go.",
            "emotion": "anxious",
            "intensity_before": "80",
        },
        lambda w: ThoughtRecord.objects.count(),
    ),
    "radar:check": CreateForm(
        "client",
        fixed("/radar/"),
        None,
        {question.key: "1" for question in QUESTIONS},
        lambda w: RadarCheck.objects.count(),
    ),
    "network:touch_plan": CreateForm(
        "client",
        incident_url("detail"),
        lambda w: reverse("network:touch_plan", args=[w["incident"].public_id, w["contact"].public_id]),
        {},
        count(ActionStep),
    ),
    "network:contact_create": CreateForm(
        "client",
        fixed("/network/contacts/new/"),
        None,
        {"name": "Kim Twice", "cadence_days": "30"},
        count(Contact),
    ),
    "network:interaction_create": CreateForm(
        "client",
        object_url("network:contact_detail", "contact"),
        object_url("network:interaction_create", "contact"),
        {"happened_on": day(0), "summary": "Coffee"},
        count(Interaction),
    ),
    "network:touch_log": CreateForm(
        "client",
        object_url("network:contact_detail", "contact"),
        object_url("network:touch_log", "contact"),
        {},
        count(Interaction),
    ),
    "network:important_date_create": CreateForm(
        "client",
        object_url("network:important_date_create", "contact"),
        None,
        {"kind": "work_anniversary", "date": "2020-02-01"},
        count(ImportantDate),
    ),
    "network:date_congratulate": CreateForm(
        "client",
        fixed("/network/keep-in-touch/"),
        object_url("network:date_congratulate", "date"),
        {},
        count(Interaction),
    ),
    "network:commitment_create": CreateForm(
        "client",
        object_url("network:commitment_create", "contact"),
        None,
        {"what": "Send the deck", "due_on": day(8)},
        count(Commitment),
    ),
    "network:community_create": CreateForm(
        "client", fixed("/network/communities/new/"), None, {"name": "Makers", "url": ""}, count(Community)
    ),
    "network:community_detail": CreateForm(
        "client",
        object_url("network:community_detail", "community"),
        None,
        {"happened_on": day(0)},
        count(Participation),
    ),
    "coaching:home": CreateForm(
        "loner",
        fixed("/coaching/"),
        None,
        {"code": "(the coach's code)"},
        count(CoachingLink),
    ),
    "coaching:welcome": CreateForm(
        "loner",
        fixed("/coaching/welcome/"),
        None,
        {"code": "(the coach's code)"},
        count(CoachingLink),
    ),
    "coaching:comment_reply": CreateForm(
        "client",
        fixed("/coaching/"),
        lambda w: reverse("coaching:comment_reply", args=[w["incident"].public_id, w["comment"].public_id]),
        {"body": "Thanks, will do"},
        count(CoachComment),
    ),
    "coaching:playbook_step_add": CreateForm(
        "client",
        lambda w: coach_playbook(w) and reverse("incidents:resolve", args=[w["incident"].public_id]),
        playbook_add_url("playbook_step_add", "playbook_step"),
        {},
        count(ActionStep),
    ),
    "coaching:playbook_add": CreateForm(
        "client",
        lambda w: coach_playbook(w) and reverse("incidents:resolve", args=[w["incident"].public_id]),
        playbook_add_url("playbook_add"),
        {},
        count(ActionStep),
    ),
    "coach:playbook_create": CreateForm(
        "coach",
        fixed("/coach/playbooks/new/"),
        None,
        {"name": "Winning back a client", "steps-0-title": "Call the client"},
        count(Playbook),
    ),
    "coach:playbook_copy": CreateForm(
        "coach",
        lambda w: coach_playbook(w) and "/coach/playbooks/",
        lambda w: reverse("coach:playbook_copy", args=[w["playbook"].public_id]),
        {},
        count(Playbook),
    ),
    "coach:code_regenerate": CreateForm(
        "coach",
        fixed("/coach/"),
        fixed("/coach/code/"),
        {},
        lambda w: w["coach"].coach_profile.__class__.objects.get(user=w["coach"]).invite_code,
    ),
    "coach:comment_add": CreateForm(
        "coach",
        object_url("coach:case", "incident"),
        object_url("coach:comment_add", "incident"),
        {"body": "Well handled"},
        count(CoachComment),
    ),
    "coach:step_propose": CreateForm(
        "coach",
        object_url("coach:case", "incident"),
        object_url("coach:step_propose", "incident"),
        {"title": "Ask for feedback"},
        count(ActionStep),
    ),
    "coach:note_add": CreateForm(
        "coach",
        object_url("coach:case", "incident"),
        object_url("coach:note_add", "incident"),
        {"body": "Seems calmer"},
        count(CoachNote),
    ),
    "coach:nudge_send": CreateForm(
        "coach",
        object_url("coach:case", "incident"),
        object_url("coach:nudge_send", "incident"),
        {"body": "Any news on the apology?"},
        count(CoachNudge),
    ),
    "coaching:session_propose": CreateForm(
        "client",
        fixed("/coaching/sessions/propose/"),
        None,
        {"starts_at": moment(3), "duration_minutes": "50"},
        count(CoachingSession),
    ),
    "coach:session_propose": CreateForm(
        "coach",
        lambda w: reverse("coach:session_propose", args=[w["coach"].coached_links.get().public_id]),
        None,
        {"starts_at": moment(3), "duration_minutes": "50"},
        count(CoachingSession),
    ),
    "coach:session_note_add": CreateForm(
        "coach",
        coach_session,
        lambda w: reverse("coach:session_note_add", args=[w["session"].public_id]),
        {"body": "Seems tired"},
        count(CoachNote),
    ),
    "coaching:rating": CreateForm(
        "client",
        lambda w: reverse("incidents:detail", args=[closed_and_shared(w).public_id]),
        lambda w: reverse("coaching:rating", args=[w["closed"].public_id]),
        {"score": "4", "comment": "Helpful", "anonymous": "on"},
        count(CoachingRating),
    ),
}

# URLs that take a POST but cannot make a second row out of a second identical post.
NOT_CREATES = {
    # Edits, deletes and state changes: the second post finds the state the first left.
    "incidents:edit", "incidents:delete", "incidents:restore", "incidents:reopen",
    "incidents:assessment_save",
    "incidents:stakeholder_edit", "incidents:stakeholder_delete", "incidents:conversation_edit",
    "incidents:conversation_record", "incidents:conversation_delete", "incidents:step_edit",
    "incidents:step_status", "incidents:step_move", "incidents:step_delete",
    "incidents:reflection_save",  # one reflection per setback, saved in place
    "incidents:note_edit", "incidents:note_history",  # a note edited in place (version-checked); a read
    # The coach's playbooks: the lists only read; an edit (version-checked), an archive and its undo
    # find the state the first post left.
    "coach:playbooks", "coach:playbooks_archived", "coach:playbook_edit", "coach:playbook_archive",
    "coach:playbook_unarchive",
    "coaching:link_end", "coaching:share_all", "coaching:incident_share", "coaching:proposal_accept",
    "coaching:proposal_decline", "coach:link_end", "coach:note_delete",
    "coach:digest",  # the coach's digest settings: one set per coach, saved in place
    # A session's answer, change of time, agenda, summary and calling off find the state the first left
    # (the answers and the changes are version-checked); the lists and the page only read.
    *[
        f"{side}:{name}"
        for side in ("coaching", "coach")
        for name in (
            "sessions", "session_detail", "session_accept", "session_decline", "session_move",
            "session_agenda", "session_cancel",
        )
    ],
    "coach:session_summary",
    "coach:case_session_propose",  # a redirect from the case review to the proposing form
    # A nudge's dismiss sets one time; a skipped rating offer is one row per case (RatedCase).
    "coaching:nudge_dismiss", "coaching:rating_skip", "coach:feedback",
    "network:contact_edit", "network:contact_delete", "network:interaction_delete",
    "network:important_date_edit", "network:important_date_delete", "network:commitment_edit",
    "network:commitment_kept", "network:commitment_broken", "network:commitment_reopen",
    "network:commitment_delete", "network:community_edit", "network:community_delete",
    "network:participation_delete", "reminders:step_done", "reminders:settings",
    # The evidence log: edits, the trash, and pages that only read (the report and its PDF included).
    "evidence:edit", "evidence:delete", "evidence:restore", "evidence:log", "evidence:trash",
    "evidence:history", "evidence:report", "evidence:report_pdf", "coach:evidence",
    # The coach's read-only pages of the sections a client shares (issue 20): GET only.
    "coach:thoughts", "coach:check_ins",
    # A second upload is a second preview (nothing is saved before it is confirmed); confirming
    # queues the saving once, from the preview only; the rest only read.
    "network:contact_import", "network:contact_import_job", "network:contact_import_status",
    "network:contact_import_sample", "network:contact_export",
    # Changes of a step or a review after the close (versioned, or a status): the second post finds
    # the state the first left. A check's answer is kept on its step; a drop is kept with its reason.
    "incidents:step_check", "incidents:step_drop", "incidents:review", "incidents:review_skip",
    # Copies an earlier case's prevention step once: a step of the same title already in the plan
    # is not added again ("Already in your plan").
    "incidents:prevention_copy",
    # Edits and settings: a snooze sets one date on the contact, the defaults are one set per person.
    "network:interaction_edit", "network:participation_edit", "network:contact_snooze",
    "network:cadence_defaults",
    # Sends the coach one email a day at most (a rate limit per client and day); it makes no row.
    "coaching:hard_time",
    # Thought records: their edits (two parts, each version-checked), the delete and the list.
    "thoughts:edit", "thoughts:balance", "thoughts:delete", "thoughts:list",
    # One check-in per person and day (unique): the first post makes it, the same form posted
    # again finds it and shows it as saved elsewhere (version 0 against 1), creating nothing.
    "wellbeing:check_in", "wellbeing:check_in_list", "wellbeing:support",
    # The radar's suggested steps join the plan once by their source (the owner's row locked while
    # they are added); the plan's edits, ticks and deletes; pages that only read.
    "radar:suggestions_add", "radar:step_edit", "radar:step_status", "radar:step_delete",
    "radar:result", "radar:plan",
    "reminders:calendar_regenerate",  # a new feed address; the page shows the latest
    "reminders:unsubscribe",
    # The account: no signed-in person yet, or one row per person whatever is posted.
    "account_signup", "account_login", "account_logout", "accounts:settings", "accounts:set_language",
    "accounts:sign_out_elsewhere", "accounts:session_end", "accounts:import", "accounts:delete",
    "account_change_password", "account_set_password", "account_reset_password",
    "account_reset_password_from_key", "account_confirm_email", "account_confirm_login_code",
    "account_reauthenticate", "account_request_reauthentication_code",
    "account_confirm_reauthentication_code",
    # One open support-access window per person: a second grant replaces the first; ending is a state.
    "accounts:support_access_allow", "accounts:support_access_end",
    # allauth keeps one row per address (account_email: an address the account has is refused) and
    # one authenticator app and one set of recovery codes per person (activating again is refused,
    # generating again replaces them); a passkey's one-time challenge is spent by the first post.
    "account_email", "mfa_activate_totp", "mfa_deactivate_totp", "mfa_generate_recovery_codes",
    "mfa_add_webauthn", "mfa_edit_webauthn", "mfa_remove_webauthn", "mfa_authenticate",
    "mfa_reauthenticate", "mfa_reauthenticate_webauthn", "mfa_login_webauthn",
    # Pages that only read.
    "home", "healthz", "manifest", "accounts:welcome", "accounts:security", "accounts:export",
    "account_reset_password_done", "account_reset_password_from_key_done", "account_inactive",
    "account_email_verification_sent", "mfa_index", "mfa_view_recovery_codes",
    "mfa_download_recovery_codes", "mfa_list_webauthn", "search:results",
    "incidents:list", "incidents:trash",
    "incidents:detail", "incidents:assess", "incidents:confront", "incidents:resolve", "coach:dashboard",
    "coach:clients", "coach:case", "network:contacts", "network:contact_detail", "network:keep_in_touch",
    "network:commitments", "network:communities", "reminders:today", "reminders:calendar_feed",
    "insights:home", "insights:report", "insights:report_markdown",
}  # fmt: skip


def url_names(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if hasattr(pattern, "url_patterns"):
            if pattern.namespace != "admin":
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                yield from url_names(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_is_known_as_a_create_or_not():
    creates = {name.split(" ")[0] for name in CREATE_FORMS}
    unknown = set(url_names()) - creates - NOT_CREATES
    assert not unknown, f"is each a create? Guard it with create_once and list it in CREATE_FORMS: {unknown}"


def browser_for(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def the_form(browser, world, spec: CreateForm) -> tuple[str, dict]:
    """The form as its page renders it (token included), filled in as a person would."""
    page = spec.page(world)
    action = spec.action(world) if spec.action else page
    parser = FormFields(page)
    parser.feed(browser.get(page).content.decode())
    assert action in parser.forms, f"no form to {action} on {page}"
    data = {**parser.forms[action], **{k: v() if callable(v) else v for k, v in spec.data.items()}}
    if "code" in spec.data:
        data["code"] = world["coach"].coach_profile.invite_code
    return action, data


def answer(response):
    return response.status_code, response.get("Location"), response.get("HX-Redirect")


@pytest.mark.django_db
@pytest.mark.parametrize("name", CREATE_FORMS)
def test_posting_the_same_form_twice_creates_once_and_answers_the_same(name):
    spec = CREATE_FORMS[name]
    world = build_world()
    browser = browser_for(world[spec.who])
    action, data = the_form(browser, world, spec)
    assert data.get(FIELD), f"{name}: the form carries no {FIELD!r} token"
    headers = {"HTTP_HX_REQUEST": "true"} if spec.htmx else {}
    before = spec.made(world)

    first = browser.post(action, data, **headers)
    assert first.status_code in (200, 302), f"{name}: {first.status_code}"
    after_first = spec.made(world)
    assert after_first != before, f"{name}: the first post created nothing (is the test data valid?)"

    second = browser.post(action, data, **headers)
    assert spec.made(world) == after_first, f"{name}: the second post of the same form created again"
    assert answer(second) == answer(first)


@pytest.mark.django_db
def test_each_render_carries_a_fresh_token_and_the_next_form_creates_again():
    world = build_world()
    browser = browser_for(world["client"])
    spec = CREATE_FORMS["network:contact_create"]
    first_action, first = the_form(browser, world, spec)
    second_action, second = the_form(browser, world, spec)
    assert first[FIELD] != second[FIELD]
    browser.post(first_action, first)
    browser.post(second_action, second)  # the person really adds the same name twice, from two renders
    assert Contact.objects.filter(name="Kim Twice").count() == 2


@pytest.mark.django_db
def test_an_edit_form_carries_no_token(logged_in, client_user):
    contact = make_contact(client_user)
    page = logged_in.get(reverse("network:contact_edit", args=[contact.public_id])).content.decode()
    assert f'name="{FIELD}"' not in page


@pytest.mark.django_db
@pytest.mark.parametrize("token", [None, "", "\x00", "<script>", "x" * 5000, "short"])
def test_a_post_without_a_usable_token_still_creates_without_an_error(logged_in, token):
    data = {"name": "Pat Plain", "relationship": "peer", "importance": "3", "cadence_days": "30"}
    if token is not None:
        data[FIELD] = token
    for _ in range(2):
        assert logged_in.post(reverse("network:contact_create"), data).status_code == 302
    assert Contact.objects.filter(name="Pat Plain").count() == 2  # unguarded, as before the guard existed


@pytest.mark.django_db
def test_a_form_whose_first_result_was_deleted_creates_it_again():
    world = build_world()
    browser = browser_for(world["client"])
    action, data = the_form(browser, world, CREATE_FORMS["network:contact_create"])
    browser.post(action, data)
    Contact.objects.get(name="Kim Twice").delete()
    response = browser.post(action, data)  # back, then submit again: the person means it
    contact = Contact.objects.get(name="Kim Twice")
    assert response["Location"] == reverse("network:contact_detail", args=[contact.public_id])


@pytest.mark.django_db
def test_a_token_counts_for_its_own_form_only():
    world = build_world()
    browser = browser_for(world["client"])
    action, data = the_form(browser, world, CREATE_FORMS["network:contact_create"])
    browser.post(action, data)
    community = {"name": "Same token", "kind": "association", FIELD: data[FIELD]}
    assert browser.post(reverse("network:community_create"), community).status_code == 302
    assert Community.objects.filter(name="Same token").exists()


@pytest.mark.django_db
def test_tokens_older_than_a_day_are_purged_with_the_trash(clock):
    world = build_world()
    browser = browser_for(world["client"])
    action, old = the_form(browser, world, CREATE_FORMS["network:contact_create"])
    browser.post(action, old)
    clock.shift(timedelta(days=1, minutes=1))
    action, recent = the_form(browser, world, CREATE_FORMS["network:community_create"])
    browser.post(action, recent)
    call_command("purge_trash", stdout=io.StringIO())
    assert list(SubmissionToken.objects.values_list("token", flat=True)) == [recent[FIELD]]


@pytest.mark.django_db
def test_deleting_the_account_deletes_its_tokens_and_the_export_leaves_them_out():
    world = build_world()
    user = world["client"]
    browser = browser_for(user)
    action, data = the_form(browser, world, CREATE_FORMS["network:contact_create"])
    browser.post(action, data)
    assert SubmissionToken.objects.filter(user=user).exists()
    export = browser.get(reverse("accounts:export"))
    assert data[FIELD] not in b"".join(getattr(export, "streaming_content", [export.content])).decode()

    assert browser.post(reverse("accounts:delete"), {"password": PASSWORD}).status_code == 302
    assert not SubmissionToken.objects.filter(user_id=user.pk).exists()


# --- at the same instant ---------------------------------------------------------------------------


def post_at_once(user, posts):
    """Two test clients of the same signed-in person (one session) post at the same moment."""
    first = browser_for(user)
    browsers = [first] + [Client() for _ in posts[1:]]
    for browser in browsers[1:]:
        browser.cookies[settings.SESSION_COOKIE_NAME] = first.cookies[settings.SESSION_COOKIE_NAME].value
    barrier = threading.Barrier(len(posts))
    answers = [None] * len(posts)
    errors = []

    def run(index, browser, action, data):
        try:
            barrier.wait(timeout=10)
            answers[index] = browser.post(action, data)
        except Exception as error:  # shown by the assertion below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection to the test database

    threads = [
        threading.Thread(target=run, args=(index, browser, action, data))
        for index, (browser, (action, data)) in enumerate(zip(browsers, posts, strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return answers


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "name", ["incidents:create", "incidents:step_add", "network:contact_create", "coaching:playbook_step_add"]
)
def test_a_double_click_at_the_same_instant_creates_once(name):
    spec = CREATE_FORMS[name]
    world = build_world()
    user = world[spec.who]
    action, data = the_form(browser_for(user), world, spec)
    before = spec.made(world)

    first, second = post_at_once(user, [(action, data), (action, data)])

    assert spec.made(world) == before + 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_add_step_leaves_one_step_and_positions_without_gaps():
    world = build_world()
    spec = CREATE_FORMS["incidents:step_add"]
    action, data = the_form(browser_for(world["client"]), world, spec)
    post_at_once(world["client"], [(action, data), (action, data)])
    steps = list(world["incident"].steps.order_by("position"))
    assert [(step.title, step.position) for step in steps] == [("Send the apology", 1)]


@pytest.mark.django_db(transaction=True)
def test_two_different_steps_added_at_once_get_different_positions():
    world = build_world()
    spec = CREATE_FORMS["incidents:step_add"]
    browser = browser_for(world["client"])
    for attempt in range(3):  # a race is not lost every time: three of them, so it shows
        posts = []
        for title in ("Call the client", "Write the summary"):
            action, data = the_form(browser, world, spec)  # two tabs: two renders, two tokens
            posts.append((action, {**data, "title": f"{title} {attempt}"}))
        post_at_once(world["client"], posts)

    positions = list(world["incident"].steps.values_list("position", flat=True))
    assert sorted(positions) == [1, 2, 3, 4, 5, 6]


# --- state changes that leave a line on the timeline ------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("step_check", {"check_result": "worked", "check_note": "They thanked me"}),
        ("step_drop", {"drop_reason": "The client moved on"}),
    ],
)
def test_a_step_checked_or_dropped_twice_tells_the_story_once(name, data, clock):
    world = build_world()
    browser = browser_for(world["client"])
    step = ActionStep.objects.create(incident=world["incident"], title="Call back", position=1)
    if name == "step_check":
        browser.post(incident_url("step_status", "step")({**world, "step": step}), {"status": "done"})
    url = incident_url(name, "step")({**world, "step": step})
    lines = TimelineEvent.objects.filter(incident=world["incident"])
    before = lines.count()

    first, second = browser.post(url, data), browser.post(url, data)  # a double click

    assert (first.status_code, second.status_code) == (302, 302)
    assert lines.count() == before + 1
    if name == "step_check":  # the same answer days later ("still worked") is a new line
        clock.shift(timedelta(days=7))
        browser.post(url, data)
        assert lines.count() == before + 2
