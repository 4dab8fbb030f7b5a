"""The stage pages show one next thing: Assess in groups (harm, then cause), Confront's plan folded once
a conversation is planned, Resolve's reflection folded until the plan is done."""

import re

import pytest
from django.urls import reverse

from crisis_coach.incidents.models import StepStatus
from crisis_coach.incidents.services import step_set_status
from tests.factories import make_conversation, make_incident, make_stakeholder, make_step

pytestmark = pytest.mark.django_db


def page(logged_in, name, incident) -> str:
    return logged_in.get(reverse(f"incidents:{name}", args=[incident.public_id])).content.decode()


def opens(html: str, css_class: str) -> bool:
    tag = re.search(rf'<details class="{css_class}"[^>]*>', html).group(0)
    return " open" in tag


def test_assess_asks_about_the_harm_then_the_cause(logged_in, client_user):
    html = page(logged_in, "assess", make_incident(client_user))
    legends = re.findall(r'<legend class="h6 mb-2">([^<]+)</legend>', html)
    assert legends == ["How much harm", "Why it happened"]
    assert html.index('name="harm_career"') < html.index('name="root_cause"')
    assert "---------" not in html


def test_confront_folds_the_plan_away_once_a_conversation_is_planned(logged_in, client_user):
    incident = make_incident(client_user)
    grace = make_stakeholder(incident, name="Grace")
    html = page(logged_in, "confront", incident)
    assert opens(html, "plan-details") and "Plan a candid conversation" in html
    make_conversation(incident, grace)
    html = page(logged_in, "confront", incident)
    assert not opens(html, "plan-details") and "Plan another conversation" in html
    assert re.search(r'class="btn btn-sm btn-primary"[^>]*>Record how it went', html)


def test_a_refused_plan_stays_open_with_its_message(logged_in, client_user):
    incident = make_incident(client_user)
    make_conversation(incident, make_stakeholder(incident))
    response = logged_in.post(
        reverse("incidents:conversation_plan", args=[incident.public_id]),
        {"stakeholder": "", "acknowledge": "I was late"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and opens(html, "plan-details")
    assert "I was late" in html


def test_resolve_shows_the_reflection_once_the_plan_is_done(logged_in, client_user):
    incident = make_incident(client_user)
    steps = [make_step(incident, title="Call"), make_step(incident, title="Write")]
    html = page(logged_in, "resolve", incident)
    assert not opens(html, "reflection-details")
    assert "It opens here once every step of your plan is done." in html
    for step in steps:
        step_set_status(step=step, status=StepStatus.DONE)
    assert opens(page(logged_in, "resolve", incident), "reflection-details")


def test_ticking_the_last_step_unfolds_the_reflection_in_place(logged_in, client_user):
    incident = make_incident(client_user)
    first, last = make_step(incident, title="Call"), make_step(incident, title="Write")
    step_set_status(step=first, status=StepStatus.DONE)
    url = reverse("incidents:step_status", args=[incident.public_id, last.public_id])
    html = logged_in.post(url, {"status": "done"}, headers={"HX-Request": "true"}).content.decode()
    assert 'id="reflection-section" aria-labelledby="reflection-heading" hx-swap-oob="true"' in html
    assert opens(html, "reflection-details")


def test_ticking_a_step_with_others_still_open_sends_no_reflection(logged_in, client_user):
    incident = make_incident(client_user)
    first, _second = make_step(incident, title="Call"), make_step(incident, title="Write")
    url = reverse("incidents:step_status", args=[incident.public_id, first.public_id])
    html = logged_in.post(url, {"status": "done"}, headers={"HX-Request": "true"}).content.decode()
    assert "reflection-section" not in html
