import io
from datetime import datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from crisis_coach.coaching import selectors
from crisis_coach.coaching.models import (
    CoachComment,
    CoachingLink,
    CoachingSession,
    CoachNote,
    CoachNudge,
    Playbook,
    PlaybookStepUse,
    SessionStatus,
)
from crisis_coach.demo.incidents import DEMO_TITLE
from crisis_coach.demo.seed import DEMO_COACH, seed_demo
from crisis_coach.incidents.models import ActionStep, Incident

pytestmark = pytest.mark.dates


def test_demo_links_both_clients_and_shares_their_cases(db):
    people = seed_demo()
    assert CoachingLink.objects.active().filter(coach=people.coach).count() == 2
    caseload = list(selectors.caseload(people.coach))
    assert caseload and all(case.shared_with_coach for case in caseload)
    assert {case.owner for case in caseload} <= {people.client, people.second_client}


def test_demo_comments_and_proposes_on_the_clients_first_incident_once(db):
    people = seed_demo()
    first = people.client.incidents.order_by("created_at").first()  # the incidents demo's worked example
    seed_demo()
    seed_demo()
    assert CoachComment.objects.filter(incident=first, author=people.coach).count() == 1
    assert (
        ActionStep.objects.filter(incident=first, proposed_by=people.coach, proposal_state="pending").count()
        == 1
    )
    assert CoachNote.objects.filter(coach=people.coach).count() == 1
    assert Incident.objects.filter(owner=people.second_client).count() == 1
    # and the client's case closed a week ago, and her earlier case of the same root cause (learning)
    assert len(selectors.caseload(people.coach)) == 4


def test_the_demo_coach_signs_in_with_the_printed_code_and_sees_the_caseload(db, client):
    seed_demo()
    response = client.post(
        "/accounts/login/", {"login": DEMO_COACH.email, "password": DEMO_COACH.password}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/accounts/2fa/authenticate/"

    out = io.StringIO()
    call_command("demo_code", stdout=out)
    response = client.post("/accounts/2fa/authenticate/", {"code": out.getvalue().split()[-1]}, follow=True)

    assert client.session["_auth_user_id"]
    assert client.get("/coach/").status_code == 200


def test_demo_coach_has_a_playbook_sessions_and_a_nudge_with_the_client_once(db):
    people = seed_demo()
    seed_demo()  # again: nothing doubles
    [playbook] = Playbook.objects.filter(coach=people.coach)
    assert playbook.name == "When your role is at risk: the first two weeks"
    assert not playbook.is_archived and "restructuring" in playbook.crisis_types
    steps = list(playbook.steps.order_by("position"))
    assert [(s.kind, s.due_in_days) for s in steps] == [("relationship", 3), ("career", 5), ("quick_win", 14)]
    assert len(playbook.prompt_lines) == 2

    case = Incident.objects.get(owner=people.client, title=DEMO_TITLE)
    assert case.shared_with_coach and case.share_evidence
    [use] = PlaybookStepUse.objects.filter(playbook=playbook)
    assert use.step.incident == case and use.playbook_step == steps[1]
    assert use.step.from_playbook == playbook.name and use.step.title == steps[1].title
    assert use.step.due_on == timezone.localdate(timezone=people.client.zone) + timedelta(days=5)

    today = timezone.localdate(timezone=people.client.zone)
    (upcoming,) = CoachingSession.objects.filter(
        client=people.client, coach=people.coach, starts_at__gt=timezone.now()
    )
    assert upcoming.status == SessionStatus.ACCEPTED and upcoming.is_live
    assert upcoming.starts_at == timezone.make_aware(
        datetime.combine(today + timedelta(days=3), time(10, 0)), people.client.zone
    )
    assert upcoming.place.startswith("https://")
    assert upcoming.agenda.startswith(f"• {DEMO_TITLE}\n") and "Next: " in upcoming.agenda
    assert upcoming.coach_name == people.coach.display_name
    (past,) = CoachingSession.objects.filter(client=people.client, starts_at__lt=timezone.now())
    assert past.summary and past.summary_written_at <= timezone.now()

    [nudge] = CoachNudge.objects.filter(incident__owner=people.client)
    assert nudge.incident == case and nudge.coach == people.coach and nudge.dismissed_at is None
