"""The stored case summary (incidents.case_summary) is what the coach's dashboard sorts, filters and
searches on. After every kind of write it must equal what the rows say right now, or a coach would
see a case as quiet, on time or unfindable when it is not."""

import threading
import time
from datetime import date, timedelta

import pytest
from django.db import connections, transaction
from django.utils import timezone

from crisis_coach.coaching import selectors as coaching_selectors
from crisis_coach.coaching.services import (
    coach_comment_add,
    comment_reply_add,
    step_proposal_accept,
    step_propose,
)
from crisis_coach.incidents import services
from crisis_coach.incidents.case_summary import case_summary_refresh
from crisis_coach.incidents.models import (
    ActionStep,
    Assessment,
    Conversation,
    Incident,
    Stakeholder,
    StepStatus,
)
from crisis_coach.portability.export import build_export
from crisis_coach.portability.importer import restore, validate
from tests.coaching.conftest import link, shared_incident
from tests.factories import make_incident, make_user
from tests.plans import plan_without_seqscan

pytestmark = pytest.mark.dates

COLUMNS = ("risk_level", "last_activity_at", "conversation_held", "next_step_due_on", "search_text")


def stored(incident) -> dict:
    return Incident.objects.filter(pk=incident.pk).values(*COLUMNS).get()


def assert_fresh(incident) -> dict:
    """The summary as the services left it (case_changed, through the compiled statement
    summary_update_one) equals a recomputation from the rows through the ORM's own UPDATE."""
    before = stored(incident)
    with transaction.atomic():
        case_summary_refresh(Incident.objects.filter(pk=incident.pk))
    assert stored(incident) == before
    return before


@pytest.fixture
def incident(client_user):
    return make_incident(client_user, title="Missed a counter-offer", occurred_on=date(2026, 11, 1))


def test_a_new_incident_has_its_summary(incident):
    summary = assert_fresh(incident)
    assert summary["last_activity_at"] is not None
    assert "COUNTER-OFFER" in summary["search_text"]
    assert summary["risk_level"] == "" and summary["next_step_due_on"] is None


def test_stakeholders_words_become_searchable_and_leave_with_them(incident):
    stakeholder = services.stakeholder_save(
        incident=incident,
        stakeholder=Stakeholder(name="Grace", relation="manager", what_they_said="萬分可惜"),
    )
    assert "萬分可惜" in assert_fresh(incident)["search_text"]
    services.stakeholder_delete(stakeholder=Stakeholder.objects.get(pk=stakeholder.pk))
    assert "萬分可惜" not in assert_fresh(incident)["search_text"]


def test_the_assessment_stores_the_risk_level(incident):
    assessment = Assessment(
        incident=incident, harm_reputation=5, harm_relationship=5, harm_business=5, harm_career=5,
        reversibility="irreversible", urgency="high", root_cause_category="workload", root_cause="Overload",
    )  # fmt: skip
    services.assessment_save(assessment=assessment, expected_version=1)
    assert assert_fresh(incident)["risk_level"] == "critical"


def test_holding_a_conversation_is_stored(incident):
    stakeholder = services.stakeholder_save(
        incident=incident, stakeholder=Stakeholder(name="Grace", relation="manager")
    )
    conversation = services.conversation_save(
        incident=incident, conversation=Conversation(stakeholder=stakeholder, acknowledge="My mistake.")
    )
    assert assert_fresh(incident)["conversation_held"] is False
    conversation.held_at = timezone.now()
    services.conversation_save(incident=incident, conversation=conversation)
    assert assert_fresh(incident)["conversation_held"] is True
    services.conversation_delete(conversation=Conversation.objects.get(pk=conversation.pk))
    assert assert_fresh(incident)["conversation_held"] is False


def test_the_next_due_step_follows_theplan_without_seqscan(incident):
    soon, later = date(2026, 12, 1), date(2026, 12, 20)
    first = services.step_save(incident=incident, step=ActionStep(title="Call", kind="remedy", due_on=soon))
    services.step_save(incident=incident, step=ActionStep(title="Write", kind="remedy", due_on=later))
    assert assert_fresh(incident)["next_step_due_on"] == soon
    services.step_set_status(step=ActionStep.objects.get(pk=first.pk), status=StepStatus.DONE)
    assert assert_fresh(incident)["next_step_due_on"] == later
    services.step_delete(step=ActionStep.objects.get(title="Write"))
    assert assert_fresh(incident)["next_step_due_on"] is None


def _tick(step):
    services.step_set_status(step=step, status=StepStatus.DONE)


def _check(step):
    _tick(step)
    services.step_check(step=ActionStep.objects.get(pk=step.pk), result="worked", note="The client said yes.")


def _drop(step):
    services.step_drop(step=step, reason="The client chose someone else.")


@pytest.mark.parametrize("write", [_tick, _check, _drop], ids=["tick", "check", "drop"])
def test_a_steps_status_keeps_the_search_words_and_they_are_still_right(incident, write):
    # These writes skip rebuilding the search columns (words_changed=False): what they keep must be
    # what a full recomputation makes.
    step = services.step_save(incident=incident, step=ActionStep(title="Call the client", kind="remedy"))
    searched = ("search_text", "search_vector")
    before = Incident.objects.filter(pk=incident.pk).values(*searched).get()
    write(ActionStep.objects.get(pk=step.pk))
    assert Incident.objects.filter(pk=incident.pk).values(*searched).get() == before
    assert "CALL THE CLIENT" in assert_fresh(incident)["search_text"]
    services.case_changed(incident)  # everything rebuilt: the same words
    assert Incident.objects.filter(pk=incident.pk).values(*searched).get() == before


def test_editing_and_notes_count_as_activity(incident):
    Incident.objects.filter(pk=incident.pk).update(updated_at=timezone.now() - timedelta(days=30))
    services.case_changed(incident)
    quiet_since = stored(incident)["last_activity_at"]
    services.timeline_note_add(incident=incident, text="Talked to HR.")
    assert assert_fresh(incident)["last_activity_at"] > quiet_since
    services.incident_update(incident=incident, expected_version=1, title="Lost the Harbor account")
    assert "HARBOR" in assert_fresh(incident)["search_text"]


def test_coaching_writes_keep_the_summary(client_user, coach):
    link(client_user, coach)
    incident = shared_incident(client_user)
    proposal = step_propose(coach=coach, incident=incident, title="Offer tracker", kind="remedy", due_on=None)
    assert "OFFER TRACKER" in assert_fresh(incident)["search_text"]
    step_proposal_accept(step=ActionStep.objects.get(pk=proposal.pk))
    assert_fresh(incident)
    comment = coach_comment_add(coach=coach, incident=incident, body="How did it go?", notify=False)
    Incident.objects.filter(pk=incident.pk).update(updated_at=timezone.now() - timedelta(days=30))
    services.case_changed(incident)
    quiet_since = stored(incident)["last_activity_at"]
    comment_reply_add(author=client_user, comment=comment, body="Better than feared.")
    assert assert_fresh(incident)["last_activity_at"] > quiet_since


def test_an_imported_account_gets_its_summaries(client_user):
    make_incident(client_user, title="Restructuring rumours")
    document = build_export(client_user)
    newcomer = make_user(display_name="Newcomer")
    restore(user=newcomer, plan=validate(document))
    imported = Incident.objects.get(owner=newcomer)
    assert "RESTRUCTURING" in assert_fresh(imported)["search_text"]


@pytest.mark.parametrize(
    ("words", "index"),
    [("counter-offer", "incident_search_vector"), ("萬分可", "incident_search_trgm")],
    ids=["words", "substring"],
)
def test_the_coach_search_is_served_by_its_indexes(client_user, coach, words, index):
    link(client_user, coach)
    shared_incident(client_user)
    cases = coaching_selectors.filtered_caseload(coach, q=words)
    assert index in plan_without_seqscan(cases)


@pytest.mark.django_db(transaction=True)
def test_two_writes_at_once_both_reach_the_summary():
    """One transaction adds a step and holds the case until it commits; another adds a step
    meanwhile. The second refresh must wait and then see the first one's step too."""
    incident = make_incident(make_user(display_name="Busy"), occurred_on=date(2026, 11, 1))
    first_wrote, errors = threading.Event(), []

    def first():
        try:
            with transaction.atomic():
                step = ActionStep(title="Alphaword", kind="remedy", due_on=date(2030, 1, 1))
                services.step_save(incident=incident, step=step)
                first_wrote.set()
                time.sleep(0.5)  # the second write starts and waits for this one
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    def second():
        try:
            first_wrote.wait(5)
            step = ActionStep(title="Betaword", kind="remedy", due_on=date(2031, 1, 1))
            services.step_save(incident=Incident.objects.get(pk=incident.pk), step=step)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    summary = stored(incident)
    assert "ALPHAWORD" in summary["search_text"] and "BETAWORD" in summary["search_text"]
    assert summary["next_step_due_on"] == date(2030, 1, 1)
