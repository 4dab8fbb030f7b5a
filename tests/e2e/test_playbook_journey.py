"""A coach writes a playbook of her own; her linked client adds a step of it to her plan in one click."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from crisis_coach.coaching.services import link_create
from crisis_coach.incidents.models import ActionStep
from tests.e2e.pages import browser_page, log_in
from tests.factories import make_incident, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coach_writes_a_playbook_and_the_client_adds_a_step_of_it(
    browser, live_server, page, artifacts_dir
):
    coach = make_user(display_name="Layla Haddad", is_coach=True)
    client = make_user(display_name="Alex Chen")
    link_create(client=client, coach_profile=coach.coach_profile)
    # Shared with her: the playbook's follow-through counts only steps the coach may see.
    incident = make_incident(client, title="Missed a counter-offer", shared_with_coach=True)

    # The coach writes the playbook from her dashboard: a name, two steps, a prompt.
    log_in(page, coach)
    page.goto("/coach/")
    page.get_by_role("link", name="My playbooks").click()
    page.get_by_role("link", name="New playbook").click()
    page.get_by_label("Name").fill("Winning back a client")
    page.get_by_label("Conversation prompts").fill("What would make this right for you?")
    page.locator("#id_steps-0-title").fill("Call the client")
    page.locator("#id_steps-0-kind").select_option("quick_win")
    page.locator("#id_steps-0-due_in_days").fill("2")
    page.locator("#id_steps-1-title").fill("Send a recovery plan")
    page.locator("#id_steps-1-due_in_days").fill("7")
    page.get_by_role("button", name="Save the playbook").click()
    expect(page.get_by_role("alert")).to_contain_text("Playbook saved.")
    expect(page.locator(".playbook-row")).to_contain_text("2 steps")
    page.screenshot(path=artifacts_dir / "coach-playbooks.png", full_page=True)

    # The client opens Resolve, sees "From your coach", and adds one step in one click.
    with browser_page(browser, live_server) as client_page:
        log_in(client_page, client)
        client_page.goto(f"/incidents/{incident.public_id}/resolve/")
        panel = client_page.locator("#from-your-coach")
        expect(panel).to_contain_text("From your coach")
        expect(panel).to_contain_text("Winning back a client")
        expect(panel).to_contain_text("What would make this right for you?")
        row = panel.locator(".coach-playbook-step", has_text="Call the client")
        row.get_by_role("button", name=re.compile(r"^Add\b")).click()
        expect(client_page.get_by_role("alert")).to_contain_text("Added to your plan: Call the client")
        plan = client_page.locator("#plan")
        expect(plan).to_contain_text("Call the client")
        expect(plan).to_contain_text("From your coach’s playbook: Winning back a client")
        expect(client_page.locator("#from-your-coach")).to_contain_text("In your plan")
        client_page.screenshot(path=artifacts_dir / "client-from-your-coach.png", full_page=True)

    step = ActionStep.objects.get(incident=incident)
    assert (step.from_playbook, step.due_on) == ("Winning back a client", datetime.date(2026, 11, 27))

    # The coach sees it counted.
    page.goto("/coach/playbooks/")
    expect(page.get_by_test_id("added")).to_have_text("1")
