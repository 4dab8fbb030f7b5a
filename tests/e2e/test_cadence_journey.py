"""Keep-in-touch defaults, a contact due then overdue, a snooze, and the contact back once it ends."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.pages import log_in
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
