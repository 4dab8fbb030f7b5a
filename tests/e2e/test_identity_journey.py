"""A person's identity from the first day: signing up with an address they must verify from its email,
turning on an authenticator app (with recovery codes to keep), and signing in again with the code.
In Arabic the sign-in and two-factor pages read right to left."""

import datetime
import re

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from crisis_coach.accounts.models import User
from tests.e2e.pages import NEW_PASSWORD, confirmation_link, sign_up
from tests.factories import PASSWORD, make_user, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def heading(page):
    return page.get_by_role("heading", level=1)


def submit(page):
    page.locator("main form button[type=submit]").click()


def expect_no_error(page):
    expect(page.locator("main .invalid-feedback, main .alert-danger, main .errorlist")).to_have_count(0)


def test_a_new_person_verifies_their_address_turns_on_an_authenticator_and_signs_in_with_it(
    page, clock, artifacts_dir
):
    # Signing up does not sign in: the address must be verified first.
    sign_up(page, name="Noor Rahman", email="noor@example.test")
    expect(heading(page)).to_have_text("Verify Your Email Address")
    expect(page.get_by_role("alert")).to_contain_text("Confirmation email sent to noor@example.test")
    expect(page.locator("header nav").get_by_role("link", name="Log in")).to_be_visible()
    assert not User.objects.get(email="noor@example.test").emailaddress_set.get().verified

    # The link in the email opens a page that asks before it verifies (a mail scanner only GETs it).
    page.goto(confirmation_link("noor@example.test"))
    expect(heading(page)).to_have_text("Confirm Email Address")
    expect(page.locator("main")).to_contain_text("noor@example.test")
    page.get_by_role("button", name="Confirm").click()

    # Confirmed, and signed in: a new client is welcomed first.
    expect(page).to_have_url(re.compile(r"/accounts/welcome/$"))
    expect(page.get_by_role("alert").first).to_contain_text("You have confirmed noor@example.test")
    expect(page.locator("header nav")).to_contain_text("Noor Rahman")
    assert User.objects.get(email="noor@example.test").emailaddress_set.get().verified

    # Two-factor sign-in: off to begin with; turning the app on asks for the password once more.
    page.goto("/accounts/2fa/")
    expect(heading(page)).to_have_text("Two-Factor Authentication")
    expect(page.locator("main")).to_contain_text("An authenticator app is not active.")
    page.locator("main").get_by_role("link", name="Activate").click()
    expect(heading(page)).to_have_text("Confirm Access")
    page.locator("#id_password").fill(NEW_PASSWORD)
    submit(page)

    # The page shows the secret (and its QR code); the person's app computes the code from it.
    expect(heading(page)).to_have_text("Activate Authenticator App")
    expect(page.locator("main img")).to_be_visible()
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    page.screenshot(path=artifacts_dir / "two-factor-activate.png", full_page=True)
    page.locator("#id_code").fill(totp_code(secret))
    submit(page)

    # On, with ten recovery codes shown to keep.
    expect(heading(page)).to_have_text("Recovery Codes")
    expect(page.locator(".account-nav .active")).to_have_text("Two-factor sign-in")
    expect(page.get_by_role("alert").first).to_contain_text("Authenticator app activated.")
    expect_no_error(page)
    codes = page.locator("#recovery_codes").input_value().split()
    assert len(codes) == 10
    assert all(re.fullmatch(r"[0-9a-zA-Z]{8}", code) for code in codes)
    expect(page.get_by_role("link", name="Download codes")).to_be_visible()
    page.goto("/accounts/2fa/")
    expect(page.locator("main")).to_contain_text("Authentication using an authenticator app is active.")
    expect(page.locator("main")).to_contain_text("There are 10 out of 10 recovery codes available.")
    page.goto("/accounts/security/")
    expect(page.locator("section.two-factor")).not_to_contain_text("Off")

    # Signing out, then in again: the password, then the code the app shows now.
    page.locator("header nav summary").click()
    page.locator("header nav").get_by_role("button", name="Log out").click()
    expect(page.locator("header nav").get_by_role("link", name="Log in")).to_be_visible()
    clock.shift(datetime.timedelta(seconds=mfa_settings.TOTP_PERIOD))  # a new code, not the one just used
    page.goto("/accounts/login/")
    page.locator("#id_login").fill("noor@example.test")
    page.locator("#id_password").fill(NEW_PASSWORD)
    submit(page)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    expect(heading(page)).to_have_text("Two-Factor Authentication")
    expect(page.locator("header nav").get_by_role("link", name="Log in")).to_be_visible()  # not yet in
    page.locator("#id_code").fill(totp_code(secret))
    submit(page)

    expect(page).to_have_url(re.compile(r"/today/$"))
    expect(page.get_by_role("alert").first).to_contain_text("Successfully signed in as Noor Rahman.")
    expect(page.locator("header nav")).to_contain_text("Noor Rahman")
    noor = User.objects.get(email="noor@example.test")
    assert Authenticator.objects.filter(user=noor, type=Authenticator.Type.TOTP).exists()


def test_sign_in_and_two_factor_pages_read_right_to_left_in_arabic(browser, live_server):
    make_user(email="layla@example.test", display_name="Layla Haddad", is_coach=True, language="ar")
    context = browser.new_context(base_url=live_server.url, locale="ar")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        expect(page.locator("html")).to_have_attribute("lang", "ar")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        page.locator("#id_login").fill("layla@example.test")
        page.locator("#id_password").fill(PASSWORD)
        submit(page)

        expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        page.locator("#id_code").fill(totp_code())
        submit(page)
        expect(page).not_to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))

        page.goto("/accounts/2fa/")
        expect(page.locator("html")).to_have_attribute("lang", "ar")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
    finally:
        context.close()
