"""A person fills a thought record on her case: the thought and its traps first, then both sides of
it with the thought kept at the top of the window while she writes the balanced one (on a 375 px
phone too, without the block covering the form), and sees the feeling before and after, on the case
and in Insights. Without JavaScript on a phone the same plain forms do it all."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import browser_page, log_in
from tests.e2e.test_phone_width import OVERFLOWS
from tests.factories import make_incident, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THOUGHT = "My boss thinks I'm useless. I'll never work in this field again."


def test_fill_a_thought_record_and_see_the_feeling_before_and_after(page, artifacts_dir):
    person = make_user(display_name="Mei Lin")
    incident = make_incident(person, title="Passed over for the new account")
    log_in(page, person)

    # From the case to its thought records, and a new one.
    page.goto(f"/incidents/{incident.public_id}/")
    page.get_by_role("link", name="Thought records").first.click()
    expect(page).to_have_url(re.compile(r"/thoughts/$"))
    expect(page.locator("main")).to_contain_text("A thinking exercise, not therapy")
    page.get_by_role("link", name="New thought record").click()

    # Part one: refused without the thought, what was typed kept.
    page.locator("#id_situation").fill("Grace gave the new account to a colleague in the Monday meeting.")
    page.locator("#id_emotion").fill("Ashamed")
    page.locator("#id_intensity_before").fill("80")
    page.get_by_label(re.compile("^Mind reading")).check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("#id_thought_error")).to_contain_text("Write down the thought that upset you.")
    expect(page.locator("#id_situation")).to_have_value(
        "Grace gave the new account to a colleague in the Monday meeting."
    )
    expect(page.get_by_label(re.compile("^Mind reading"))).to_be_checked()
    expect(page.locator("main")).to_contain_text("“I’ll never work in this field again.”")
    page.locator("#id_thought").fill(THOUGHT)
    page.get_by_label(re.compile("^Catastrophising")).check()
    page.get_by_role("button", name="Save and continue").click()

    # Part two, on a phone: the thought stays at the top while the balanced thought is written.
    expect(page).to_have_url(re.compile(r"/balance/$"))
    page.set_viewport_size({"width": 375, "height": 700})
    top = page.get_by_test_id("thought-at-top")
    expect(top).to_contain_text(THOUGHT)
    expect(top).to_contain_text("80 out of 100")
    expect(top).to_contain_text("Catastrophising")
    page.locator("#id_evidence_for").fill("She gave the account to someone else the week after my mistake.")
    page.locator("#id_evidence_against").fill("She praised my work last quarter. One missed offer in years.")
    balanced = page.locator("#id_balanced_thought")
    balanced.scroll_into_view_if_needed()
    balanced.fill("One mistake, not a verdict on me: I can earn the next account.")
    # Scrolled down to the balanced thought, the thought is still in view at the top of the window,
    # above the field rather than over it.
    box, field = top.bounding_box(), balanced.bounding_box()
    assert page.evaluate("window.scrollY") > 0
    assert 0 <= box["y"] <= 16, box
    assert box["y"] + box["height"] <= field["y"], (box, field)
    assert page.evaluate(OVERFLOWS) == []
    page.screenshot(path=artifacts_dir / "thought-record-balance-375.png")
    page.locator("#id_intensity_after").fill("45")
    page.get_by_role("button", name="Save").click()

    # Back on the list: before and after, and the balanced thought.
    expect(page).to_have_url(re.compile(r"/thoughts/#thought-"))
    record = page.locator(".thought-record")
    expect(record).to_contain_text("80 before, 45 after (out of 100)")
    expect(record.get_by_test_id("balanced-thought")).to_have_text(
        "One mistake, not a verdict on me: I can earn the next account."
    )
    page.set_viewport_size({"width": 1280, "height": 900})

    # Insights draws the two side by side.
    page.get_by_role("link", name="See the feeling before and after each record in Insights").click()
    chart = page.get_by_test_id("thought-chart")
    expect(chart).to_contain_text("Passed over for the new account")
    chart.locator("summary").click()
    row = chart.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td")).to_have_text(["80", "45"])


def test_without_javascript_on_a_phone_both_parts_save_and_the_thought_stays_in_view(browser, live_server):
    person = make_user(display_name="Mei Lin")
    incident = make_incident(person, title="Passed over for the new account")
    phone = {"width": 375, "height": 700}
    with browser_page(browser, live_server, java_script_enabled=False, viewport=phone) as page:
        log_in(page, person)
        page.goto(f"/incidents/{incident.public_id}/thoughts/add/")
        page.locator("#id_situation").fill("The new account went to a colleague.")
        page.locator("#id_thought").fill(THOUGHT)
        page.locator("#id_emotion").fill("Anxious")
        page.locator("#id_intensity_before").fill("150")  # refused next to the field, the rest kept
        page.get_by_label(re.compile("^Labelling")).check()
        page.get_by_role("button", name="Save and continue").click()
        expect(page.locator("#id_intensity_before_error")).to_contain_text("from 0 (not at all) to 100")
        expect(page.locator("#id_thought")).to_have_value(THOUGHT)
        expect(page.get_by_label(re.compile("^Labelling"))).to_be_checked()
        page.locator("#id_intensity_before").fill("70")
        page.get_by_role("button", name="Save and continue").click()

        top = page.get_by_test_id("thought-at-top")
        expect(top).to_contain_text(THOUGHT)
        balanced = page.locator("#id_balanced_thought")
        balanced.scroll_into_view_if_needed()
        balanced.fill("A setback, not the end of my career.")
        box = top.bounding_box()
        assert page.evaluate("window.scrollY") > 0 and 0 <= box["y"] <= 16, box
        page.locator("#id_intensity_after").fill("40")
        page.get_by_role("button", name="Save").click()
        expect(page.locator(".thought-record")).to_contain_text("70 before, 40 after (out of 100)")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
