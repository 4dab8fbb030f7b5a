import pytest
from playwright.sync_api import expect

from crisis_coach.network import services
from tests.e2e.pages import log_in
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_keeping_in_touch_and_keeping_a_promise(page, artifacts_dir):
    log_in(page, make_user(display_name="Noor Rahman"))

    # Add a contact with a cadence: never contacted, so due for a touch at once.
    page.get_by_role("link", name="Network").click()
    page.get_by_role("link", name="Add your first contact").click()
    page.locator("#id_name").fill("Rana Haddad")
    page.locator("#id_organisation").fill("Northwind")
    page.locator("#id_relationship").select_option("manager")
    page.locator("#id_importance").fill("5")
    page.locator("#id_cadence_days").fill("14")
    page.get_by_role("button", name="Save contact").click()
    expect(page.get_by_role("alert")).to_contain_text("Rana Haddad is in your network.")

    page.get_by_role("link", name="Keep in touch").click()
    due_list = page.get_by_test_id("due-list")
    expect(due_list).to_contain_text("Rana Haddad")
    page.screenshot(path=artifacts_dir / "network-keep-in-touch.png", full_page=True)

    # Log a touch from her page; she leaves the overdue list.
    due_list.get_by_role("link", name="Rana Haddad").click()
    page.locator("#id_channel").select_option("call")
    page.locator("#id_summary").fill("Talked about the new client pipeline")
    page.get_by_role("button", name="Save touch").click()
    expect(page.get_by_test_id("history")).to_contain_text("Talked about the new client pipeline")
    page.get_by_role("link", name="Keep in touch").click()
    expect(page.get_by_test_id("due-empty")).to_be_visible()
    expect(page.get_by_test_id("due-list")).to_have_count(0)

    # Make a promise, mark it kept, and the trust record shows it.
    page.get_by_role("link", name="Contacts").click()
    page.get_by_role("link", name="Rana Haddad").click()
    expect(page.get_by_test_id("trust-record")).to_contain_text("No promises due yet.")
    page.get_by_role("link", name="Make a promise").click()
    page.locator("#id_what").fill("Send the follow-up plan")
    page.locator("#id_due_on").fill("2099-01-31")
    page.get_by_role("button", name="Save promise").click()
    promise = page.get_by_test_id("commitment").filter(has_text="Send the follow-up plan")
    promise.get_by_role("button", name="Kept").click()
    expect(page.get_by_test_id("trust-record")).to_contain_text("1 of 1 promises kept on time")
    expect(page.get_by_test_id("trust-record")).to_contain_text("100%")
    expect(promise).to_contain_text("Kept on time")
    page.screenshot(path=artifacts_dir / "network-contact.png", full_page=True)


def test_one_click_touch_on_the_keep_in_touch_page(page):
    user = make_user(display_name="Omar Haddad")
    services.contact_create(owner=user, name="Lina Recruiter", relationship="recruiter", cadence_days=30)
    log_in(page, user)
    page.goto("/network/keep-in-touch/")
    page.get_by_test_id("due-list").get_by_role("button", name="Log a touch").click()
    expect(page.get_by_test_id("done-row")).to_contain_text("Touch logged with Lina Recruiter.")
    page.reload()
    expect(page.get_by_test_id("due-empty")).to_be_visible()
