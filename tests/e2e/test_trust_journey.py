"""Trust, person by person, and the timeline's own notes, in the browser: record a conversation and
say the person's stance changed, see where they started and where they are now on the cockpit; date
a note in the past, edit it, and read its history."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from crisis_coach.incidents.models import Stance
from tests.e2e.pages import log_in
from tests.factories import make_conversation, make_incident, make_stakeholder, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_talk_changes_a_stance_and_a_backdated_note_is_edited_with_its_history(page):
    user = make_user(email="mei@example.test")
    incident = make_incident(user, title="Missed the counter-offer")
    dana = make_stakeholder(incident, name="Dana Boss", stance=Stance.CRITICAL, influence=5)
    make_conversation(incident, dana, planned_for=timezone.now() - timedelta(hours=3))
    log_in(page, user)

    page.goto(f"/incidents/{incident.public_id}/confront/")
    page.get_by_role("link", name="Record how it went").click()
    expect(page.locator("#id_stance")).to_have_value("critical")  # where she stood before the talk
    page.locator("#id_outcome").select_option("positive")
    page.locator("#id_stance").select_option("supportive")
    page.locator("#id_stance_note").fill("She saw the tracker working.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Recorded. Well done for facing it.")).to_be_visible()

    page.goto(f"/incidents/{incident.public_id}/")
    person = page.locator("#stance-journeys .stance-journey", has_text="Dana Boss")
    expect(person.locator(".stance-started")).to_contain_text("Critical")
    expect(person.locator(".stance-now")).to_contain_text("Supportive")
    expect(person).to_contain_text("She saw the tracker working.")

    # A note of something that happened two days ago, dated then.
    happened = timezone.localtime(timezone.now() - timedelta(days=2), user.zone).replace(hour=9, minute=15)
    page.locator("#id_text").fill("Dana asked for the numbers in the corridor.")
    page.locator("#id_at").fill(happened.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_text("Note added to the timeline.")).to_be_visible()
    note = page.locator("#timeline-events li", has_text="Dana asked for the numbers")
    expect(note).to_contain_text("written")

    # A date ahead is refused next to the field, and what was typed stays.
    note.get_by_role("link", name="Edit this note").click()
    page.locator("#id_text").fill("Dana asked for the numbers in the corridor, calmly.")
    page.locator("#id_at").fill(
        (timezone.localtime(timezone.now(), user.zone) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("This is in the future.")).to_be_visible()
    expect(page.locator("#id_text")).to_have_value("Dana asked for the numbers in the corridor, calmly.")
    page.locator("#id_at").fill(happened.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Note saved. Its earlier version is kept.")).to_be_visible()

    note = page.locator("#timeline-events li", has_text="calmly")
    note.get_by_role("link", name=re.compile("edited")).click()
    versions = page.locator(".note-version")
    expect(versions).to_have_count(2)
    expect(versions.first).to_contain_text("calmly")
    expect(versions.nth(1)).to_contain_text("Dana asked for the numbers in the corridor.")
