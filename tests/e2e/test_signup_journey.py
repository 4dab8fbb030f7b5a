import pytest
from playwright.sync_api import expect

from crisis_coach.accounts.models import User
from tests.e2e.pages import confirm_email, sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_new_user_signs_up_verifies_lands_home_and_switches_to_arabic(page, artifacts_dir):
    page.goto("/")
    page.get_by_role("link", name="Get started").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    sign_up(page, name="Noor Rahman", email="noor@example.test")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    confirm_email(page, "noor@example.test")

    expect(page).to_have_url(page.url.split("/today/")[0] + "/today/")
    expect(page.get_by_role("alert").last).to_contain_text("Successfully signed in as Noor Rahman.")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")

    page.get_by_role("button", name="العربيّة").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.screenshot(path=artifacts_dir / "home-ar.png", full_page=True)
    assert User.objects.get(email="noor@example.test").language == "ar"
