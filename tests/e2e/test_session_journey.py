"""A session, clicks and typing only: the coach proposes it from her clients' page, the client agrees
from her sessions list, the coach writes the summary after it, and the client reads it."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from crisis_coach.coaching.models import CoachingSession, SessionStatus
from crisis_coach.coaching.services import link_create
from tests.e2e.pages import browser_page, log_in
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUMMARY = "Send the recovery plan to Ms Wang by Friday; we meet again in two weeks."


def test_the_coach_proposes_the_client_agrees_and_reads_the_summary(browser, live_server, clock):
    coach = make_user(display_name="Noor Coach", is_coach=True, time_zone="Europe/London")
    client = make_user(display_name="Sam Client", time_zone="Europe/London")
    link_create(client=client, coach_profile=coach.coach_profile)

    with browser_page(browser, live_server) as page, browser_page(browser, live_server) as client_page:
        log_in(page, coach)
        page.goto("/coach/clients/")
        page.get_by_role("link", name="Propose a session Sam Client").click()
        # A past time is refused next to the field, and what was typed stays.
        page.get_by_label("Date and time").fill("2026-11-20T09:00")
        page.get_by_label("Place or video link").fill("Room 4B")
        page.get_by_role("button", name="Propose", exact=True).click()
        expect(page.locator("#id_starts_at_error")).to_contain_text("This time has passed")
        expect(page.get_by_label("Place or video link")).to_have_value("Room 4B")
        page.get_by_label("Date and time").fill("2026-11-27T14:00")
        page.get_by_role("button", name="Propose", exact=True).click()
        expect(page.get_by_role("alert")).to_contain_text("Session proposed. Sam Client is asked to agree")
        expect(page.get_by_test_id("session-status")).to_have_text("Proposed")

        log_in(client_page, client)
        client_page.goto("/coaching/")
        client_page.get_by_role("link", name="Your sessions").click()
        row = client_page.get_by_test_id("session-row").filter(has_text="Noor Coach")
        expect(row).to_contain_text("Waiting for your answer")
        row.get_by_role("link").first.click()
        client_page.get_by_role("button", name="Agree").click()
        expect(client_page.get_by_role("alert")).to_contain_text("Agreed.")
        expect(client_page.get_by_test_id("session-status")).to_have_text("Agreed")
        assert CoachingSession.objects.get().status == SessionStatus.ACCEPTED

        # After the session the coach writes the summary on the session's page.
        clock.move_to(datetime.datetime(2026, 11, 27, 15, 30, tzinfo=datetime.UTC))
        page.reload()
        expect(page.get_by_test_id("session-status")).to_have_text("Held")  # agreed, and its time has come
        page.get_by_role("textbox", name="Summary").fill(SUMMARY)
        page.get_by_role("button", name="Save the summary").click()
        expect(page.get_by_role("alert")).to_contain_text("Saved.")

        client_page.reload()
        expect(client_page.get_by_test_id("session-summary")).to_have_text(SUMMARY)
        expect(client_page.locator("main")).to_contain_text(re.compile(r"Written by your coach, 27 Nov 2026"))
        expect(client_page.get_by_role("textbox", name="Summary")).to_have_count(0)
