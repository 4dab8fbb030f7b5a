"""A ticked step is not yet a result: "did it work?" after the tick, a reason to drop a step, and
what reopening a step clears."""

import pytest
from django.urls import reverse

from crisis_coach.incidents.models import ActionStep, EventKind, StepCheck, StepStatus, TimelineEvent
from tests.factories import make_incident, make_step

pytestmark = pytest.mark.django_db

HTMX = {"hx-request": "true"}


def _url(name, step):
    return reverse(f"incidents:{name}", args=[step.incident.public_id, step.public_id])


@pytest.fixture
def step(client_user):
    return make_step(make_incident(client_user), title="Call Harbor Lights back", due_on=None)


def test_ticking_a_step_with_htmx_opens_did_it_work_on_its_row(logged_in, step):
    response = logged_in.post(_url("step_status", step), {"status": "done"}, headers=HTMX)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<details class="step-check small mt-1" open>' in page
    assert "Did it work?" in page and "Yes, it worked" in page and "Not yet" in page
    assert _url("step_check", step) in page


def test_without_javascript_the_tick_comes_back_to_the_plan_with_the_question(logged_in, step):
    response = logged_in.post(_url("step_status", step), {"status": "done"}, follow=True)
    page = response.content.decode()
    assert "Done. Did it work? You can say so on the step." in page
    assert 'name="check_result" value="partly"' in page


def test_answering_keeps_the_answer_on_the_step_and_writes_the_timeline(logged_in, step):
    logged_in.post(_url("step_status", step), {"status": "done"}, headers=HTMX)
    response = logged_in.post(
        _url("step_check", step),
        {"check_result": "partly", "check_note": "They answered, politely."},
        headers=HTMX,
    )
    page = response.content.decode()
    step.refresh_from_db()
    assert (step.check_result, step.check_note) == (StepCheck.PARTLY, "They answered, politely.")
    assert step.checked_at is not None
    assert "Did it work now?" in page and "They answered, politely." in page
    event = TimelineEvent.objects.get(incident=step.incident, kind=EventKind.STEP_CHECKED)
    assert event.message == "Step checked: “Call Harbor Lights back”."
    assert event.text == "They answered, politely."


def test_a_check_can_be_changed_later_without_javascript(logged_in, step, clock):
    import datetime

    logged_in.post(_url("step_status", step), {"status": "done"})
    logged_in.post(_url("step_check", step), {"check_result": "not_yet"})
    clock.shift(datetime.timedelta(days=3))
    page = logged_in.get(_url("step_check", step)).content.decode()
    assert "Did it work now?" in page and "Not yet" in page
    response = logged_in.post(_url("step_check", step), {"check_result": "worked", "check_note": "Signed!"})
    assert response.status_code == 302 and response.url.startswith(
        reverse("incidents:resolve", args=[step.incident.public_id])
    )
    step.refresh_from_db()
    assert step.check_result == StepCheck.WORKED and step.check_note == "Signed!"
    assert TimelineEvent.objects.filter(kind=EventKind.STEP_CHECKED).count() == 2


def test_no_answer_is_a_message_next_to_the_question_and_nothing_changes(logged_in, step):
    logged_in.post(_url("step_status", step), {"status": "done"})
    response = logged_in.post(_url("step_check", step), {"check_note": "kept text"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose one: yes, partly or not yet." in page and "kept text" in page
    response = logged_in.post(_url("step_check", step), {"check_result": "maybe"}, headers=HTMX)
    page = response.content.decode()
    assert "Select a valid choice" in page and '<details class="step-check small mt-1" open>' in page
    step.refresh_from_db()
    assert step.check_result == "" and step.checked_at is None
    assert not TimelineEvent.objects.filter(kind=EventKind.STEP_CHECKED).exists()


def test_a_step_not_done_yet_is_not_checked(logged_in, step):
    response = logged_in.post(_url("step_check", step), {"check_result": "worked"})
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.check_result == ""


def test_dropping_a_step_needs_a_reason(logged_in, step):
    response = logged_in.post(_url("step_drop", step), {"drop_reason": "   "})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say in a few words why you are dropping it" in page
    step.refresh_from_db()
    assert step.status == StepStatus.TODO and step.drop_reason == ""

    response = logged_in.post(_url("step_drop", step), {"drop_reason": "They signed with a competitor."})
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.status == StepStatus.DROPPED and step.drop_reason == "They signed with a competitor."
    event = TimelineEvent.objects.get(kind=EventKind.STEP_DROPPED)
    assert event.message == "Step dropped: “Call Harbor Lights back”."
    assert event.text == "They signed with a competitor."
    page = logged_in.get(reverse("incidents:resolve", args=[step.incident.public_id])).content.decode()
    assert "Why it was dropped:" in page and "They signed with a competitor." in page


def test_dropping_through_the_status_button_asks_why_first(logged_in, step):
    response = logged_in.post(_url("step_status", step), {"status": "dropped"})
    assert response.status_code == 302 and response.url == _url("step_drop", step)
    response = logged_in.post(_url("step_status", step), {"status": "dropped"}, headers=HTMX)
    assert response.headers["HX-Redirect"] == _url("step_drop", step)
    step.refresh_from_db()
    assert step.status == StepStatus.TODO


def test_dropping_in_the_edit_form_needs_a_reason_too(logged_in, step):
    form = {"title": step.title, "kind": step.kind, "status": "dropped", "version": str(step.version)}
    response = logged_in.post(_url("step_edit", step), form)
    assert response.status_code == 200
    assert "Say in a few words why you are dropping it" in response.content.decode()
    assert ActionStep.objects.get(pk=step.pk).status == StepStatus.TODO

    logged_in.post(_url("step_edit", step), {**form, "drop_reason": "No longer needed."})
    step.refresh_from_db()
    assert step.status == StepStatus.DROPPED and step.drop_reason == "No longer needed."
    assert TimelineEvent.objects.get(kind=EventKind.STEP_DROPPED).text == "No longer needed."


def test_reopening_clears_the_check_and_putting_back_clears_the_reason(logged_in, step):
    logged_in.post(_url("step_status", step), {"status": "done"})
    logged_in.post(_url("step_check", step), {"check_result": "worked", "check_note": "Yes"})
    logged_in.post(_url("step_status", step), {"status": "todo"})
    step.refresh_from_db()
    assert (step.check_result, step.check_note, step.checked_at) == ("", "", None)

    logged_in.post(_url("step_drop", step), {"drop_reason": "Not needed"})
    page = logged_in.get(reverse("incidents:resolve", args=[step.incident.public_id])).content.decode()
    assert "Put “Call Harbor Lights back” back in the plan" in page
    logged_in.post(_url("step_status", step), {"status": "todo"})
    step.refresh_from_db()
    assert step.status == StepStatus.TODO and step.drop_reason == ""


def test_another_persons_step_cannot_be_checked_or_dropped(client, step, stranger):
    client.force_login(stranger)
    for name in ("step_check", "step_drop"):
        assert client.get(_url(name, step)).status_code == 404
        assert (
            client.post(_url(name, step), {"check_result": "worked", "drop_reason": "x"}).status_code == 404
        )
    step.refresh_from_db()
    assert step.status == StepStatus.TODO and step.drop_reason == ""


def test_a_coachs_pending_proposal_is_not_dropped_or_checked_but_answered(logged_in, client_user, coach):
    from crisis_coach.coaching.services import link_create

    link_create(client=client_user, coach_profile=coach.coach_profile)
    proposal = make_step(
        make_incident(client_user), title="Coach idea", proposal_state="pending", proposed_by=coach
    )
    assert logged_in.get(_url("step_drop", proposal)).status_code == 404
    assert logged_in.post(_url("step_drop", proposal), {"drop_reason": "No"}).status_code == 404
    assert logged_in.post(_url("step_check", proposal), {"check_result": "worked"}).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == StepStatus.TODO and proposal.drop_reason == ""
