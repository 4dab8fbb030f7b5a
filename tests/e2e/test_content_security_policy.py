"""The Content Security Policy blocks nothing that the pages need: Chromium's console stays clean."""

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import log_in
from tests.factories import make_contact, make_incident, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_main_pages_and_an_htmx_swap_work_under_the_policy_without_violations(page):
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"{page.url}: {message.type}: {message.text}")
            if message.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"{page.url}: page error: {error}"))

    page.goto("/")
    page.goto("/accounts/signup/")
    user = make_user(display_name="Mei Chen")
    incident = make_incident(user)
    contact = make_contact(user)
    log_in(page, user)
    expect(page.get_by_role("link", name="Setbacks")).to_be_visible()

    for path in [
        "/today/",
        "/today/settings/",
        "/incidents/",
        "/incidents/new/",
        f"/incidents/{incident.public_id}/",
        f"/incidents/{incident.public_id}/confront/",
        f"/incidents/{incident.public_id}/resolve/",
        "/network/",
        f"/network/contacts/{contact.public_id}/",
        "/network/keep-in-touch/",
        "/network/commitments/",
        "/network/communities/",
        "/insights/",
        f"/insights/report/{incident.public_id}/",
        "/accounts/import/",
        "/accounts/delete/",
        "/coaching/",
        "/accounts/settings/",
        "/accounts/security/",
    ]:
        page.goto(path)
        expect(page.locator("main")).to_be_visible()

    # Bootstrap's JavaScript still runs: the user menu opens.
    page.goto(f"/incidents/{incident.public_id}/assess/")
    page.locator(".navbar .dropdown-toggle").click()
    expect(page.get_by_role("link", name="Security activity")).to_be_visible()

    # htmx still runs: a stakeholder is added in place, without a page load.
    stakeholders = page.locator("#stakeholders")
    stakeholders.locator("#id_name").fill("Grace Lin")
    stakeholders.locator("#id_relation").select_option("manager")
    stakeholders.locator("#id_influence").select_option("5")
    page.evaluate("window.__still_the_same_page = true")
    stakeholders.get_by_role("button", name="Add person").click()
    expect(page.locator("#stakeholders")).to_contain_text("Grace Lin")
    assert page.evaluate("window.__still_the_same_page") is True

    assert problems == []
