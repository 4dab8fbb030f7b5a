"""The coach's practice in one journey, clicks and typing only: a coach in London writes a playbook;
her client in Taipei adds a step of it on Resolve; the coach proposes a session at 09:00 her time,
which the client sees and agrees to at 17:00 hers (on a phone); both find it on Today; after it, the
coach writes the summary and a private note, and the client reads the summary and never the note."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from crisis_coach.coaching.services import incident_set_shared, link_create
from tests.e2e.pages import browser_page, log_in
from tests.e2e.test_phone_width import NARROW_CONTROLS, OVERFLOWS, PHONE
from tests.factories import (
    make_assessment,
    make_conversation,
    make_incident,
    make_stakeholder,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONDON, TAIPEI = "Europe/London", "Asia/Taipei"
SUMMARY = "We agreed you call Ms Wang on Wednesday and send the plan by Friday."
NOTE = "Alex sounded worn out; ask about sleep next time."


def a_case_in_resolve(client):
    """A shared case whose key conversation is held: Assess and Confront complete, Resolve open."""
    incident = make_incident(client, title="Missed a counter-offer")
    manager = make_stakeholder(incident, name="Ms Wang")
    make_assessment(incident)
    held = datetime.datetime(2026, 11, 24, 9, 0, tzinfo=datetime.UTC)
    make_conversation(incident, manager, planned_for=held, held_at=held, outcome="positive")
    incident_set_shared(incident=incident, shared=True)
    return incident


def test_a_playbook_step_a_session_across_time_zones_and_its_summary(
    browser, live_server, clock, artifacts_dir
):
    coach = make_user(display_name="Layla Haddad", is_coach=True, time_zone=LONDON)
    client = make_user(display_name="Alex Chen", time_zone=TAIPEI)
    link_create(client=client, coach_profile=coach.coach_profile)
    incident = a_case_in_resolve(client)

    coach_context = browser_page(browser, live_server)
    client_context = browser_page(browser, live_server, viewport=PHONE)
    with coach_context as page, client_context as client_page:
        # 1. The coach (two-factor sign-in) writes a playbook: two steps and a prompt.
        log_in(page, coach)
        page.goto("/coach/")
        page.get_by_role("link", name="My playbooks").click()
        page.get_by_role("link", name="New playbook").click()
        page.get_by_label("Name").fill("Winning back a client")
        page.get_by_label("Conversation prompts").fill("What would make this right for you?")
        page.locator("#id_steps-0-title").fill("Call the client")
        page.locator("#id_steps-0-due_in_days").fill("2")
        page.locator("#id_steps-1-title").fill("Send a recovery plan")
        page.locator("#id_steps-1-due_in_days").fill("7")
        page.get_by_role("button", name="Save the playbook").click()
        expect(page.get_by_role("alert")).to_contain_text("Playbook saved.")
        expect(page.locator(".playbook-row")).to_contain_text("2 steps")

        # 2. The client opens her case's Resolve stage, finds "From your coach" and adds one step.
        log_in(client_page, client)
        client_page.goto(f"/incidents/{incident.public_id}/")
        resolve = client_page.get_by_label("Stages").get_by_role("link", name=re.compile("Resolve"))
        expect(resolve).to_have_attribute("aria-current", "step")
        resolve.click()
        expect(client_page).to_have_url(re.compile(r"/resolve/$"))
        panel = client_page.locator("#from-your-coach")
        expect(panel).to_contain_text("From your coach")
        expect(panel).to_contain_text("Winning back a client")
        expect(panel).to_contain_text("What would make this right for you?")
        panel.locator(".coach-playbook-step", has_text="Call the client").get_by_role(
            "button", name=re.compile(r"^Add\b")
        ).click()
        expect(client_page.get_by_role("alert")).to_contain_text("Added to your plan: Call the client")
        plan = client_page.locator("#plan")
        expect(plan).to_contain_text("Call the client")
        expect(plan).to_contain_text("From your coach’s playbook: Winning back a client")
        expect(plan).not_to_contain_text("Send a recovery plan")

        # 3. The coach proposes Monday 30 November, 09:00 on her London clock (GMT, winter).
        page.goto("/coach/")
        page.get_by_role("link", name="Propose a session Alex Chen").click()
        expect(page.get_by_label("Agenda")).to_have_value(re.compile("Missed a counter-offer"))
        page.get_by_label("Date and time").fill("2026-11-30T09:00")
        page.get_by_label("Length (minutes)").fill("45")
        page.get_by_label("Place or video link").fill("https://meet.example.test/alex")
        page.get_by_role("button", name="Propose", exact=True).click()
        expect(page.get_by_role("alert")).to_contain_text("Session proposed. Alex Chen is asked to agree")
        expect(page.get_by_test_id("session-when")).to_have_text(
            "30 Nov 2026, 09:00 – 09:45 (GMT, 45 minutes)"
        )

        # The client finds it on Today, waiting for her, at 17:00 on her Taipei clock, and agrees.
        client_page.goto("/today/")
        item = client_page.get_by_test_id("agenda-item").filter(has_text="Session with Layla Haddad")
        expect(item).to_contain_text("Waiting for your answer")
        item.get_by_role("link", name="Session with Layla Haddad", exact=True).click()
        expect(client_page.get_by_test_id("session-when")).to_have_text(
            re.compile(r"^30 Nov 2026, 17:00 – 17:45 \((CST|\+08), 45 minutes\)$")
        )
        expect(client_page.get_by_test_id("waiting-for-you")).to_be_visible()
        client_page.get_by_role("button", name="Agree").click()
        expect(client_page.get_by_role("alert")).to_contain_text("Agreed. The session is in both your")
        expect(client_page.get_by_test_id("waiting-for-you")).to_have_count(0)

        # Both see it on Today, no longer waiting for anyone.
        for who, today in ((client_page, "Session with Layla Haddad"), (page, "Session with Alex Chen")):
            who.goto("/today/")
            item = who.get_by_test_id("agenda-item").filter(has_text=today)
            expect(item).to_be_visible()
            expect(item.get_by_test_id("agenda-note")).to_have_count(0)

        # 4. After the session (Monday 10:30 London), the coach writes the summary and a private note.
        clock.move_to(datetime.datetime(2026, 11, 30, 10, 30, tzinfo=datetime.UTC))
        page.goto("/coach/")
        page.get_by_role("link", name="Your sessions").click()
        page.get_by_role("link", name="Past").click()
        page.get_by_test_id("session-row").filter(has_text="Alex Chen").get_by_role("link").first.click()
        page.get_by_role("textbox", name="Summary").fill(SUMMARY)
        page.get_by_role("button", name="Save the summary").click()
        expect(page.get_by_role("alert")).to_contain_text("Saved.")
        page.get_by_role("textbox", name="Private note").fill(NOTE)
        page.get_by_role("button", name="Save the note").click()
        expect(page.get_by_role("alert")).to_contain_text("Note saved. Only you can see it.")
        expect(page.get_by_test_id("private-notes")).to_contain_text("ask about sleep next time")
        page.screenshot(path=artifacts_dir / "coach-session-summary.png", full_page=True)

        # The client opens the session from her own list: the summary, never the coach's note.
        client_page.goto("/coaching/")
        client_page.get_by_role("link", name="Your sessions").click()
        client_page.get_by_role("link", name="Past").click()
        row = client_page.get_by_test_id("session-row").filter(has_text="Layla Haddad")
        row.get_by_role("link").first.click()
        expect(client_page.get_by_test_id("session-summary")).to_have_text(SUMMARY)
        # Written at 10:30 in London: 18:30 on her Taipei clock.
        expect(client_page.locator("main")).to_contain_text("Written by your coach, 30 Nov 2026, 18:30")
        expect(client_page.locator("main")).not_to_contain_text("ask about sleep")
        expect(client_page.get_by_test_id("private-notes")).to_have_count(0)
        client_page.screenshot(path=artifacts_dir / "phone-client-session.png", full_page=True)
        assert client_page.locator("main").evaluate(NARROW_CONTROLS) == []
        assert client_page.evaluate(OVERFLOWS) == []
