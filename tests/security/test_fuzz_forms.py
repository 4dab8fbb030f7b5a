"""Hostile input into every form of the product: field errors or success, never a 500, never live HTML.

Each form is found on its page (so a new field is fuzzed without touching this file), then Hypothesis
posts random and hostile values into every field at once: very long text, NUL bytes, right-to-left
overrides, emoji, huge and negative numbers, impossible dates, HTML and <script>. The answer must be
below 500, any redirect must stay on this site, and neither the answer nor the form's page afterwards
may contain the hostile markup unescaped.
"""

import datetime
import os
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisis_coach.coaching import services as coaching
from crisis_coach.coaching.playbooks import services as playbook_services
from crisis_coach.common.submissions import FIELD, new_token
from crisis_coach.evidence import services as evidence
from crisis_coach.network import services as network
from tests.factories import (
    make_contact,
    make_conversation,
    make_incident,
    make_stakeholder,
    make_step,
    make_user,
)

pytestmark = pytest.mark.django_db

LIVE_MARKUP = ["<script>alert(", "<img src=x onerror=", "<svg onload="]
HOSTILE_VALUES = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "//evil.example/",
    "\x00",
    "before\x00after",
    "\u202etxt.exe",
    "مرحبا \u200f العالم",
    "危機處理" * 50,
    "😀🔥👩‍👩‍👧‍👦" * 20,
    "x" * 20_000,
    "9" * 400,
    "-1",
    "0",
    "1e309",
    "NaN",
    "-9223372036854775809",
    "2026-02-30",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "99999-01-01",
    "2026-11-23T25:61",
    "{{ 7|add:7 }}{% debug %}",
    "' OR 1=1 --",
    "%s%n%x",
    "../../etc/passwd",
    "",
    " ",
]
hostile = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=300))

FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=os.environ.get("CI") == "true",  # CI stays reproducible; local runs keep exploring
    suppress_health_check=[HealthCheck.too_slow],
)


class FormFields(HTMLParser):
    """Every POST form on a page, by action: each field's name and a value the form would accept.

    Starting from acceptable values lets hostile text in one field get stored and shown, which is
    what the escaping check needs; fields with nothing sensible to offer get an empty string.
    """

    SENSIBLE = {
        "date": "2026-11-20", "datetime-local": "2026-11-20T10:00", "number": "3", "email": "a@b.test",
        "url": "https://example.test/", "text": "Plain words", "textarea": "Plain words", "hidden": "",
        "password": "a-long-and-unusual-passphrase-1",
    }  # fmt: skip

    def __init__(self, page_path: str):
        super().__init__()
        self.page_path = page_path
        self.forms: dict[str, dict[str, str]] = {}
        self.current: dict[str, str] | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            # A browser never sends the fragment (e.g. "#nudge", where the answer scrolls to).
            action = (attrs.get("action") or "").split("#")[0]
            self.current = self.forms.setdefault(action or self.page_path, {})
        elif self.current is None or (tag != "option" and (not name or name == "csrfmiddlewaretoken")):
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs or name not in self.current:
                    self.current[name] = attrs.get("value", "on")
            elif kind not in ("submit", "button"):
                self.current[name] = attrs.get("value") or self.SENSIBLE.get(kind, "")
        elif tag == "select":
            self.select = name
            self.current.setdefault(name, "")
        elif tag == "option" and self.select and (attrs.get("value") or "selected" in attrs):
            if "selected" in attrs or not self.current[self.select]:
                self.current[self.select] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea = name
            self.current[name] = ""

    def handle_data(self, data):
        if self.textarea and self.current is not None:
            self.current[self.textarea] += data.strip()

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            if self.current is not None and not self.current[self.textarea]:
                self.current[self.textarea] = self.SENSIBLE["textarea"]
            self.textarea = None


def build_world():
    client = make_user(display_name="Fuzz Client")
    coach = make_user(display_name="Fuzz Coach", is_coach=True)
    coaching.link_create(client=client, coach_profile=coach.coach_profile)
    incident = make_incident(client)
    coaching.incident_set_shared(incident=incident, shared=True)
    stakeholder = make_stakeholder(incident)
    contact = make_contact(client)
    community = network.community_create(owner=client, name="Guild", kind="association", url="", notes="")
    return {
        "client": client,
        "loner": make_user(display_name="No Coach Yet"),
        "coach": coach,
        "incident": incident,
        "stakeholder": stakeholder,
        "conversation": make_conversation(incident, stakeholder),
        "step": make_step(incident),
        "comment": coaching.coach_comment_add(coach=coach, incident=incident, body="Good", notify=False),
        "contact": contact,
        "date": network.important_date_create(
            contact=contact, kind="birthday", label="", date=datetime.date(1980, 3, 14), repeats_yearly=True
        ),
        "commitment": network.commitment_create(
            contact=contact, what="Send it", due_on=datetime.date(2026, 12, 1)
        ),
        "community": community,
        "evidence": evidence.entry_create(
            incident=incident, happened_on=incident.occurred_on, what_happened="A fact.", concerns=stakeholder
        ),
    }


def coach_playbook(world):
    """The coach's playbook with one step (its edit form holds the playbook and its steps)."""
    playbook = playbook_services.playbook_create(
        coach=world["coach"],
        name="Winning back a client",
        crisis_types=[],
        steps=[{"title": "Call the client", "kind": "quick_win", "due_in_days": 2, "detail": ""}],
    )
    return playbook.public_id


def coach_session(world, *, began: bool = False):
    """A session the coach proposed to the client, a week ahead (or, began, an hour ago: a summary is
    written once the session has begun)."""
    from crisis_coach.coaching.sessions.services import session_propose

    world["session"] = session_propose(
        client=world["client"],
        coach=world["coach"],
        proposed_by=world["coach"],
        starts_at=timezone.now() - datetime.timedelta(hours=1)
        if began
        else datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.UTC),
        duration_minutes=50,
        notify=False,
    )
    return world["session"].public_id


def incident_url(name, *more):
    return lambda w: reverse(
        f"incidents:{name}", args=[w["incident"].public_id, *(w[m].public_id for m in more)]
    )


def object_url(name, key):
    return lambda w: reverse(name, args=[w[key].public_id])


# id: (who posts, the page the form is on, the form's action — None when it posts to its own page)
FORMS = {
    "sign-up": (None, lambda w: "/accounts/signup/", None),
    "log in": (None, lambda w: "/accounts/login/", None),
    "password reset": (None, lambda w: "/accounts/password/reset/", None),
    "settings": ("client", lambda w: "/accounts/settings/", None),
    "support access": (
        "client",
        lambda w: reverse("accounts:security"),
        lambda w: reverse("accounts:support_access_allow"),
    ),
    "password change": ("client", lambda w: "/accounts/password/change/", None),
    "incident create": ("client", lambda w: "/incidents/new/", None),
    "incident edit": ("client", incident_url("edit"), None),
    "note": ("client", incident_url("detail"), incident_url("note_add")),
    "stakeholder add": ("client", incident_url("assess"), incident_url("stakeholder_add")),
    "stakeholder edit": ("client", incident_url("stakeholder_edit", "stakeholder"), None),
    "assessment": ("client", incident_url("assess"), incident_url("assessment_save")),
    "conversation plan": ("client", incident_url("confront"), incident_url("conversation_plan")),
    "conversation edit": ("client", incident_url("conversation_edit", "conversation"), None),
    "conversation record": ("client", incident_url("conversation_record", "conversation"), None),
    "step add": ("client", incident_url("resolve"), incident_url("step_add")),
    "step edit": ("client", incident_url("step_edit", "step"), None),
    "reflection": ("client", incident_url("resolve"), incident_url("reflection_save")),
    "evidence add": ("client", lambda w: reverse("evidence:add", args=[w["incident"].public_id]), None),
    "evidence edit": (
        "client",
        lambda w: reverse("evidence:edit", args=[w["incident"].public_id, w["evidence"].public_id]),
        None,
    ),
    "contact create": ("client", lambda w: "/network/contacts/new/", None),
    "contact edit": ("client", object_url("network:contact_edit", "contact"), None),
    "interaction": (
        "client",
        object_url("network:contact_detail", "contact"),
        object_url("network:interaction_create", "contact"),
    ),  # fmt: skip
    "important date create": ("client", object_url("network:important_date_create", "contact"), None),
    "important date edit": ("client", object_url("network:important_date_edit", "date"), None),
    "commitment create": ("client", object_url("network:commitment_create", "contact"), None),
    "commitment edit": ("client", object_url("network:commitment_edit", "commitment"), None),
    "community create": ("client", lambda w: "/network/communities/new/", None),
    "community edit": ("client", object_url("network:community_edit", "community"), None),
    "participation": ("client", object_url("network:community_detail", "community"), None),
    "reminder settings": ("client", lambda w: "/today/settings/", None),
    "account deletion": ("client", lambda w: "/accounts/delete/", None),
    "coach invite code": ("loner", lambda w: "/coaching/", None),
    "reply to the coach": (
        "client",
        lambda w: "/coaching/",
        lambda w: reverse("coaching:comment_reply", args=[w["incident"].public_id, w["comment"].public_id]),
    ),  # fmt: skip
    "coach comment": (
        "coach",
        object_url("coach:case", "incident"),
        object_url("coach:comment_add", "incident"),
    ),
    "coach step proposal": (
        "coach",
        object_url("coach:case", "incident"),
        object_url("coach:step_propose", "incident"),
    ),  # fmt: skip
    "coach note": ("coach", object_url("coach:case", "incident"), object_url("coach:note_add", "incident")),
    "coach digest settings": ("coach", lambda w: "/coach/digest/", None),
    "coach playbook create": ("coach", lambda w: "/coach/playbooks/new/", None),
    "coach playbook edit": (
        "coach",
        lambda w: reverse("coach:playbook_edit", args=[coach_playbook(w)]),
        None,
    ),
    "session propose (client)": ("client", lambda w: "/coaching/sessions/propose/", None),
    "session propose (coach)": (
        "coach",
        lambda w: reverse("coach:session_propose", args=[w["coach"].coached_links.get().public_id]),
        None,
    ),
    "session change": ("client", lambda w: reverse("coaching:session_move", args=[coach_session(w)]), None),
    "session agenda": ("client", lambda w: reverse("coaching:session_agenda", args=[coach_session(w)]), None),
    "session summary": (
        "coach",
        lambda w: reverse("coach:session_summary", args=[coach_session(w, began=True)]),
        None,
    ),
    "session note": (
        "coach",
        lambda w: reverse("coach:session_detail", args=[coach_session(w)]),
        lambda w: reverse("coach:session_note_add", args=[w["session"].public_id]),
    ),
}


def assert_harmless(response, where: str) -> None:
    assert response.status_code < 500, f"{where}: {response.status_code}"
    if response.status_code in (301, 302, 303):
        target = urlsplit(response["Location"])
        assert not target.netloc and not response["Location"].startswith(("//", "/\\")), (
            f"{where}: redirects off-site to {response['Location']!r}"
        )
    html = response.content.decode(errors="replace")
    for markup in LIVE_MARKUP:
        assert markup not in html, f"{where}: renders {markup!r} as live HTML"


@pytest.mark.parametrize("form", FORMS)
def test_hostile_input_gives_field_errors_or_success_never_a_500_or_live_html(db, form):
    world = build_world()
    who, page, action = FORMS[form]
    browser = Client()
    if who:
        browser.force_login(world[who])
    page_path = page(world)
    action_path = action(world) if action else page_path
    parser = FormFields(page_path)
    parser.feed(browser.get(page_path).content.decode())
    assert action_path in parser.forms, f"no POST form to {action_path} on {page_path}: {list(parser.forms)}"
    fields = parser.forms[action_path]
    assert fields, f"the form to {action_path} has no fields"

    def check(values):
        if FIELD in values and values[FIELD] == fields.get(FIELD):
            # A create form's double-submit token, untouched: a fresh one, as a new render would carry,
            # so each example is stored and shown rather than answered as the first one's repeat.
            values = {**values, FIELD: new_token()}
        response = browser.post(action_path, values)
        assert_harmless(response, f"POST {action_path}")
        if response.status_code in (301, 302, 303):
            # Where the stored values show: the page the form sent us to.
            assert_harmless(browser.get(response["Location"]), f"GET {response['Location']} after POST")

    # Every field at once, deterministically: NUL bytes (PostgreSQL text cannot hold them) and markup.
    for payload in ("before\x00after", "<script>alert(1)</script>"):
        check(dict.fromkeys(fields, payload))

    # Then Hypothesis: one, two or every field hostile, the others acceptable, so that hostile text
    # is often stored and shown.
    @st.composite
    def submissions(draw):
        names = draw(st.permutations(list(fields)))
        count = draw(st.sampled_from([1, 1, 2, len(names)]))
        return {**fields, **{name: draw(hostile, label=name) for name in names[:count]}}

    @FUZZ
    @given(values=submissions())
    def post(values):
        check(values)

    post()
