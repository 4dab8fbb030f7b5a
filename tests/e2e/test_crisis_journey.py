import re

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import sign_up_and_confirm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_user_walks_a_setback_from_logging_to_closed(page, artifacts_dir):
    sign_up_and_confirm(page, name="Li Wei", email="li.wei@example.test")

    # Log the setback.
    page.get_by_role("link", name="Setbacks").click()
    page.get_by_role("link", name="Log a setback").first.click()
    page.locator("#id_title").fill("Missed the Lee & Co counter-offer")
    page.locator("#id_what_happened").fill("Their counter-offer slipped through in the busy season.")
    page.get_by_label("Work mistake or oversight").check()
    page.locator("#id_severity").select_option("4")
    page.locator("#id_control_at_start").select_option("3")
    page.get_by_role("button", name="Log it and start").click()
    expect(page).to_have_url(re.compile(r"/incidents/[0-9a-f-]{36}/assess/$"))

    # Assess: a stakeholder (added in place by htmx), the harm and the root cause.
    stakeholders = page.locator("#stakeholders")
    stakeholders.locator("#id_name").fill("Grace Lin")
    stakeholders.locator("#id_relation").select_option("manager")
    stakeholders.locator("#id_influence").select_option("5")
    stakeholders.get_by_role("button", name="Add person").click()
    expect(page.locator("#stakeholders")).to_contain_text("Influence 5/5")
    for field in ("harm_reputation", "harm_relationship", "harm_business", "harm_career"):
        page.locator(f"#id_{field}").select_option("4")
    page.locator("#id_reversibility").select_option("effort")
    page.locator("#id_urgency").select_option("high")
    page.locator("#id_root_cause").fill("No list of open offers in the busy season.")
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.locator(".stepper-item.is-complete")).to_contain_text("Assess")
    expect(page.locator(".next-action")).to_contain_text("Plan the conversation with Grace Lin")

    # Confront: plan the candid conversation, then record it.
    page.locator(".next-action").get_by_role("link").click()
    page.locator("#id_planned_for").fill("2026-11-20T10:00")
    page.locator("#id_acknowledge").fill("I missed it and it cost us the client.")
    page.get_by_label("No excuses, no blaming others").check()
    page.get_by_role("button", name="Plan it").click()
    page.get_by_role("link", name="Record how it went").click()
    page.locator("#id_outcome").select_option("positive")
    page.locator("#id_outcome_notes").fill("She will give me the next new account.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".stepper-item.is-complete")).to_have_count(2)

    # Resolve: two playbook steps, tick them in place, then the reflection.
    expect(page.locator(".next-action")).to_contain_text("add a quick win")
    page.locator(".next-action").get_by_role("link").click()
    expect(page.get_by_role("button", name=re.compile("Deliver one visible result"))).to_be_visible()
    page.screenshot(path=artifacts_dir / "incident-resolve.png", full_page=True)
    page.get_by_role("button", name=re.compile("Deliver one visible result")).click()
    page.get_by_role("button", name=re.compile("Tell your manager plainly")).click()
    expect(page.locator("#plan .step-row")).to_have_count(2)
    for done in (1, 2):
        page.locator("#plan").get_by_role("button", name=re.compile(r"Mark .* as done")).first.click()
        expect(page.locator("#plan .step-row.is-done")).to_have_count(done)
    page.locator("#id_strengths").fill("I told the truth quickly.")
    page.locator("#id_lessons").fill("Track every open offer.")
    page.locator("#id_next_step").fill("Lead the next new-client account.")
    page.locator("#id_control_at_close").select_option("8")
    page.get_by_role("button", name="Save reflection").click()

    expect(page.get_by_role("alert").first).to_contain_text("Closed in")
    expect(page.locator(".alert-success").last).to_contain_text(re.compile(r"Closed after \d+ days?"))
    expect(page.locator(".timeline")).to_contain_text("The setback is closed.")
    page.screenshot(path=artifacts_dir / "incident-closed.png", full_page=True)
