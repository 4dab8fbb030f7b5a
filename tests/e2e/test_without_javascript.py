"""With JavaScript off, every page still works: each navbar link, the user menu included, can be
reached and clicked, at desktop width and at phone width (375 px)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import browser_page, log_in
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}


@pytest.fixture(params=sorted(WIDTHS))
def no_js_page(request, browser, live_server):
    with browser_page(
        browser, live_server, java_script_enabled=False, viewport=WIDTHS[request.param]
    ) as page:
        yield page


def assert_every_navbar_control_is_clickable(page):
    navbar = page.locator("header nav")
    # The user menu is a <details>: it opens on a click, without scripts.
    for summary in navbar.locator("summary").all():
        summary.click()
    # Every link and form button; the collapse toggler needs JavaScript, so it is hidden without it.
    controls = navbar.locator("a, summary, form button")
    assert controls.count() > 0
    for control in controls.all():
        # trial=True runs Playwright's checks (visible, stable, enabled, not covered) without clicking.
        control.click(trial=True, timeout=2_000)


def test_a_visitor_reaches_every_navbar_link_without_javascript(no_js_page):
    page = no_js_page
    page.goto("/")
    assert_every_navbar_control_is_clickable(page)
    page.locator("header nav").get_by_role("link", name="Log in").click()
    expect(page.locator("#id_login")).to_be_visible()


def test_a_coach_reaches_every_navbar_link_and_logs_out_without_javascript(no_js_page):
    page = no_js_page
    log_in(page, make_user(display_name="Layla Haddad", is_coach=True))
    # A message's close button needs Bootstrap's JavaScript: without it, it is not offered.
    page.goto("/accounts/settings/")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("alert")).to_contain_text("Your settings are saved.")
    expect(page.get_by_role("alert").locator(".btn-close")).to_be_hidden()

    assert_every_navbar_control_is_clickable(page)
    navbar = page.locator("header nav")
    for name in ["Today", "Setbacks", "Network", "Insights", "My coach", "Coach dashboard"]:
        expect(navbar.get_by_role("link", name=name, exact=True)).to_be_visible()

    navbar.get_by_role("link", name="Network", exact=True).click()
    expect(page).to_have_url(f"{page.url.split('/network/')[0]}/network/")

    navbar = page.locator("header nav")
    navbar.locator("summary").click()
    navbar.get_by_role("link", name="Security activity").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.endswith("/accounts/security/")

    navbar = page.locator("header nav")
    navbar.locator("summary").click()
    navbar.get_by_role("button", name="Log out").click()
    expect(page.locator("header nav").get_by_role("link", name="Log in")).to_be_visible()
