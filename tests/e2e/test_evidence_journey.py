"""A person keeps an evidence log: logs a fact days after it happened, edits it, reads its history,
and downloads the report as a PDF, whose first page says what she logged (read as text)."""

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.pages import log_in
from tests.e2e.test_phone_width import NARROW_CONTROLS, OVERFLOWS
from tests.factories import make_incident, make_stakeholder, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_log_backdate_edit_see_history_and_get_the_pdf(page, artifacts_dir):
    person = make_user(display_name="Mei Lin")
    incident = make_incident(person, title="A boss who shouts", crisis_type="difficult_boss")
    make_stakeholder(incident, name="Mr Li")
    make_stakeholder(incident, name="Ana", relation="colleague")
    log_in(page, person)

    # From the case to its log, and a fact logged a week after it happened.
    page.goto(f"/incidents/{incident.public_id}/")
    page.get_by_role("link", name="Evidence log").first.click()
    expect(page).to_have_url(re.compile(r"/evidence/$"))
    page.get_by_role("link", name="Log evidence").click()
    expect(page.locator("main")).to_contain_text("Facts, not feelings")
    page.locator("#id_happened_on").fill("2026-11-18")
    page.locator("#id_happened_at").fill("09:30")
    page.locator("#id_what_happened").fill("Mr Li shouted that my report was late. It was sent on Friday.")
    page.locator("#id_concerns").select_option(label="Mr Li")
    page.get_by_label("Ana").check()
    page.locator("#id_proof").fill("Email “Q3 report”, sent 14 Nov")
    page.set_viewport_size({"width": 375, "height": 800})  # the form works on a phone too
    page.screenshot(path=artifacts_dir / "evidence-form-375.png", full_page=True)
    page.get_by_role("button", name="Save").click()
    entry = page.locator(".evidence-entry")
    expect(entry).to_contain_text("Mr Li shouted")
    expect(entry).to_contain_text("18 Nov 2026")
    expect(entry).not_to_contain_text("edited")
    # The log fits a phone too: nothing wider than the screen, no control too small to tap.
    assert page.evaluate(OVERFLOWS) == []
    assert page.locator("main").evaluate(NARROW_CONTROLS) == []
    page.screenshot(path=artifacts_dir / "evidence-log-375.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    # Edited: the entry says so, and its history keeps the first version.
    entry.get_by_role("link", name="Edit").click()
    page.locator("#id_what_happened").fill(
        "Mr Li shouted, in front of the team, that my report was late. It was sent on Friday."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".evidence-entry .badge")).to_have_text("edited")
    page.locator(".evidence-entry").get_by_role("link", name="History").click()
    expect(page.locator("main")).to_contain_text("2 saved versions")
    expect(page.locator("main .card")).to_have_count(2)
    expect(page.locator("main .card").nth(1)).to_contain_text("Mr Li shouted that my report was late.")

    # The report, then its PDF.
    page.get_by_role("link", name="Back to the evidence log").click()
    page.get_by_role("link", name="Evidence report").click()
    page.locator("#id_start").fill("2026-11-01")
    page.get_by_role("button", name="Show the report").click()
    report = page.locator(".evidence-report")
    expect(report).to_contain_text("1 entry")
    expect(report).to_contain_text("1 edit")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as PDF").click()
    download = download_info.value
    assert re.fullmatch(r"evidence-a-boss-who-shouts-\d{4}-\d{2}-\d{2}\.pdf", download.suggested_filename)
    path = artifacts_dir / download.suggested_filename
    download.save_as(path)
    text = PdfReader(path).pages[0].extract_text()
    assert "Evidence report" in text and "A boss who shouts" in text
    assert "1 entry" in text and "1 edit" in text
    assert "in front of the team" in text
