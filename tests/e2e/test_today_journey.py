import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.pages import log_in
from tests.factories import make_incident, make_step, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.dates]


def test_an_overdue_step_is_done_from_today(page, artifacts_dir):
    user = make_user(display_name="Li Wei", time_zone="Asia/Taipei")
    today = timezone.localdate(timezone=user.zone)
    make_step(make_incident(user), title="Call the client back", due_on=today - datetime.timedelta(days=3))

    log_in(page, user)

    # Signing in lands on Today, where the step waits under Overdue.
    overdue = page.get_by_test_id("group-overdue")
    expect(overdue.get_by_role("heading")).to_contain_text("Overdue")
    expect(overdue).to_contain_text("Call the client back")
    expect(overdue).to_contain_text("3 days late")
    page.screenshot(path=artifacts_dir / "today-overdue.png", full_page=True)

    overdue.get_by_role("button", name="Done Call the client back").click()

    expect(page.get_by_role("alert")).to_contain_text("Done: Call the client back")
    expect(page.get_by_test_id("group-overdue")).to_have_count(0)
    expect(page.get_by_test_id("today-empty")).to_be_visible()
