"""Sharing section by section in a browser, at 375 px and without JavaScript: the client ticks the
evidence log on the sharing switch and shares the case; the switch says what is shared; her coach
finds the evidence log on the case and no other section."""

import pytest
from playwright.sync_api import expect

from crisis_coach.coaching import services as coaching
from tests.e2e.pages import browser_page, log_in
from tests.e2e.test_phone_width import NARROW_CONTROLS, OVERFLOWS
from tests.evidence.helpers import make_entry
from tests.factories import make_incident, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


def test_the_client_shares_the_plan_and_the_evidence_log_and_her_coach_reads_them(
    browser, live_server, artifacts_dir
):
    client = make_user(display_name="Alexandra Konstantinidou")
    coach = make_user(display_name="Layla Haddad", is_coach=True)
    coaching.link_create(client=client, coach_profile=coach.coach_profile)
    incident = make_incident(client, title="Misunderstood the quarterly forecast")
    make_entry(incident, what_happened="The regional adjustments were left out of the deck.")

    with browser_page(browser, live_server, viewport=PHONE, java_script_enabled=False) as page:
        log_in(page, client)
        page.goto("/coaching/")
        page.get_by_text("Choose what your coach sees").click()
        page.get_by_label("The evidence log").check()
        page.get_by_role("button", name="Share with my coach").click()
        expect(page.get_by_test_id("share-summary")).to_have_text(
            "Shared with Layla Haddad: the plan, the evidence log."
        )
        page.screenshot(path=artifacts_dir / "phone-sharing-switch.png", full_page=True)
        assert page.locator("main").evaluate(NARROW_CONTROLS) == []
        assert page.evaluate(OVERFLOWS) == []

        page.goto(f"/incidents/{incident.public_id}/")
        panel = page.locator(".coaching-panel")
        expect(panel.get_by_test_id("share-summary")).to_have_text(
            "Shared with Layla Haddad: the plan, the evidence log."
        )
        panel.get_by_text("Change what your coach sees").click()
        expect(panel.get_by_label("The evidence log")).to_be_checked()
        expect(panel.get_by_label("The reflection")).not_to_be_checked()
        page.screenshot(path=artifacts_dir / "phone-sharing-panel.png", full_page=True)
        assert page.evaluate(OVERFLOWS) == []

    with browser_page(browser, live_server, viewport=PHONE) as page:
        log_in(page, coach)
        page.goto(f"/coach/cases/{incident.public_id}/")
        expect(page.get_by_test_id("shared-sections")).to_have_text(
            "Your client shares with you: the plan, the evidence log."
        )
        expect(page.get_by_role("link", name="Thought records")).to_have_count(0)
        page.get_by_role("link", name="Evidence log").click()
        expect(page.get_by_text("The regional adjustments were left out of the deck.")).to_be_visible()
