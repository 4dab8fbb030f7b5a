"""Learning across cases: when a case's root cause is of the same kind as earlier cases of the same
person, the Assess page names them, shows their prevention steps (done? worked?) and copies one into
the new plan in one click."""

import pytest
from django.urls import reverse

from crisis_coach.incidents import services
from crisis_coach.incidents.models import ActionStep, StepCheck, StepKind, StepStatus
from tests.factories import make_assessment, make_incident, make_step

pytestmark = pytest.mark.django_db


def _earlier_case(owner, title="Missed the Q3 deadline", category="workload"):
    earlier = make_incident(owner, title=title)
    make_assessment(earlier, root_cause_category=category)
    return earlier


@pytest.fixture
def cases(client_user):
    earlier = _earlier_case(client_user)
    tracker = make_step(
        earlier, title="Keep a tracker of open offers", detail="Checked daily.", kind=StepKind.PREVENTION
    )
    services.step_set_status(step=tracker, status=StepStatus.DONE)
    services.step_check(step=tracker, result=StepCheck.WORKED)
    make_step(earlier, title="Ask for a second reviewer", kind=StepKind.PREVENTION)
    make_step(earlier, title="Call the client", kind=StepKind.REMEDY)
    new = make_incident(client_user, title="Missed another reply")
    make_assessment(new, root_cause_category="workload")
    return {"earlier": earlier, "new": new, "tracker": tracker}


def _assess(client, incident):
    return client.get(reverse("incidents:assess", args=[incident.public_id])).content.decode()


def test_assess_names_earlier_cases_of_the_same_cause_with_their_prevention_steps(logged_in, cases):
    page = _assess(logged_in, cases["new"])
    assert "You have met this kind of cause before" in page
    assert reverse("incidents:detail", args=[cases["earlier"].public_id]) in page
    assert "Missed the Q3 deadline" in page
    assert "Keep a tracker of open offers" in page and "Yes, it worked" in page
    assert "Ask for a second reviewer" in page
    assert "Call the client" not in page  # a remedy, not a prevention step


def test_other_causes_other_people_and_the_trash_are_not_learning(logged_in, client_user, stranger, cases):
    _earlier_case(client_user, title="A skills gap case", category="skill_gap")
    _earlier_case(stranger, title="Someone else's case")
    trashed = _earlier_case(client_user, title="Thrown away")
    services.incident_trash(incident=trashed)
    page = _assess(logged_in, cases["new"])
    assert "A skills gap case" not in page
    assert "Someone else" not in page
    assert "Thrown away" not in page
    # A case without a category yet learns nothing.
    bare = make_incident(client_user, title="No cause yet")
    assert "You have met this kind of cause before" not in _assess(logged_in, bare)


def test_one_click_copies_a_prevention_step_into_the_new_plan(logged_in, cases):
    new, tracker = cases["new"], cases["tracker"]
    url = reverse("incidents:prevention_copy", args=[new.public_id, tracker.public_id])
    response = logged_in.post(url)
    assert response.status_code == 302
    copy = ActionStep.objects.get(incident=new)
    assert (copy.title, copy.detail, copy.kind, copy.status) == (
        "Keep a tracker of open offers",
        "Checked daily.",
        StepKind.PREVENTION,
        StepStatus.TODO,
    )
    assert copy.check_result == ""
    # A second click adds nothing; the page says it is in the plan.
    logged_in.post(url)
    assert ActionStep.objects.filter(incident=new).count() == 1
    assert "In your plan" in _assess(logged_in, new)
    assert logged_in.get(url).status_code == 405


def test_copying_is_only_from_the_owners_other_cases(client, logged_in, client_user, stranger, cases):
    new = cases["new"]
    remedy = ActionStep.objects.get(title="Call the client")
    own_step = make_step(new, title="Already here", kind=StepKind.PREVENTION)
    for step in (remedy, own_step):
        url = reverse("incidents:prevention_copy", args=[new.public_id, step.public_id])
        assert logged_in.post(url).status_code == 404
    theirs = make_step(_earlier_case(stranger), title="Their step", kind=StepKind.PREVENTION)
    url = reverse("incidents:prevention_copy", args=[new.public_id, theirs.public_id])
    assert logged_in.post(url).status_code == 404
    client.force_login(stranger)
    url = reverse("incidents:prevention_copy", args=[new.public_id, cases["tracker"].public_id])
    assert client.post(url).status_code == 404
    assert not ActionStep.objects.filter(incident=new).exclude(pk=own_step.pk).exists()
