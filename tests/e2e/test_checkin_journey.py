import datetime

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import log_in
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.dates]


def check_in(page, *, mood: str, control: str, sleep: str, note: str = ""):
    form = page.get_by_test_id("check-in-form")
    form.locator("#div_id_mood").get_by_text(mood, exact=True).click()
    form.locator("#div_id_control").get_by_text(control, exact=True).click()
    form.locator("#div_id_sleep").get_by_text(sleep, exact=True).click()
    if note:
        form.get_by_label("Anything on your mind? (optional)").fill(note)
    form.get_by_role("button", name="Check in").click()


def test_check_in_then_a_low_day_shows_the_calm_support_panel(page, clock, artifacts_dir):
    user = make_user(display_name="Li Wei", time_zone="Asia/Taipei")
    log_in(page, user)

    # Today asks for the check-in until it is done, then folds it away.
    expect(page.get_by_test_id("check-in-form")).to_be_visible()
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=artifacts_dir / "check-in-form-375.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    check_in(page, mood="4", control="6", sleep="3")
    expect(page.get_by_role("alert")).to_contain_text("Checked in for today")
    expect(page.get_by_test_id("check-in-done")).to_contain_text(
        "Checked in: mood 4/5, in control 6/10, sleep 3/5"
    )
    expect(page.get_by_test_id("check-in-form")).to_have_count(0)
    expect(page.get_by_test_id("support-panel")).to_have_count(0)

    # The next day is a hard one: the panel appears, calm, with the emergency-services line.
    clock.shift(datetime.timedelta(days=1))
    page.goto(page.url)
    check_in(page, mood="1", control="2", sleep="1", note="A long, heavy day.")
    panel = page.get_by_test_id("support-panel")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("This sounds hard")
    expect(panel).to_contain_text("someone you trust")
    expect(panel.get_by_test_id("support-emergency")).to_contain_text("contact your local emergency services")
    expect(panel).to_contain_text("not therapy and not a clinical tool")
    expect(panel.get_by_test_id("support-coach")).to_have_count(0)  # no coach: no offer
    page.screenshot(path=artifacts_dir / "check-in-support-panel.png", full_page=True)
