"""manage.py check_integrity: the stored derived data and the timeline checked against their rows.

An operator runs it after a seed, an import, a restored backup or a hand-made UPDATE; the fault bench
(bench/faults.py) relies on its exit status: 0 when clean, 1 when drift is left."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crisis_coach.demo.seed import seed_demo
from crisis_coach.incidents import services
from crisis_coach.incidents.models import (
    Assessment,
    EventKind,
    Incident,
    Reflection,
    RiskLevel,
    Stage,
    StepStatus,
    TimelineEvent,
)
from crisis_coach.network.models import Contact
from crisis_coach.portability.export import build_export
from crisis_coach.portability.importer import restore, validate
from tests.factories import (
    make_assessment,
    make_contact,
    make_conversation,
    make_incident,
    make_interaction,
    make_reflection,
    make_stakeholder,
    make_step,
    make_user,
)

pytestmark = pytest.mark.dates


def check_integrity(*args) -> tuple[int, str]:
    """The command's exit status and what it printed."""
    out = io.StringIO()
    try:
        call_command("check_integrity", *args, stdout=out)
    except SystemExit as exit:
        return exit.code, out.getvalue()
    return 0, out.getvalue()


def case_in_confront(owner, **fields) -> Incident:
    """A case whose Assess is complete, with a planned talk and a step: every derived column has a value."""
    incident = make_incident(owner, **fields)
    key = make_stakeholder(incident)
    make_assessment(incident)
    make_conversation(incident, key, planned_for=timezone.now() + timedelta(days=1))
    make_step(incident, title="Call the client back", due_on=date(2026, 11, 28))
    return Incident.objects.get(pk=incident.pk)


@pytest.fixture
def case(client_user) -> Incident:
    return case_in_confront(client_user)


@pytest.fixture
def contact(client_user) -> Contact:
    contact = make_contact(client_user)
    make_interaction(contact, happened_on=date(2026, 11, 20))
    return contact


def test_a_clean_database_reports_no_drift_and_exits_0(case, contact):
    assert check_integrity() == (0, "check_integrity: 0 drift(s)\n")


def test_the_freshly_seeded_demo_reports_no_drift(db):
    seed_demo()
    code, output = check_integrity()
    assert (code, output.splitlines()[-1]) == (0, "check_integrity: 0 drift(s)"), output


def test_the_demo_client_exported_and_imported_into_a_new_account_stays_clean(db):
    # The importer takes stages, close dates, last-contacted dates and the timeline from the file:
    # a file the app wrote brings them back consistent.
    people = seed_demo()
    restore(user=make_user(display_name="Newcomer"), plan=validate(build_export(people.client)))
    code, output = check_integrity()
    assert (code, output.splitlines()[-1]) == (0, "check_integrity: 0 drift(s)"), output


@pytest.mark.parametrize(
    "column, wrong",
    [
        ("risk_level", RiskLevel.LOW),
        ("last_activity_at", timezone.make_aware(timezone.datetime(2020, 1, 1))),
        ("conversation_held", True),
        ("next_step_due_on", None),
        ("search_text", "SOMETHING ELSE"),
        ("search_vector", None),
    ],
)
def test_a_stale_summary_column_is_reported_with_the_case(case, column, wrong):
    Incident.objects.filter(pk=case.pk).update(**{column: wrong})
    code, output = check_integrity()
    assert code == 1
    assert "incidents.case_summary: 1 case(s) whose stored summary" in output
    assert str(case.public_id) in output
    assert output.endswith("check_integrity: 1 drift(s)\n")


def test_a_search_vector_of_other_words_is_reported(case):
    # Not NULL, not empty: the vector of another text, as a missed refresh leaves it.
    other = Incident.objects.filter(pk=case.pk).values_list("own_search_vector", flat=True).get()
    Incident.objects.filter(pk=case.pk).update(search_vector=other)
    assert "incidents.case_summary: 1 case(s)" in check_integrity()[1]


def test_read_only_mode_changes_nothing(case, contact):
    Incident.objects.filter(pk=case.pk).update(stage=Stage.RESOLVE, search_text="STALE")
    Contact.objects.filter(pk=contact.pk).update(last_contacted_on=date(2020, 1, 1))
    events = TimelineEvent.objects.count()
    code, output = check_integrity()
    assert code == 1 and "check_integrity: 3 drift(s)" in output
    stored = Incident.objects.values("stage", "search_text").get(pk=case.pk)
    assert stored == {"stage": Stage.RESOLVE, "search_text": "STALE"}
    assert Contact.objects.get(pk=contact.pk).last_contacted_on == date(2020, 1, 1)
    assert TimelineEvent.objects.count() == events


def test_fix_repairs_summary_stage_risk_and_last_contacted_and_a_second_run_is_clean(case, contact):
    Incident.objects.filter(pk=case.pk).update(stage=Stage.RESOLVE, next_step_due_on=None)
    Assessment.objects.filter(incident=case).update(risk_level=RiskLevel.CRITICAL)
    Contact.objects.filter(pk=contact.pk).update(last_contacted_on=None)
    code, output = check_integrity("--fix")
    assert "incidents.assessment_risk: 1 case(s)" in output
    assert "incidents.stage: 1 case(s)" in output
    assert "network.last_contacted: 1 contact(s)" in output
    assert "  fixed: 1 contact(s)" in output
    assert (code, output.splitlines()[-1]) == (0, "check_integrity: 3 drift(s), 3 fixed, 0 left")
    repaired = Incident.objects.get(pk=case.pk)
    assert repaired.stage == Stage.CONFRONT
    assert repaired.next_step_due_on == date(2026, 11, 28)
    assert repaired.risk_level == Assessment.objects.get(incident=case).risk_level != RiskLevel.CRITICAL
    assert Contact.objects.get(pk=contact.pk).last_contacted_on == date(2026, 11, 20)
    assert check_integrity() == (0, "check_integrity: 0 drift(s)\n")


def test_a_wrong_stage_is_reported(case):
    Incident.objects.filter(pk=case.pk).update(stage=Stage.ASSESS)
    code, output = check_integrity()
    assert code == 1
    assert "incidents.stage: 1 case(s) whose stage is not the one" in output
    assert str(case.public_id) in output


def test_a_closed_case_without_its_close_is_reported(case):
    Incident.objects.filter(pk=case.pk).update(stage=Stage.CLOSED)
    output = check_integrity()[1]
    assert "incidents.stage: 1 case(s)" in output
    assert "incidents.close_columns: 1 case(s)" in output
    assert "incidents.timeline_closed: 1 case(s)" in output


def test_a_missing_timeline_line_is_reported_and_not_invented(case):
    TimelineEvent.objects.filter(incident=case, kind=EventKind.LOGGED).delete()
    code, output = check_integrity("--fix")
    assert code == 1
    assert "incidents.timeline_logged: 1 case(s) without exactly one 'Setback logged' line" in output
    assert "  not fixed: a missing timeline line is history" in output
    assert output.endswith("check_integrity: 1 drift(s), 0 fixed, 1 left\n")
    assert not TimelineEvent.objects.filter(incident=case, kind=EventKind.LOGGED).exists()


def test_a_held_conversation_without_its_line_is_reported(client_user):
    incident = make_incident(client_user)
    make_conversation(incident, make_stakeholder(incident), held_at=timezone.now(), outcome="positive")
    assert check_integrity()[0] == 0
    TimelineEvent.objects.filter(incident=incident, kind=EventKind.HELD).delete()
    assert "incidents.timeline_held: 1 case(s)" in check_integrity()[1]


def test_a_deleted_step_keeps_its_lines_and_stays_clean(case):
    # The services never delete a line: fewer rows than lines is how a case with deletions looks.
    step = make_step(case, title="Drop me", status=StepStatus.DROPPED, drop_reason="Not needed.")
    services.step_delete(step=step)
    assert check_integrity()[0] == 0


def test_a_step_done_without_its_time_is_reported(case):
    step = case.steps.get()
    step.__class__.objects.filter(pk=step.pk).update(status=StepStatus.DONE)
    output = check_integrity()[1]
    assert "incidents.step_status_fields: 1 step(s)" in output
    assert str(step.public_id) in output


def test_a_stance_other_than_the_latest_reading_is_reported(case):
    person = case.stakeholders.get()
    person.__class__.objects.filter(pk=person.pk).update(stance="supportive")
    output = check_integrity()[1]
    assert "incidents.stance_readings: 1 stakeholder(s)" in output
    assert str(person.public_id) in output


def test_only_runs_the_named_checks(case, contact):
    Incident.objects.filter(pk=case.pk).update(search_text="STALE")
    assert check_integrity("--only", "network") == (0, "check_integrity: 0 drift(s)\n")
    assert check_integrity("--only", "incidents.case_summary")[0] == 1
    with pytest.raises(CommandError, match="No check is called nope"):
        check_integrity("--only", "nope")


def _queries_of_a_run() -> int:
    with CaptureQueriesContext(connection) as queries:
        assert check_integrity()[0] == 0
    return len(queries)


def test_a_run_costs_the_same_queries_for_1_case_and_for_50(client_user, contact):
    # Per check: its id bounds and one statement per batch of rows; the stage check loads its batch
    # of cases with their rows (case_queryset, 4 queries). Nothing per case.
    case_in_confront(client_user)
    one = _queries_of_a_run()
    for n in range(49):
        case_in_confront(client_user, title=f"Case {n}")
    assert _queries_of_a_run() == one == 28


def test_a_case_closed_again_after_reopening_needs_a_close_line_after_the_reopening(case, clock):
    services.step_set_status(step=case.steps.get(), status=StepStatus.DONE)
    make_reflection(case)
    services.incident_reopen(incident=case)
    clock.shift(timedelta(minutes=1))
    draft = Reflection.objects.get(incident=case)
    services.reflection_save(incident=case, reflection=draft, expected_version=draft.version)
    assert Incident.objects.get(pk=case.pk).stage == Stage.CLOSED
    assert check_integrity()[0] == 0
    # Only the first close's line left, before the reopening: the second close has none.
    TimelineEvent.objects.filter(incident=case, kind=EventKind.CLOSED).order_by("-at").first().delete()
    output = check_integrity()[1]
    assert "incidents.timeline_closed: 1 case(s)" in output
