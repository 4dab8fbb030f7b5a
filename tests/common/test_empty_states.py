"""Every list has an empty state (issue 24): for someone with no rows yet, one sentence saying what will
appear there and the one action that fills it (templates/includes/_empty_state.html). A list whose
empty state is removed, or whose action stops pointing at the page that fills it, fails here."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from crisis_coach.coaching.services import incident_set_shared, link_create
from tests.factories import make_incident, make_user

pytestmark = pytest.mark.django_db


@dataclass
class EmptyList:
    url: str
    message: str
    action: str  # the URL name the action links to; an anchor on it after "#"
    coach: bool = False
    with_case: bool = False
    with_coach: bool = False
    testid: str = "empty-state"


EMPTY_LISTS = [
    EmptyList("incidents:list", "Nothing logged yet. Setbacks you log appear here.", "incidents:create"),
    EmptyList("incidents:trash", "The trash is empty.", "incidents:list"),
    EmptyList(
        "evidence:log",
        "Nothing in the log yet. Dated facts you log about this case appear here.",
        "evidence:add",
        with_case=True,
    ),
    EmptyList("evidence:trash", "The trash is empty.", "evidence:log", with_case=True),
    EmptyList(
        "thoughts:list",
        "No thought records in this case yet. A thought about this setback that keeps coming back, "
        "written down and weighed up, appears here; each takes about five minutes.",
        "thoughts:add",
        with_case=True,
    ),
    EmptyList(
        "reminders:today",
        "This page gathers everything that needs you, in one list",
        "incidents:create",
        testid="today-empty",
    ),
    EmptyList(
        "insights:home",
        "Once you log a setback and work through it, this page shows",
        "incidents:create",
        testid="insights-empty",
    ),
    EmptyList(
        "network:contacts",
        "No contacts yet. The people whose decisions shape your career appear here once you add them.",
        "network:contact_create",
    ),
    EmptyList(
        "network:communities",
        "No communities yet. The associations, unions and groups of your field that you add appear here.",
        "network:community_create",
    ),
    EmptyList(
        "network:keep_in_touch",
        "No one to get back in touch with yet. The people you add to your network appear here when a touch "
        "is due.",
        "network:contact_create",
        testid="due-empty",
    ),
    EmptyList(
        "network:commitments",
        "No open promises. The promises you make to a contact, on their page, appear here.",
        "network:contacts",
    ),
    EmptyList(
        "wellbeing:check_in_list",
        "No check-ins yet. Each day's mood, sense of control and sleep appear here once you check in.",
        "wellbeing:check_in",
    ),
    EmptyList(
        "radar:plan",
        "No steps yet. When the radar shows a kind of crisis rising or standing high, it suggests steps you "
        "can add here with one click.",
        "radar:check",
        testid="prevention-plan-empty",
    ),
    EmptyList("coaching:home", "You have not logged any setbacks yet.", "incidents:create"),
    EmptyList(
        "coaching:sessions",
        "No upcoming sessions. Once a coach is linked, the sessions you agree on appear here.",
        "coaching:home",
    ),
    EmptyList(
        "coaching:sessions",
        "No upcoming sessions. The sessions you and your coach agree on appear here.",
        "coaching:session_propose",
        with_coach=True,
    ),
    EmptyList(
        "coach:dashboard",
        "No shared cases yet. When a client links you and shares a case, it appears here.",
        "coach:dashboard#code-heading",
        coach=True,
    ),
    EmptyList(
        "coach:clients",
        "No clients yet. The clients who link you with your invite code appear here.",
        "coach:dashboard#code-heading",
        coach=True,
    ),
    EmptyList(
        "coach:playbooks",
        "No playbooks yet. The steps you give clients again and again, written down once, appear here.",
        "coach:playbook_create",
        coach=True,
    ),
    EmptyList("coach:playbooks_archived", "No archived playbooks.", "coach:playbooks", coach=True),
    EmptyList(
        "coach:sessions",
        "No upcoming sessions. The sessions you and your clients agree on appear here.",
        "coach:clients",
        coach=True,
    ),
]


@dataclass
class _Region:
    """The text and the primary buttons' links inside the element carrying one data-testid."""

    testid: str
    depth: int = 0
    found: bool = False
    text: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)


class _RegionParser(HTMLParser):
    VOID = {"br", "img", "input", "hr", "meta", "link", "source", "wbr"}

    def __init__(self, region: _Region):
        super().__init__(convert_charrefs=True)
        self.region = region

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        region = self.region
        if region.depth:
            if tag not in self.VOID:
                region.depth += 1
        elif attrs.get("data-testid") == region.testid and not region.found:
            region.found, region.depth = True, 1
        else:
            return
        if tag == "a" and "btn-primary" in (attrs.get("class") or "").split():
            region.actions.append(attrs.get("href"))

    def handle_endtag(self, tag):
        if self.region.depth and tag not in self.VOID:
            self.region.depth -= 1

    def handle_data(self, data):
        if self.region.depth:
            self.region.text.append(data)


def empty_state(html: str, testid: str) -> _Region:
    region = _Region(testid)
    _RegionParser(region).feed(html)
    return region


def _reverse(name: str, args: list) -> str:
    name, _, anchor = name.partition("#")
    return reverse(name, args=args) + (f"#{anchor}" if anchor else "")


def _case_url_args(name: str, case_id) -> list:
    # Case-scoped lists (and their actions) take the case's id; the person's own lists take none.
    return [case_id] if name.split(":")[0] in {"evidence", "thoughts"} else []


@pytest.mark.parametrize(
    "empty_list",
    EMPTY_LISTS,
    ids=[f"{item.url}{'-linked' if item.with_coach else ''}" for item in EMPTY_LISTS],
)
def test_every_empty_list_says_what_will_appear_and_offers_the_action_that_fills_it(client, empty_list):
    person = make_user(display_name="Nova Newcomer", is_coach=empty_list.coach)
    case_id = make_incident(person).public_id if empty_list.with_case else None
    if empty_list.with_coach:
        link_create(client=person, coach_profile=make_user(is_coach=True).coach_profile)
    client.force_login(person)

    response = client.get(_reverse(empty_list.url, _case_url_args(empty_list.url, case_id)))

    assert response.status_code == 200
    html = response.content.decode()
    region = empty_state(html, empty_list.testid)
    assert region.found, f'no data-testid="{empty_list.testid}" on {empty_list.url}'
    assert empty_list.message in " ".join("".join(region.text).split())
    action = _reverse(empty_list.action, _case_url_args(empty_list.action, case_id))
    assert region.actions[:1] == [action]
    # The one action: no second button beside the heading does the same while the list is empty.
    assert len(re.findall(rf'<a class="btn[^"]*" href="{re.escape(action)}"', html)) == 1


def test_a_coach_reading_an_empty_shared_log_is_told_so_without_an_action_to_fill_it(client):
    # The client fills the log; the coach's page is read-only (templates/evidence/_log_list.html).
    coach = make_user(is_coach=True)
    person = make_user(display_name="Nova Newcomer")
    link_create(client=person, coach_profile=coach.coach_profile)
    case = make_incident(person)
    incident_set_shared(incident=case, shared=True, sections=["evidence"])
    client.force_login(coach)

    response = client.get(reverse("coach:evidence", args=[case.public_id]))

    assert response.status_code == 200
    region = empty_state(response.content.decode(), "empty-state")
    assert "Nothing in the log yet." in "".join(region.text)
    assert region.actions == []
    assert reverse("evidence:add", args=[case.public_id]) not in response.content.decode()


def test_filters_that_match_nothing_say_so_rather_than_that_nothing_was_logged(client):
    person = make_user(display_name="Nova Newcomer")
    make_incident(person)  # an open case, so a filter for closed ones finds none
    client.force_login(person)

    response = client.get(reverse("incidents:list"), {"status": "closed"})

    html = response.content.decode()
    assert "No setbacks match these filters." in html
    assert not empty_state(html, "empty-state").found
    assert f'<a href="{reverse("incidents:list")}">Show every setback</a>' in html
