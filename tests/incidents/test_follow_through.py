"""The follow-through of a plan (on time, late, dropped, checked as working) on the Resolve page and
the coach's case review, and a "not yet" quick win that comes back on Today a week later."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis_coach.incidents import rules, services
from crisis_coach.incidents.models import ActionStep, StepCheck, StepKind, StepStatus
from crisis_coach.incidents.services import incident_trash
from tests.factories import make_incident, make_step

pytestmark = pytest.mark.django_db

TAIPEI = datetime.timezone(datetime.timedelta(hours=8))


def _step(**fields):
    defaults = {"kind": StepKind.REMEDY, "status": StepStatus.TODO, "proposal_state": ""}
    return ActionStep(**{**defaults, **fields})


def test_done_on_or_before_its_due_day_on_the_owners_calendar_is_on_time():
    due = datetime.date(2026, 11, 25)
    # 23:30 in Taipei on the due day is 15:30 UTC: on time there.
    evening = datetime.datetime(2026, 11, 25, 15, 30, tzinfo=datetime.UTC)
    step = _step(status=StepStatus.DONE, due_on=due, done_at=evening)
    assert rules.done_on_time(step, zone=TAIPEI)
    # 16:30 UTC is already the 26th in Taipei: late there, on time in UTC.
    step.done_at = evening + datetime.timedelta(hours=1)
    assert not rules.done_on_time(step, zone=TAIPEI)
    assert rules.done_on_time(step, zone=datetime.UTC)
    assert rules.done_on_time(_step(status=StepStatus.DONE, due_on=None, done_at=evening), zone=TAIPEI)


def test_follow_through_counts_the_plans_steps(client_user):
    incident = make_incident(client_user)
    today = timezone.localdate()
    on_time = make_step(incident, title="On time", due_on=today, status=StepStatus.DONE)
    services.step_check(step=on_time, result=StepCheck.WORKED)
    late = make_step(incident, title="Late", due_on=today - datetime.timedelta(days=2))
    services.step_set_status(step=late, status=StepStatus.DONE)
    undated = make_step(incident, title="No date", status=StepStatus.DONE)
    services.step_check(step=undated, result=StepCheck.NOT_YET)
    make_step(incident, title="Still to do", due_on=today)
    dropped = make_step(incident, title="Dropped")
    services.step_drop(step=dropped, reason="Not needed")
    case = services.case_changed(incident)

    counts = rules.follow_through(case, zone=client_user.zone)
    assert (counts.on_time, counts.late, counts.dropped, counts.worked, counts.checked) == (2, 1, 1, 1, 2)
    assert counts.done == 3


def test_resolve_page_and_the_coachs_review_show_the_same_follow_through(logged_in, client_user, coach):
    from django.test import Client

    from crisis_coach.coaching.services import incident_set_shared, link_create

    link_create(client=client_user, coach_profile=coach.coach_profile)
    shared_case = make_incident(client_user)
    incident_set_shared(incident=shared_case, shared=True)
    coach_client = Client()
    coach_client.force_login(coach)
    today = timezone.localdate()
    step = make_step(shared_case, title="Late one", due_on=today - datetime.timedelta(days=1))
    services.step_set_status(step=step, status=StepStatus.DONE)
    services.step_check(step=step, result=StepCheck.WORKED)
    services.step_drop(step=make_step(shared_case, title="Gone"), reason="They left")

    for page in (
        logged_in.get(reverse("incidents:resolve", args=[shared_case.public_id])).content.decode(),
        coach_client.get(reverse("coach:case", args=[shared_case.public_id])).content.decode(),
    ):
        assert "Follow-through" in page
        assert '<dd class="h5 mb-0" data-count="late">1</dd>' in page
        assert '<dd class="h5 mb-0" data-count="dropped">1</dd>' in page
        assert '<dd class="h5 mb-0" data-count="worked">1</dd>' in page


def _quick_win_not_yet(incident, title="Share the offer tracker"):
    step = make_step(incident, title=title, kind=StepKind.QUICK_WIN, status=StepStatus.DONE)
    services.step_check(step=step, result=StepCheck.NOT_YET, note="Nobody uses it yet")
    return step


def test_follow_up_is_due_a_week_after_the_check(client_user, clock):
    step = _quick_win_not_yet(make_incident(client_user))
    step.refresh_from_db()
    today = timezone.localdate()
    assert rules.follow_up_due_on(step, zone=client_user.zone) == today + datetime.timedelta(days=7)
    assert not rules.follow_up_due(step, today=today + datetime.timedelta(days=6), zone=client_user.zone)
    assert rules.follow_up_due(step, today=today + datetime.timedelta(days=7), zone=client_user.zone)
    step.kind = StepKind.REMEDY
    assert rules.follow_up_due_on(step, zone=client_user.zone) is None


def test_a_not_yet_quick_win_comes_back_on_today_after_seven_days(logged_in, client_user, clock):
    incident = make_incident(client_user)
    step = _quick_win_not_yet(incident)
    other = make_step(incident, title="A remedy", status=StepStatus.DONE)
    services.step_check(step=other, result=StepCheck.NOT_YET)
    today_url = reverse("reminders:today")

    clock.shift(datetime.timedelta(days=6))
    assert 'data-testid="follow-up"' not in logged_in.get(today_url).content.decode()

    clock.shift(datetime.timedelta(days=1))
    page = logged_in.get(today_url).content.decode()
    assert page.count('data-testid="follow-up"') == 1
    assert "Did it work now?" in page and "Share the offer tracker" in page and "Nobody uses it yet" in page
    check_url = reverse("incidents:step_check", args=[incident.public_id, step.public_id])
    assert check_url in page

    response = logged_in.post(check_url, {"check_result": "worked", "next": today_url})
    assert response.status_code == 302 and response.url == today_url
    assert 'data-testid="follow-up"' not in logged_in.get(today_url).content.decode()


def test_a_follow_up_in_the_trash_stays_away(logged_in, client_user, clock):
    incident = make_incident(client_user)
    _quick_win_not_yet(incident)
    incident_trash(incident=incident)
    clock.shift(datetime.timedelta(days=8))
    assert 'data-testid="follow-up"' not in logged_in.get(reverse("reminders:today")).content.decode()
