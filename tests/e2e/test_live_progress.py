"""An htmx update refreshes the stepper and the next best action too, without a reload."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.pages import log_in
from tests.factories import (
    make_assessment,
    make_conversation,
    make_incident,
    make_stakeholder,
    make_step,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_adding_a_key_person_and_ticking_the_last_step_update_the_page_in_place(page, artifacts_dir):
    user = make_user(display_name="Li Wei")
    assessing = make_incident(user, title="Missed the counter-offer")
    make_assessment(assessing)
    resolving = make_incident(user, title="Late figures")
    manager = make_stakeholder(resolving, name="Grace Lin")
    make_assessment(resolving)
    now = timezone.now()
    make_conversation(resolving, manager, planned_for=now, held_at=now, outcome="positive")
    make_step(resolving, title="Send the fixed figures")
    log_in(page, user)

    # Assess: a person with influence 5, added by htmx.
    page.goto(f"/incidents/{assessing.public_id}/assess/")
    page.evaluate("window.notReloaded = true")
    expect(page.locator(".stepper")).to_contain_text("at least one person with their influence rated")
    expect(page.locator(".next-action")).to_contain_text("Name the people")
    stakeholders = page.locator("#stakeholders")
    stakeholders.locator("#id_name").fill("Grace Lin")
    stakeholders.locator("#id_relation").select_option("manager")
    stakeholders.locator("#id_influence").select_option("5")
    stakeholders.get_by_role("button", name="Add person").click()
    expect(page.locator("#stakeholders")).to_contain_text("Influence 5/5")
    expect(page.locator(".stepper")).not_to_contain_text("at least one person with their influence rated")
    expect(page.locator(".next-action")).to_contain_text("Plan the conversation with Grace Lin")
    assert page.evaluate("window.notReloaded === true"), "the page reloaded"

    # Resolve: the last step ticked in place.
    page.goto(f"/incidents/{resolving.public_id}/resolve/")
    page.evaluate("window.notReloaded = true")
    expect(page.locator(".next-action")).to_contain_text("Next step: “Send the fixed figures”.")
    expect(page.locator(".stepper")).to_contain_text("every step done (or dropped)")
    page.locator("#plan").get_by_role("button", name="Mark “Send the fixed figures” as done").click()
    expect(page.locator("#plan .step-row.is-done")).to_have_count(1)
    expect(page.locator(".next-action")).to_contain_text("Every step is done. Write your closing reflection")
    expect(page.locator(".stepper")).not_to_contain_text("every step done (or dropped)")
    assert page.evaluate("window.notReloaded === true"), "the page reloaded"
    page.screenshot(path=artifacts_dir / "resolve-last-step-ticked.png", full_page=True)
