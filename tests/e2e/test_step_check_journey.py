"""Steps that are checked, in the browser: tick a step and answer "did it work?" in place, drop a step
(a reason is required), see the follow-through, and copy an earlier case's prevention step."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from crisis_coach.incidents import services
from crisis_coach.incidents.models import StepCheck, StepStatus
from tests.e2e.pages import browser_page, log_in
from tests.factories import (
    make_assessment,
    make_conversation,
    make_incident,
    make_stakeholder,
    make_step,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_tick_check_drop_and_see_the_follow_through(page, artifacts_dir):
    user = make_user(display_name="Li Wei")
    earlier = make_incident(user, title="Late customs papers")
    make_assessment(earlier, root_cause_category="workload")
    checklist = make_step(earlier, title="Keep a papers checklist", kind="prevention", status=StepStatus.DONE)
    services.step_check(step=checklist, result=StepCheck.WORKED)

    case = make_incident(user, title="Missed the counter-offer")
    manager = make_stakeholder(case, name="Grace Lin")
    make_assessment(case, root_cause_category="workload")
    now = timezone.now()
    make_conversation(case, manager, planned_for=now, held_at=now, outcome="positive")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    make_step(case, title="Call Harbor Lights back", due_on=yesterday)
    make_step(case, title="Offer a discount")
    make_step(case, title="Share the offer tracker")
    log_in(page, user)

    # Tick, then answer "did it work?" on the row itself.
    page.goto(f"/incidents/{case.public_id}/resolve/")
    page.evaluate("window.notReloaded = true")
    plan = page.locator("#plan")
    plan.get_by_role("button", name="Mark “Call Harbor Lights back” as done").click()
    row = plan.locator(".step-row.is-done")
    expect(row.locator("details.step-check")).to_have_attribute("open", "")
    row.get_by_label("Yes, it worked").check()
    row.get_by_label("What you saw (optional)").fill("They called back the same day.")
    row.get_by_role("button", name="Save").click()
    expect(plan.locator(".step-row.is-done .step-check-result")).to_contain_text("Yes, it worked")
    expect(plan.locator(".step-row.is-done .step-check-result")).to_contain_text("They called back")
    follow_through = page.locator("#follow-through")
    expect(follow_through.locator("[data-count=late]")).to_have_text("1")  # due yesterday, done today
    expect(follow_through.locator("[data-count=worked]")).to_have_text("1")
    assert page.evaluate("window.notReloaded === true"), "the page reloaded"

    # Drop a step: without a reason nothing happens but a message next to the field.
    plan.get_by_role("link", name="Drop “Offer a discount”").click()
    page.get_by_role("button", name="Drop the step").click()
    expect(page.locator("main")).to_contain_text("Say in a few words why you are dropping it")
    page.get_by_label("Why are you dropping it?").fill("Grace advised against it.")
    page.get_by_role("button", name="Drop the step").click()
    expect(page.locator(".step-row.is-dropped")).to_contain_text("Grace advised against it.")
    expect(page.locator("#follow-through [data-count=dropped]")).to_have_text("1")
    expect(page.locator("#follow-through [data-count=on-time]")).to_have_text("0")
    page.screenshot(path=artifacts_dir / "resolve-follow-through.png", full_page=True)

    # Learning across cases: the earlier case's prevention step, copied in one click.
    page.goto(f"/incidents/{case.public_id}/assess/")
    learning = page.locator("#learning")
    expect(learning).to_contain_text("Late customs papers")
    expect(learning).to_contain_text("Yes, it worked")
    learning.get_by_role("button", name=re.compile("Add to this plan.*Keep a papers checklist")).click()
    expect(page.locator("#learning")).to_contain_text("In your plan")
    page.goto(f"/incidents/{case.public_id}/resolve/")
    expect(page.locator("#plan")).to_contain_text("Keep a papers checklist")


def test_without_javascript_the_check_and_the_drop_are_plain_forms(browser, live_server):
    user = make_user(display_name="Li Wei")
    case = make_incident(user, title="Missed the counter-offer")
    make_step(case, title="Share the offer tracker", kind="quick_win")
    make_step(case, title="Offer a discount")
    phone = {"width": 375, "height": 740}
    with browser_page(browser, live_server, java_script_enabled=False, viewport=phone) as page:
        log_in(page, user)
        page.goto(f"/incidents/{case.public_id}/resolve/")
        plan = page.locator("#plan")
        plan.get_by_role("button", name="Mark “Share the offer tracker” as done").click()
        expect(page.locator("main")).to_contain_text("Done. Did it work? You can say so on the step.")
        row = page.locator("#plan .step-row.is-done")
        row.locator("summary").click()  # a plain <details>: it opens without JavaScript
        row.get_by_label("Not yet").check()
        row.get_by_role("button", name="Save").click()
        expect(page.locator("main")).to_contain_text("Thank you: noted how it went.")
        expect(page.locator("#plan .step-row.is-done .step-check-result")).to_contain_text("Not yet")
        expect(page.locator("#plan .step-row.is-done summary")).to_have_text("Did it work now?")

        page.locator("#plan").get_by_role("link", name="Drop “Offer a discount”").click()
        page.get_by_label("Why are you dropping it?").fill("Grace advised against it.")
        page.get_by_role("button", name="Drop the step").click()
        expect(page.locator("#follow-through [data-count=dropped]")).to_have_text("1")
        expect(page.locator("#follow-through [data-count=on-time]")).to_have_text("1")
        # At a phone's width the plan, its check and the follow-through fit: nothing scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= phone["width"]
