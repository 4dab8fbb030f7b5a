import pytest
from playwright.sync_api import expect

from crisis_coach.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_new_user_signs_up_lands_home_and_switches_to_arabic(page, artifacts_dir):
    page.goto("/")
    page.get_by_role("link", name="Get started").click()
    page.get_by_label("Your name").fill("Noor Rahman")
    page.get_by_label("Email address").fill("noor@example.test")
    page.locator("#id_password1").fill("a-long-and-unusual-passphrase")
    page.get_by_label("Password again").fill("a-long-and-unusual-passphrase")
    page.get_by_role("button", name="Sign up").click()

    expect(page).to_have_url(page.url.split("/today/")[0] + "/today/")
    expect(page.get_by_role("alert")).to_contain_text("Welcome, Noor Rahman")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")

    page.get_by_role("button", name="العربيّة").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.screenshot(path=artifacts_dir / "home-ar.png", full_page=True)
    assert User.objects.get(email="noor@example.test").language == "ar"
