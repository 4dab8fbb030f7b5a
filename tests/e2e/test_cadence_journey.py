"""Keep-in-touch defaults, a contact due then overdue, a snooze, and the contact back once it ends."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from crisis_coach.network import services
from tests.e2e.pages import browser_page, log_in
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.dates]


def test_a_default_a_due_then_overdue_contact_a_snooze_and_its_end(page, clock, artifacts_dir):
    user = make_user(display_name="Noor Rahman")
    log_in(page, user)

    # Her own default for managers: ideally every week, at the latest every two.
    page.goto("/network/keep-in-touch/")
    page.get_by_role("link", name="Keep-in-touch defaults").click()
    page.locator("#id_manager_ideal").fill("7")
    page.locator("#id_manager_latest").fill("14")
    page.get_by_role("button", name="Save defaults").click()
    expect(page.get_by_role("alert")).to_contain_text("Your keep-in-touch defaults are saved.")

    # A new manager: the form opened with a colleague's gaps, left as they were, so hers apply.
    page.goto("/network/contacts/new/")
    expect(page.locator("#id_cadence_days")).to_have_value("30")
    page.locator("#id_name").fill("Rana Haddad")
    page.locator("#id_relationship").select_option("manager")
    page.get_by_role("button", name="Save contact").click()
    expect(page.get_by_role("alert")).to_contain_text("Rana Haddad is in your network.")
    expect(page.locator("body")).to_contain_text("at the latest every 14 days")

    # Last in touch 12 days ago: past the ideal week, not yet the latest fortnight.
    today = timezone.localdate(timezone=user.zone)
    page.locator("#id_happened_on").fill((today - datetime.timedelta(days=12)).isoformat())
    page.locator("#id_summary").fill("Lunch after the review")
    page.get_by_role("button", name="Save touch").click()
    page.goto("/network/keep-in-touch/")
    row = page.get_by_test_id("due-row").filter(has_text="Rana Haddad")
    expect(row).to_contain_text("Due for 5 days")

    # Three days on, the fortnight has passed: overdue, in words and in red.
    clock.shift(datetime.timedelta(days=3))
    page.reload()
    expect(row).to_contain_text("Overdue by 1 day")
    expect(row.get_by_test_id("touch-overdue")).to_be_visible()
    page.screenshot(path=artifacts_dir / "cadence-overdue.png", full_page=True)

    # Snooze her for a week: the row says so, and she leaves the list.
    row.locator("summary").click()
    row.get_by_role("button", name="For a week").click()
    expect(page.get_by_test_id("done-row")).to_contain_text("Rana Haddad is snoozed: due again on")
    page.reload()
    expect(page.get_by_test_id("due-empty")).to_be_visible()

    # A week later she is back by herself, overdue from the day the snooze ended.
    clock.shift(datetime.timedelta(days=7))
    page.reload()
    expect(page.get_by_test_id("due-row").filter(has_text="Rana Haddad")).to_contain_text(
        "Overdue from today"
    )


OVERFLOW = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"


def test_on_a_phone_without_javascript_the_snooze_and_the_defaults_work_and_fit(browser, live_server, clock):
    user = make_user(display_name="Omar Haddad")
    contact = services.contact_create(
        owner=user, name="Lina Recruiter", relationship="recruiter", cadence_days=10, latest_gap_days=20
    )
    services.interaction_log(
        contact=contact,
        happened_on=timezone.localdate(timezone=user.zone) - datetime.timedelta(days=25),
        channel="call",
        summary="Talked about openings",
    )
    with browser_page(
        browser, live_server, java_script_enabled=False, viewport={"width": 375, "height": 740}
    ) as page:
        log_in(page, user)
        page.goto("/network/keep-in-touch/")
        row = page.get_by_test_id("due-row").filter(has_text="Lina Recruiter")
        row.locator("summary").click()  # <details> opens without JavaScript
        assert not page.evaluate(OVERFLOW)
        # A day in the past: the message next to the field, on the snooze page, what was typed kept.
        row.locator("input[type=date]").fill("2000-01-01")
        row.get_by_role("button", name="Until then").click()
        expect(page.get_by_test_id("snooze-error")).to_contain_text("Choose a day after today.")
        expect(page.locator("input[type=date]")).to_have_value("2000-01-01")
        page.get_by_role("button", name="For a month").click()
        expect(page.get_by_role("alert")).to_contain_text("Lina Recruiter is snoozed: due again on")
        expect(page.get_by_test_id("due-empty")).to_be_visible()
        page.get_by_role("link", name="Keep-in-touch defaults").click()
        # The defaults page has loaded before its width is measured: mid-navigation there is no document.
        expect(page.locator("#id_recruiter_latest")).to_be_visible()
        assert not page.evaluate(OVERFLOW)
        page.locator("#id_recruiter_latest").fill("30")
        page.get_by_role("button", name="Save defaults").click()
        expect(
            page.get_by_text("The latest gap cannot be shorter than the ideal one (90 days).")
        ).to_be_visible()
