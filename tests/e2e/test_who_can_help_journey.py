"""Who can help now: from an open case, plan a touch with a suggested contact, find it in the plan,
then log the touch and correct it."""

import datetime

import pytest
from playwright.sync_api import expect

from crisis_coach.incidents.models import CrisisType
from crisis_coach.network import services
from tests.e2e.pages import log_in
from tests.factories import make_contact, make_incident, make_stakeholder, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plan_a_touch_from_the_cockpit_and_edit_the_touch(page, artifacts_dir):
    user = make_user(display_name="Noor Rahman")
    incident = make_incident(user, title="Told my role will be replaced", crisis_type=CrisisType.REPLACED)
    make_contact(user, name="Priya Natarajan", relationship="recruiter", importance=4)
    make_contact(user, name="Daniel Okafor", relationship="mentor", importance=3)
    boss = make_contact(user, name="Grace Lin", relationship="manager", importance=5)
    make_stakeholder(incident, name="Grace Lin", contact=boss)  # already in the case: not suggested
    make_contact(user, name="Sam Client", relationship="client", importance=1)
    log_in(page, user)

    page.goto(f"/incidents/{incident.public_id}/")
    panel = page.get_by_test_id("who-can-help")
    suggestions = panel.get_by_test_id("help-suggestion")
    expect(suggestions.first).to_contain_text("Priya Natarajan")
    expect(suggestions.first).to_contain_text("Knows of openings elsewhere")
    expect(panel).not_to_contain_text("Grace Lin")
    page.screenshot(path=artifacts_dir / "who-can-help.png", full_page=True)

    suggestions.filter(has_text="Daniel Okafor").get_by_role("button", name="Plan a touch").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "get in touch with Daniel Okafor within three days"
    )
    expect(panel).not_to_contain_text("Daniel Okafor")  # planned: no longer suggested

    expect(page.get_by_role("region", name="Steps due soon")).to_contain_text(
        "Get in touch with Daniel Okafor"
    )
    page.goto(f"/incidents/{incident.public_id}/resolve/")
    expect(page.locator("#plan")).to_contain_text("Get in touch with Daniel Okafor")

    # He answered: log the touch on his page, then fix its date and summary.
    page.goto("/network/")
    page.get_by_role("link", name="Daniel Okafor").click()
    page.locator("#id_channel").select_option("call")
    page.locator("#id_summary").fill("Call about what comes next")
    page.get_by_role("button", name="Save touch").click()
    history = page.get_by_test_id("history")
    expect(history).to_contain_text("Call about what comes next")

    history.get_by_test_id("history-interaction").first.get_by_role("link", name="Edit").click()
    yesterday = services.local_today(user) - datetime.timedelta(days=1)
    page.locator("#id_happened_on").fill(yesterday.isoformat())
    page.locator("#id_summary").fill("Call about roles at two exporters")
    page.get_by_role("button", name="Save touch").click()
    expect(page.get_by_role("alert").first).to_contain_text("Touch saved.")
    expect(history).to_contain_text("Call about roles at two exporters")
    expect(history).not_to_contain_text("Call about what comes next")
