"""What the browser tests share: a page in a fresh browser context, and signing in as a person."""

from contextlib import contextmanager

from playwright.sync_api import expect

from tests.factories import PASSWORD


@contextmanager
def browser_page(browser, live_server, **context_options):
    """A page in its own context (cookies, viewport, JavaScript on or off), closed afterwards."""
    context = browser.new_context(base_url=live_server.url, locale="en-US", **context_options)
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def log_in(page, user):
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("main")).to_be_visible()
