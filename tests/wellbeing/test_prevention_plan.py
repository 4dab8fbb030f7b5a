"""The standing prevention plan: its steps on Today like a case's (due, late, Done, Drop), its own
page (list, edit with conflict detection, reopen, delete after a confirmation), what it costs in
queries, and that deleting the account removes it with the radar's checks."""

import datetime

import pytest
from django.urls import reverse

from crisis_coach.accounts.services import account_delete
from crisis_coach.incidents.models import CrisisType
from crisis_coach.wellbeing.models import PreventionStatus, PreventionStep, RadarCheck
from crisis_coach.wellbeing.radar import services
from tests.reminders.test_today import TODAY_QUERIES
from tests.wellbeing.helpers import local_today
from tests.wellbeing.radar_helpers import make_check

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

BOSS = CrisisType.DIFFICULT_BOSS


def make_step(owner, *, title="Keep a factual record", due_in: int | None = 3, **fields):
    due_on = None if due_in is None else local_today(owner) + datetime.timedelta(days=due_in)
    return services.prevention_step_create(
        owner=owner, crisis_type=BOSS, title=title, due_on=due_on, **fields
    )


def today_html(client) -> str:
    return client.get(reverse("reminders:today")).content.decode()


def test_today_lists_the_steps_due_within_a_week_and_the_late_ones(logged_in, client_user, stranger):
    make_step(client_user, title="Late one", due_in=-2)
    make_step(client_user, title="Due this week", due_in=7)
    make_step(client_user, title="Far ahead", due_in=8)
    make_step(client_user, title="No date", due_in=None)
    make_step(client_user, title="Done already", due_in=1)
    PreventionStep.objects.filter(title="Done already").update(status=PreventionStatus.DONE)
    make_step(stranger, title="The stranger's step", due_in=0)
    html = today_html(logged_in)
    section = html.split('data-testid="group-prevention"')[1].split("</section>")[0]
    assert "Late one" in section and "Due this week" in section
    for absent in ("Far ahead", "No date", "Done already", "The stranger's step"):
        assert absent not in section
    assert section.count('data-testid="prevention-step"') == 2
    late = section.split("Late one")[1].split("</li>")[0]
    assert "overdue" in late
    # The empty-day panel does not claim nothing is due.
    assert 'data-testid="today-empty"' not in html


def test_done_from_today_ticks_the_step_and_comes_back_to_today(logged_in, client_user):
    step = make_step(client_user, due_in=0)
    response = logged_in.post(
        reverse("radar:step_status", args=[step.public_id]), {"status": "done", "next": "/today/"}
    )
    assert response.status_code == 302 and response["Location"] == "/today/"
    step.refresh_from_db()
    assert step.status == PreventionStatus.DONE and step.done_at is not None
    assert 'data-testid="group-prevention"' not in today_html(logged_in)


def test_drop_and_reopen_from_the_plan_page(logged_in, client_user):
    step = make_step(client_user)
    address = reverse("radar:step_status", args=[step.public_id])
    assert logged_in.post(address, {"status": "dropped"})["Location"] == reverse("radar:plan")
    step.refresh_from_db()
    assert step.status == PreventionStatus.DROPPED
    html = logged_in.get(reverse("radar:plan")).content.decode()
    assert "Dropped" in html and "Reopen" in html
    logged_in.post(address, {"status": "todo"})
    step.refresh_from_db()
    assert step.status == PreventionStatus.TODO and step.done_at is None
    assert logged_in.post(address, {"status": "nonsense"}).status_code == 404
    assert logged_in.get(address).status_code == 405


def test_never_redirects_off_the_site(logged_in, client_user):
    step = make_step(client_user)
    response = logged_in.post(
        reverse("radar:step_status", args=[step.public_id]),
        {"status": "done", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("radar:plan")


def test_the_plan_page_lists_open_steps_first(logged_in, client_user):
    make_step(client_user, title="Finished", due_in=-5)
    PreventionStep.objects.filter(title="Finished").update(status=PreventionStatus.DONE)
    make_step(client_user, title="Later", due_in=20)
    make_step(client_user, title="Sooner", due_in=2)
    make_step(client_user, title="Undated", due_in=None)
    html = logged_in.get(reverse("radar:plan")).content.decode()
    positions = [html.index(title) for title in ("Sooner", "Later", "Undated", "Finished")]
    assert positions == sorted(positions)


def test_an_empty_plan_says_where_steps_come_from(logged_in):
    html = logged_in.get(reverse("radar:plan")).content.decode()
    assert 'data-testid="prevention-plan-empty"' in html


def test_editing_a_step_saves_it_and_a_stale_form_is_a_conflict(logged_in, client_user):
    step = make_step(client_user)
    address = reverse("radar:step_edit", args=[step.public_id])
    new_due = local_today(client_user) + datetime.timedelta(days=9)
    data = {
        "title": "Keep a dated record",
        "detail": "Every Friday",
        "due_on": new_due.isoformat(),
        "version": "1",
    }
    assert logged_in.post(address, data).status_code == 302
    step.refresh_from_db()
    assert (step.title, step.detail, step.due_on, step.version) == (
        "Keep a dated record",
        "Every Friday",
        new_due,
        2,
    )

    # The same form sent again from another tab, still at version 1: kept apart, nothing overwritten.
    stale = {**data, "title": "Typed in the old tab"}
    response = logged_in.post(address, stale, follow=True)
    step.refresh_from_db()
    assert step.title == "Keep a dated record"
    html = response.content.decode()
    assert "changed elsewhere" in html and "Typed in the old tab" in html


def test_an_empty_title_is_refused_next_to_the_field_and_what_was_typed_kept(logged_in, client_user):
    step = make_step(client_user)
    address = reverse("radar:step_edit", args=[step.public_id])
    response = logged_in.post(address, {"title": "", "detail": "Kept words", "due_on": "", "version": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." in html and "Kept words" in html
    response = logged_in.post(address, {"title": "T", "detail": "", "due_on": "not a date", "version": "1"})
    assert response.status_code == 200 and "Enter a valid date." in response.content.decode()


def test_deleting_asks_first_then_deletes(logged_in, client_user):
    step = make_step(client_user, title="Keep a factual record")
    address = reverse("radar:step_delete", args=[step.public_id])
    html = logged_in.get(address).content.decode()
    assert "Keep a factual record" in html and PreventionStep.objects.filter(pk=step.pk).exists()
    assert logged_in.post(address)["Location"] == reverse("radar:plan")
    assert not PreventionStep.objects.filter(pk=step.pk).exists()


def test_deleting_the_account_removes_its_radar_and_plan(client_user, stranger):
    make_check(client_user, difficult_boss=3)
    make_step(client_user)
    theirs = make_step(stranger)
    their_check = make_check(stranger)
    account_delete(user=client_user)
    assert list(PreventionStep.objects.values_list("pk", flat=True)) == [theirs.pk]
    assert list(RadarCheck.objects.values_list("pk", flat=True)) == [their_check.pk]


# --- query counts -------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "shown"), [(1, 1), (50, 10)])
def test_today_costs_the_same_with_1_or_50_prevention_steps(
    logged_in, client_user, django_assert_num_queries, size, shown
):
    today = local_today(client_user)
    PreventionStep.objects.bulk_create(
        PreventionStep(
            owner=client_user,
            crisis_type=BOSS,
            title=f"Step {n:02}",
            due_on=today - datetime.timedelta(days=n % 9),
        )
        for n in range(size)
    )
    make_check(client_user, days_ago=40)
    with django_assert_num_queries(TODAY_QUERIES):
        html = today_html(logged_in)
    assert html.count('data-testid="prevention-step"') == shown
    assert 'data-testid="radar-prompt"' in html
    if size > shown:
        assert f"{size - shown} more in your prevention plan" in html


# Session, user, the savepoint pair, the coach profile (the navbar), then the page's count and rows.
PLAN_QUERIES = 7


@pytest.mark.parametrize("size", [1, 50])
def test_the_plan_page_costs_the_same_with_1_or_50_steps(
    logged_in, client_user, django_assert_num_queries, size
):
    PreventionStep.objects.bulk_create(
        PreventionStep(owner=client_user, crisis_type=BOSS, title=f"Step {n:02}") for n in range(size)
    )
    with django_assert_num_queries(PLAN_QUERIES):
        html = logged_in.get(reverse("radar:plan")).content.decode()
    assert html.count('data-testid="prevention-step"') == min(size, 30)
