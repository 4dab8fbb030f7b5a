import io

import pytest
from django.core.management import call_command

from crisis_coach.coaching import selectors
from crisis_coach.coaching.models import CoachComment, CoachingLink, CoachNote
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
