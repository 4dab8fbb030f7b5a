"""A person signs up in Taipei and the app already lives on their clock; in settings, typing a few
letters finds their city among the 400-odd zones."""

import pytest
from playwright.sync_api import expect

from crisis_coach.accounts.models import User
from tests.e2e import pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_in(browser, live_server):
    contexts = []

    def open_page(zone: str, locale: str = "en-US"):
        context = browser.new_context(base_url=live_server.url, locale=locale, timezone_id=zone)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        problems = []
        page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        return page, problems

    yield open_page
    for context in contexts:
        context.close()


def sign_up(page, email):
    pages.sign_up(page, name="Mei Lin", email=email)
    pages.confirm_email(page, email)
    expect(page.get_by_role("alert").last).to_contain_text("Successfully signed in as Mei Lin.")
    pages.skip_welcome(page)


def test_signing_up_in_taipei_stores_asia_taipei(browser_in):
    page, problems = browser_in("Asia/Taipei")
    page.goto("/accounts/signup/")
    expect(page.locator("#id_time_zone")).to_have_value("Asia/Taipei")
    expect(page.locator("#id_time_zone option:checked")).to_have_text("Taipei (Taiwan)")
    sign_up(page, "mei@example.test")
    assert User.objects.get(email="mei@example.test").time_zone == "Asia/Taipei"
    assert problems == []  # the script runs under the Content Security Policy


def test_a_browser_that_reports_an_old_zone_name_gets_the_current_one(browser_in):
    page, problems = browser_in("Asia/Calcutta")
    sign_up(page, "ravi@example.test")
    assert User.objects.get(email="ravi@example.test").time_zone == "Asia/Kolkata"
    assert problems == []


def test_the_filter_narrows_the_list_and_picks_what_was_typed(browser_in, artifacts_dir):
    page, problems = browser_in("UTC")
    sign_up(page, "lin@example.test")
    page.goto("/accounts/settings/")
    zones = page.locator("#id_time_zone")
    assert zones.locator("option").count() > 400

    page.get_by_label("Find your city or country").fill("taip")
    expect(zones.locator("option")).to_have_count(1)
    expect(zones).to_have_value("Asia/Taipei")

    page.get_by_label("Find your city or country").fill("canada")
    assert 20 < zones.locator("option").count() < 40
    expect(zones.locator("optgroup")).to_have_count(1)

    page.get_by_label("Find your city or country").fill("no such place")
    expect(page.locator(".zone-filter-status")).to_contain_text("No time zone matches")
    assert zones.locator("option").count() > 400

    page.get_by_label("Find your city or country").fill("Lisbon")
    expect(zones).to_have_value("Europe/Lisbon")
    page.screenshot(path=artifacts_dir / "settings-time-zone-filter.png", full_page=True)
    discreet = page.get_by_label("Discreet mode: keep my setbacks out of emails and calendars")
    expect(discreet).to_be_checked()  # on for every new account
    discreet.uncheck()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("alert").first).to_contain_text("Your settings are saved.")
    saved = User.objects.get(email="lin@example.test")
    assert (saved.time_zone, saved.discreet_mode) == ("Europe/Lisbon", False)
    expect(discreet).not_to_be_checked()

    # In Chinese the cities are named in Chinese, and found by those names.
    page.locator("footer button[value='zh-hant']").click()
    page.get_by_label("搜尋你的城市或國家").fill("台北")
    expect(zones.locator("option")).to_have_count(1)
    expect(zones.locator("option:checked")).to_have_text("台北（台灣）")

    # At phone width the filter and the list fit the screen.
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.locator("#id_time_zone_filter").bounding_box()["width"] > 200
    assert problems == []
