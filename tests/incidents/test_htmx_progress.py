"""An htmx update refreshes every part of the page that depends on it: the stepper's "Still needed…",
the next best action and the stage badge come along, swapped out of band (hx-swap-oob)."""

import re
from html import unescape

from django.urls import reverse
from django.utils import timezone

from crisis_coach.incidents.models import Stage
from tests.factories import make_assessment, make_conversation, make_incident, make_stakeholder, make_step


def _oob(page: str, element_id: str) -> str:
    """The out-of-band fragment with this id in an htmx answer ("" when it is missing)."""
    match = re.search(rf'<div id="{element_id}" hx-swap-oob="true">(.*?)(?=<div id="|\Z)', page, re.S)
    return unescape(match.group(1)) if match else ""


def test_adding_a_person_with_influence_refreshes_still_needed_and_the_next_action(logged_in, client_user):
    incident = make_incident(client_user)
    make_assessment(incident)
    before = unescape(logged_in.get(reverse("incidents:assess", args=[incident.public_id])).content.decode())
    assert "at least one person with their influence rated" in before
    assert "Name the people whose decisions shape what happens next" in before

    response = logged_in.post(
        reverse("incidents:stakeholder_add", args=[incident.public_id]),
        {"name": "Grace Lin", "relation": "manager", "influence": "5", "stance": "neutral"},
        headers={"hx-request": "true"},
    )

    page = response.content.decode()
    assert page.lstrip().startswith('<section id="stakeholders"') and "Grace Lin" in page
    progress = _oob(page, "case-progress")
    assert "Next best action" in progress
    assert "at least one person with their influence rated" not in progress
    assert "Name the people whose decisions shape what happens next" not in progress
    assert _oob(page, "case-badges")


def test_ticking_the_last_step_refreshes_the_next_action(logged_in, client_user):
    incident = make_incident(client_user)
    manager = make_stakeholder(incident)
    make_assessment(incident)
    make_conversation(
        incident, manager, planned_for=timezone.now(), held_at=timezone.now(), outcome="positive"
    )
    step = make_step(incident, title="Send the fixed figures")
    before = unescape(logged_in.get(reverse("incidents:resolve", args=[incident.public_id])).content.decode())
    assert "Next step: “Send the fixed figures”." in before
    assert "every step done (or dropped)" in before

    response = logged_in.post(
        reverse("incidents:step_status", args=[incident.public_id, step.public_id]),
        {"status": "done"},
        headers={"hx-request": "true"},
    )

    page = response.content.decode()
    assert page.lstrip().startswith("<li")
    progress = _oob(page, "case-progress")
    assert "Every step is done. Write your closing reflection to close this setback." in progress
    assert "every step done (or dropped)" not in progress
    assert "Send the fixed figures" not in progress
    incident.refresh_from_db()
    assert incident.stage == Stage.RESOLVE  # not closed yet: the reflection is still to write


def test_without_htmx_the_header_is_rendered_once_and_not_out_of_band(logged_in, client_user):
    incident = make_incident(client_user)
    page = logged_in.get(reverse("incidents:assess", args=[incident.public_id])).content.decode()
    assert page.count('id="case-progress"') == 1 and "hx-swap-oob" not in page


def test_ticking_a_step_on_the_setbacks_page_adds_its_line_to_the_timeline(logged_in, client_user):
    incident = make_incident(client_user)
    step = make_step(incident, title="Send the fixed figures", due_on=timezone.localdate())
    page = unescape(logged_in.get(reverse("incidents:detail", args=[incident.public_id])).content.decode())
    assert "Step done: “Send the fixed figures”." not in page

    response = logged_in.post(
        reverse("incidents:step_status", args=[incident.public_id, step.public_id]),
        {"status": "done", "compact": "1"},
        headers={"hx-request": "true"},
    )

    page = unescape(response.content.decode())
    timeline = page.split('id="timeline-events" hx-swap-oob="true"', 1)[1]
    assert "Step done: “Send the fixed figures”." in timeline
