"""A person reads their insights (in English and Arabic), prints a case, takes their data with them,
and leaves: the account is gone and the login page greets them."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from crisis_coach.accounts.models import User
from crisis_coach.incidents.models import Incident
from tests.accounts.seed import seed_charted_account
from tests.e2e.pages import log_in
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_insights_report_export_and_leaving(page, artifacts_dir):
    person = make_user(display_name="Noor Rahman")
    seed = seed_charted_account(person)
    User.objects.filter(pk=person.pk).update(language="en")
    log_in(page, person)

    page.goto("/insights/")
    charts = page.get_by_role("img")
    expect(charts.filter(has_text="Setbacks by kind of crisis")).to_have_count(1)
    # Seven since "where the key people stand" (the seeded cases have people in them).
    expect(page.locator("svg.chart-svg")).to_have_count(7)
    page.screenshot(path=artifacts_dir / "insights-en.png", full_page=True)
    page.get_by_text("Show the numbers").first.click()
    expect(page.locator("details.chart-data table").first).to_be_visible()

    User.objects.filter(pk=person.pk).update(language="ar")
    page.goto("/insights/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator('svg.chart-svg[direction="rtl"]')).to_have_count(7)
    page.screenshot(path=artifacts_dir / "insights-ar.png", full_page=True)
    User.objects.filter(pk=person.pk).update(language="en")

    # The printable report: on paper, no navigation and no buttons.
    page.goto(f"/insights/report/{seed['closed'].public_id}/")
    expect(page.get_by_role("heading", name="Assessment")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("nav.navbar")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    expect(page.get_by_role("heading", name="錯過了客戶的還價")).to_be_visible()
    expect(page.get_by_role("link", name="Download as Markdown")).to_be_hidden()
    page.screenshot(path=artifacts_dir / "case-report-print.png", full_page=True)
    page.emulate_media(media="screen")

    # Take the data, then leave.
    page.goto("/accounts/settings/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data (JSON)").click()
    document = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert document["format"] == "crisis-coach-export" and len(document["incidents"]) == 3

    page.get_by_role("link", name="Delete your account").click()
    page.locator("#id_password").fill("wrong password")
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_text("That is not your password. Nothing was deleted.")).to_be_visible()
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_role("alert")).to_contain_text("Your account and all its data are deleted.")
    assert not User.objects.filter(pk=person.pk).exists()
    assert not Incident.objects.exists()
