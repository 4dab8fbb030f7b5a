import re

import pytest
from playwright.sync_api import expect

from crisis_coach.accounts.models import User
from tests.e2e.pages import browser_page, confirm_email, sign_up, skip_welcome
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_new_user_signs_up_verifies_lands_home_and_switches_to_arabic(page, artifacts_dir):
    page.goto("/")
    page.get_by_role("link", name="Get started").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    sign_up(page, name="Noor Rahman", email="noor@example.test")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    confirm_email(page, "noor@example.test")
    expect(page.get_by_role("alert").last).to_contain_text("Successfully signed in as Noor Rahman.")
    skip_welcome(page)
    expect(page.locator("html")).to_have_attribute("dir", "ltr")

    page.get_by_role("button", name="العربيّة").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.screenshot(path=artifacts_dir / "home-ar.png", full_page=True)
    assert User.objects.get(email="noor@example.test").language == "ar"


def test_a_new_client_is_welcomed_language_and_zone_then_a_coach_code_then_the_first_setback(
    browser, live_server, artifacts_dir
):
    coach = make_user(display_name="Casey Coach", is_coach=True)
    code = coach.coach_profile.invite_code_display
    # The browser says Traditional Chinese and Taipei: the welcome suggests both.
    with browser_page(browser, live_server, locale="zh-TW", timezone_id="Asia/Taipei") as page:
        page.context.set_extra_http_headers({"Accept-Language": "zh-TW,zh;q=0.9"})
        sign_up(page, name="Mei Lin", email="mei@example.test")
        confirm_email(page, "mei@example.test")
        expect(page).to_have_url(re.compile(r"/accounts/welcome/$"))
        expect(page.get_by_test_id("welcome-step")).to_contain_text("1")
        expect(page.locator("#id_language")).to_have_value("zh-hant")
        expect(page.locator("#id_time_zone")).to_have_value("Asia/Taipei")
        page.screenshot(path=artifacts_dir / "welcome-zh-hant.png", full_page=True)
        page.locator("main form button[type=submit]").click()

        expect(page).to_have_url(re.compile(r"/coaching/welcome/$"))
        page.locator("#id_code").fill("WRONG-CODE")
        page.locator("main form button[type=submit]").click()
        expect(page.locator("#id_code_error")).to_be_visible()  # next to the field, what was typed kept
        expect(page.locator("#id_code")).to_have_value("WRONG-CODE")
        page.locator("#id_code").fill(code)
        page.locator("main form button[type=submit]").click()

        expect(page).to_have_url(re.compile(r"/incidents/new/\?welcome=1$"))
        expect(page.get_by_test_id("welcome-step")).to_contain_text("3")
        expect(page.locator("main")).to_contain_text("Casey Coach")  # "…is now your coach"
    mei = User.objects.get(email="mei@example.test")
    assert (mei.language, mei.time_zone) == ("zh-hant", "Asia/Taipei")
    assert mei.onboarded_at is not None
    assert mei.coaching_links.filter(coach=coach, ended_at__isnull=True).count() == 1


def test_password_rules_appear_once_broken_and_the_password_can_be_shown(page):
    page.goto("/accounts/signup/")
    rules = page.locator("#id_password1_helptext")
    expect(rules).to_have_class(re.compile(r"\bvisually-hidden\b"))  # read out, not shown up front
    password = page.locator("#id_password1")
    password.fill("short")
    show = page.locator("#div_id_password1").get_by_role("button", name="Show")
    show.click()
    expect(password).to_have_attribute("type", "text")
    expect(show).to_have_attribute("aria-pressed", "true")
    expect(password).to_be_focused()
    show.click()
    expect(password).to_have_attribute("type", "password")

    page.locator("#id_display_name").fill("Noor Rahman")
    page.locator("#id_email").fill("noor@example.test")
    page.locator("#id_password2").fill("short")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_password1_error")).to_contain_text("too short")
    expect(rules).not_to_have_class(re.compile(r"\bvisually-hidden\b"))
    expect(rules).to_be_visible()
    expect(page.locator("#id_display_name")).to_have_value("Noor Rahman")


def test_without_javascript_no_toggle_is_offered(browser, live_server):
    with browser_page(browser, live_server, java_script_enabled=False) as page:
        page.goto("/accounts/signup/")
        expect(page.locator("#div_id_password1 .password-toggle")).to_be_hidden()
        expect(page.locator("#id_password1")).to_be_visible()
