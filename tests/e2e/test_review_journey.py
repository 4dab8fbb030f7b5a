"""A person closes a setback; a week later Today asks for the first review after the close, and its
answers go on the setback's timeline."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from crisis_coach.incidents.models import Stakeholder
from tests.e2e.pages import log_in
from tests.factories import (
    make_assessment,
    make_conversation,
    make_incident,
    make_stakeholder,
    make_step,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.dates]


def test_close_a_case_then_answer_its_week_review_from_today(page, clock, artifacts_dir):
    user = make_user(display_name="Li Wei", time_zone="Asia/Taipei")
    incident = make_incident(user, title="Missed the counter-offer", control_at_start=3)
    grace = make_stakeholder(incident, name="Grace Lin", stance="neutral", influence=5)
    make_assessment(incident)
    make_conversation(incident, grace, held_at=timezone.now(), outcome="positive")
    make_step(incident, title="Call the client back", status="done")

    log_in(page, user)
    page.goto(f"/incidents/{incident.public_id}/resolve/")
    page.locator("#id_strengths").fill("I told the truth quickly.")
    page.locator("#id_lessons").fill("Track every open offer.")
    page.locator("#id_next_step").fill("Lead the next new-client account.")
    page.locator("#id_control_at_close").select_option("7")
    page.get_by_role("button", name="Save reflection").click()
    expect(page.locator(".timeline")).to_contain_text("The setback is closed.")

    # Nothing to review yet; a week later Today has it, with Answer and Skip.
    page.goto("/today/")
    expect(page.locator('[data-kind="review"]')).to_have_count(0)
    clock.shift(datetime.timedelta(days=7))
    page.goto("/today/")
    review = page.locator('[data-kind="review"]')
    expect(review).to_contain_text("A week after the close")
    expect(review).to_contain_text("Missed the counter-offer")
    expect(review.get_by_role("button", name=re.compile("^Skip"))).to_be_visible()
    page.screenshot(path=artifacts_dir / "review-on-today.png", full_page=True)
    review.get_by_role("link", name=re.compile("^Answer")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("A week after the close")
    person = page.get_by_test_id("review-person")
    expect(person).to_contain_text("Grace Lin")
    expect(person.locator("select").first).to_have_value("neutral")  # pre-filled with where she stood
    page.locator("input[name=happened_again][value=no]").check()
    person.locator("select").first.select_option("supportive")
    page.locator("#id_control_now").select_option("9")
    page.locator("#id_notes").fill("Grace asked me to lead the next pitch.")
    page.screenshot(path=artifacts_dir / "review-form.png", full_page=True)
    page.get_by_role("button", name="Save the review").click()

    expect(page.get_by_role("alert").first).to_contain_text("Review saved.")
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text("Review 7 days after the close.")
    expect(timeline).to_contain_text("Grace Lin: Supportive")
    expect(timeline).to_contain_text("In control now: 9/10")
    page.screenshot(path=artifacts_dir / "review-on-timeline.png", full_page=True)
    assert Stakeholder.objects.get(pk=grace.pk).stance == "supportive"
    page.goto("/today/")
    expect(page.locator('[data-kind="review"]')).to_have_count(0)
