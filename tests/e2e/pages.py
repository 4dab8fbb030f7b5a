"""What the browser tests share: a page in a fresh browser context, signing up (with the email that
verifies the address), signing in (with the authenticator-app code when the person has two-factor
sign-in on), and turning two-factor sign-in on."""

import re
from contextlib import contextmanager

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from django.core import mail
from playwright.sync_api import expect

from tests.factories import PASSWORD, TOTP_SECRET, totp_code
from tests.tasks import run_pending_tasks

NEW_PASSWORD = "a-long-and-unusual-passphrase"
CONFIRM_LINK = re.compile(r"/accounts/confirm-email/[^/\s]+/")


@contextmanager
def browser_page(browser, live_server, **context_options):
    """A page in its own context (cookies, viewport, JavaScript on or off), closed afterwards."""
    context = browser.new_context(base_url=live_server.url, **{"locale": "en-US", **context_options})
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def log_in(page, user, *, password=PASSWORD, secret=TOTP_SECRET):
    """Sign in through the form; a person with two-factor sign-in on is then asked for the code."""
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    if get_mfa_adapter().is_mfa_enabled(user):
        enter_authenticator_code(page, secret)
    expect(page.locator("main")).to_be_visible()


def enter_authenticator_code(page, secret=TOTP_SECRET):
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    page.locator("#id_code").fill(totp_code(secret))
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))


def sign_up(page, *, name, email, password=NEW_PASSWORD, coach=False):
    """Fill in the sign-up form; the app then asks the person to verify their address (not signed in)."""
    if not page.url.endswith("/accounts/signup/"):
        page.goto("/accounts/signup/")
    page.locator("#id_display_name").fill(name)
    page.locator("#id_email").fill(email)
    page.locator("#id_password1").fill(password)
    page.locator("#id_password2").fill(password)
    if coach:
        page.locator("#id_is_coach").check()
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))


def confirmation_link(email) -> str:
    """The path of the link in the verification email to `email`, once the worker has sent it."""
    run_pending_tasks()
    [message] = [message for message in mail.outbox if message.to == [email]]
    return CONFIRM_LINK.search(message.body).group(0)


def confirm_email(page, email):
    """Open the link from the email and press the button: the person is then signed in (a client on
    the first welcome step)."""
    page.goto(confirmation_link(email))
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/confirm-email/"))


def skip_welcome(page):
    """Skip each welcome step (language and zone, a coach's code, the first setback) to Today."""
    expect(page).to_have_url(re.compile(r"/accounts/welcome/$"))
    page.get_by_role("link", name="Skip this step").click()
    page.get_by_role("link", name="No code: skip this step").click()
    page.get_by_role("link", name="Not now: go to Today").click()
    expect(page).to_have_url(re.compile(r"/today/$"))


def sign_up_and_confirm(page, *, name, email, coach=False):
    """Sign up and verify; a client skips the welcome steps, so every journey starts on Today."""
    sign_up(page, name=name, email=email, coach=coach)
    confirm_email(page, email)
    if not coach:
        skip_welcome(page)


def set_up_authenticator(page, *, password=NEW_PASSWORD) -> str:
    """Turn on the authenticator app from /accounts/2fa/: read the secret the page shows, type the code
    an app would show. Returns the secret; the page is then the recovery codes'."""
    page.goto("/accounts/2fa/totp/activate/")
    if page.url.split("?")[0].endswith("/accounts/reauthenticate/"):
        page.locator("#id_password").fill(password)
        page.locator("main form button[type=submit]").click()
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(totp_code(secret))
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    return secret
