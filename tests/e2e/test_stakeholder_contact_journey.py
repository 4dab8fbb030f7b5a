import pytest
from playwright.sync_api import expect

from tests.e2e.pages import log_in
from tests.factories import make_contact, make_incident, make_stakeholder, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_link_an_incidents_stakeholder_to_a_contact(page):
    user = make_user(email="mei@example.test")
    incident = make_incident(user, title="Missed the counter-offer")
    make_stakeholder(incident, name="Grace Lin")
    make_contact(user, name="Grace Lin (Acme)")

    log_in(page, user)

    page.goto(f"/incidents/{incident.public_id}/assess/")
    page.locator("#stakeholders").get_by_role("link", name="Edit Grace Lin").click()
    page.locator("#id_contact").select_option(label="Grace Lin (Acme)")
    page.get_by_role("button", name="Save").click()
    page.locator("#stakeholders").get_by_role("link", name="In your network").click()
    expect(page.get_by_role("heading", name="In your setbacks")).to_be_visible()
    # The setback is in the contact's history too, where it is one line among their touches.
    history = page.get_by_test_id("history-setback")
    expect(history.get_by_role("link", name="Missed the counter-offer")).to_be_visible()
