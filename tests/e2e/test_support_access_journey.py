"""A person asks support for help with her network: she allows support access from her security page
(on a phone), sees who looked, ends it, and support staff see her contacts no longer."""

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import browser_page, log_in
from tests.factories import make_contact, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_she_allows_support_access_sees_who_looked_and_ends_it(browser, live_server, artifacts_dir):
    user = make_user(display_name="Noor Rahman")
    make_contact(user, name="Rana Haddad")
    staff = make_user(display_name="Sam Support", is_staff=True, is_superuser=True, two_factor=True)

    with (
        browser_page(browser, live_server, viewport={"width": 375, "height": 800}) as phone,
        browser_page(browser, live_server) as desk,
    ):
        log_in(phone, user)
        phone.goto("/accounts/security/")
        card = phone.get_by_test_id("support-access")
        expect(card).to_contain_text("Our support staff cannot read your contacts")
        expect(card.get_by_label("For how long")).to_have_value("24")

        # Support staff, before she allows it: her contacts are not in the admin's list.
        log_in(desk, staff)
        desk.goto("/admin/network/contact/")
        expect(desk.locator("#content")).not_to_contain_text("Rana Haddad")

        card.get_by_label("For how long").select_option("72")
        card.get_by_role("button", name="Allow support access").click()
        expect(phone.get_by_role("alert")).to_contain_text("Support staff may read your content until")
        expect(card).to_contain_text("Support staff may read your content until")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375
        phone.screenshot(path=artifacts_dir / "support-access-on.png", full_page=True)

        desk.reload()
        expect(desk.locator("#result_list")).to_contain_text("Rana Haddad")

        # Her page says who looked, and at what.
        phone.reload()
        activity = phone.locator(".security-events")
        expect(activity).to_contain_text("Viewed by our support staff")
        expect(activity).to_contain_text("Sam Support · Contacts list")

        card.get_by_role("button", name="End support access now").click()
        expect(phone.get_by_role("alert")).to_contain_text("Support access has ended.")
        expect(card.get_by_role("button", name="Allow support access")).to_be_visible()
        expect(activity).to_contain_text("Support access ended")

        desk.reload()
        expect(desk.locator("#content")).not_to_contain_text("Rana Haddad")
