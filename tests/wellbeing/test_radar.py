"""The career risk radar: its scores, the result with its trend, the suggestions for a type that
rises or stands high (added once), the link to log a setback, and when Today and the digest ask."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from crisis_coach.coaching import services as coaching
from crisis_coach.incidents.models import CrisisType
from crisis_coach.wellbeing.models import PreventionStep, RadarCheck
from crisis_coach.wellbeing.radar import rules
from crisis_coach.wellbeing.radar.questions import QUESTIONS, RADAR_TYPES, suggestions_for
from tests.factories import make_incident, make_step, make_user
from tests.wellbeing.helpers import local_today
from tests.wellbeing.radar_helpers import first_question, form_data, make_check

pytestmark = pytest.mark.django_db

BOSS = CrisisType.DIFFICULT_BOSS


def type_row(html: str, crisis_type: str) -> str:
    """The result page's row of one type, up to the next type's."""
    rows = html.split('data-testid="radar-type"')[1:]
    [row] = [row for row in rows if f'data-type="{crisis_type}"' in row.split(">", 1)[0]]
    return row


# --- the data and the rules ---------------------------------------------------------------------


def test_every_one_of_the_seven_types_has_two_or_three_questions_and_suggestions():
    assert len(RADAR_TYPES) == 7
    for crisis_type in RADAR_TYPES:
        count = sum(1 for q in QUESTIONS if q.crisis_type == crisis_type)
        assert 2 <= count <= 3, crisis_type
        assert suggestions_for(crisis_type), crisis_type
    assert len({q.key for q in QUESTIONS}) == len(QUESTIONS)


def test_a_score_is_the_mean_answer_mapped_to_0_100():
    keys = [q.key for q in QUESTIONS if q.crisis_type == BOSS]
    assert len(keys) == 3
    scores = rules.scores_from({keys[0]: 3, keys[1]: 2, keys[2]: 1})
    assert scores == {BOSS: 67}
    assert rules.scores_from({keys[0]: 3, keys[1]: 3, keys[2]: 3})[BOSS] == 100
    assert rules.scores_from({keys[0]: 0})[BOSS] == 0


def test_high_and_rising():
    assert rules.is_high(60) and not rules.is_high(59) and not rules.is_high(None)
    assert rules.has_risen(40, 25) and not rules.has_risen(39, 25) and not rules.has_risen(40, None)
    assert rules.types_to_act_on({BOSS: 67, "age": 40, "meaning": 10}, {"age": 20, "meaning": 0}) == [
        BOSS,
        "age",
    ]


def test_the_check_is_due_30_days_after_the_last():
    day = datetime.date(2026, 11, 25)
    assert rules.radar_due(None, today=day)
    assert not rules.radar_due(day - datetime.timedelta(days=29), today=day)
    assert rules.radar_due(day - datetime.timedelta(days=30), today=day)


# --- the self-check page ------------------------------------------------------------------------


def test_answering_saves_the_check_with_its_scores_and_shows_the_result(logged_in, client_user):
    response = logged_in.get(reverse("radar:check"))
    assert response.status_code == 200
    assert response.content.decode().count('type="radio"') == 4 * len(QUESTIONS)

    response = logged_in.post(reverse("radar:check"), form_data(0, difficult_boss=3, age=1), follow=True)
    check = RadarCheck.objects.get(owner=client_user)
    assert check.taken_on == local_today(client_user)
    assert check.answers[first_question(BOSS)] == 3
    assert check.scores[BOSS] == 100 and check.scores["age"] == 33 and check.scores["meaning"] == 0
    html = response.content.decode()
    assert "100 of 100" in type_row(html, BOSS) and "stands high" in type_row(html, BOSS)
    assert "33 of 100" in type_row(html, "age") and "some signs" in type_row(html, "age")
    assert "few signs" in type_row(html, "meaning")


def test_a_skipped_question_is_marked_and_the_other_answers_kept(logged_in, client_user):
    data = form_data(2)
    skipped = first_question(CrisisType.MEANING)
    del data[skipped]
    response = logged_in.post(reverse("radar:check"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose one answer for this question." in html
    assert f'id="id_{skipped}-error"' in html
    assert html.count("checked") == len(QUESTIONS) - 1
    assert not RadarCheck.objects.exists()


def test_an_answer_out_of_the_scale_is_refused_not_a_500(logged_in):
    data = form_data(1)
    data[first_question(BOSS)] = "7"
    assert logged_in.post(reverse("radar:check"), data).status_code == 200
    assert not RadarCheck.objects.exists()


# --- the result: trend, suggestions, add once, log a setback ------------------------------------


def test_the_result_shows_each_types_trend_over_the_last_checks(logged_in, client_user):
    make_check(client_user, days_ago=60, difficult_boss=0)
    make_check(client_user, days_ago=30, difficult_boss=1)
    check = make_check(client_user, difficult_boss=2)
    html = logged_in.get(reverse("radar:result", args=[check.public_id])).content.decode()
    row = type_row(html, BOSS)
    assert row.count("<rect") == 3
    assert "0, " in row and ": 33, " in row and ": 67</title>" in row  # every value in the chart's title
    assert "rising: up 34" in row


def test_a_type_standing_high_suggests_its_steps_and_logging_a_setback(logged_in, client_user):
    check = make_check(client_user, difficult_boss=2)
    html = logged_in.get(reverse("radar:result", args=[check.public_id])).content.decode()
    row = type_row(html, BOSS)
    for step in suggestions_for(BOSS):
        assert str(step.title) in row
    assert 'data-testid="add-suggestions"' in row
    assert f"{reverse('incidents:create')}?crisis_type={BOSS}" in row
    # A quiet type suggests nothing.
    assert 'data-testid="radar-suggestions"' not in type_row(html, "age")


def test_a_rising_type_below_high_suggests_steps_but_no_setback(logged_in, client_user):
    make_check(client_user, days_ago=31, age=0)
    check = make_check(client_user, age=1)  # 0 → 33: rising, not high
    row = type_row(logged_in.get(reverse("radar:result", args=[check.public_id])).content.decode(), "age")
    assert 'data-testid="add-suggestions"' in row
    assert 'data-testid="log-setback"' not in row


@pytest.mark.dates
def test_one_click_adds_the_suggestions_with_due_dates_and_only_once(logged_in, client_user):
    check = make_check(client_user, difficult_boss=3)
    address = reverse("radar:suggestions_add", args=[check.public_id])
    response = logged_in.post(address, {"crisis_type": BOSS}, follow=True)
    today = local_today(client_user)
    steps = list(PreventionStep.objects.filter(owner=client_user).order_by("source"))
    expected = sorted(suggestions_for(BOSS), key=lambda s: f"{BOSS}:{s.key}")
    assert [(s.title, s.due_on, s.crisis_type, s.kind) for s in steps] == [
        (str(e.title), today + datetime.timedelta(days=e.due_in_days), BOSS, e.kind) for e in expected
    ]
    html = response.content.decode()
    assert f"{len(expected)} steps added to your prevention plan." in html
    assert "already in your prevention plan" in type_row(html, BOSS)

    # Again (another tab): nothing doubles, even once a step is done or dropped.
    steps[0].status = "done"
    steps[0].save()
    response = logged_in.post(address, {"crisis_type": BOSS}, follow=True)
    assert "These steps are already in your prevention plan." in response.content.decode()
    assert PreventionStep.objects.filter(owner=client_user).count() == len(expected)
    # A later check does not offer them again either.
    later = make_check(client_user, difficult_boss=3)
    html = logged_in.get(reverse("radar:result", args=[later.public_id])).content.decode()
    assert 'data-testid="add-suggestions"' not in type_row(html, BOSS)


def test_adding_for_a_type_the_radar_does_not_watch_is_a_404(logged_in, client_user):
    check = make_check(client_user, difficult_boss=3)
    address = reverse("radar:suggestions_add", args=[check.public_id])
    assert logged_in.post(address, {"crisis_type": "work_mistake"}).status_code == 404
    assert logged_in.get(address).status_code == 405
    assert not PreventionStep.objects.exists()


def test_log_a_setback_opens_the_form_with_the_type_chosen(logged_in):
    html = logged_in.get(f"{reverse('incidents:create')}?crisis_type={BOSS}").content.decode()
    assert re.search(rf'value="{BOSS}"[^>]*checked|checked[^>]*value="{BOSS}"', html)
    html = logged_in.get(f"{reverse('incidents:create')}?crisis_type=nonsense").content.decode()
    assert "checked" not in html or 'value="nonsense"' not in html


# --- Today and the digest -----------------------------------------------------------------------


@pytest.mark.dates
def test_today_asks_for_the_radar_until_it_is_taken_and_again_a_month_later(logged_in, client_user, clock):
    def prompted():
        logged_in.force_login(client_user)  # the session would not last the month
        return 'data-testid="radar-prompt"' in logged_in.get(reverse("reminders:today")).content.decode()

    assert prompted()  # never taken
    make_check(client_user)
    assert not prompted()
    clock.shift(datetime.timedelta(days=29))
    assert not prompted()
    clock.shift(datetime.timedelta(days=1))
    assert prompted()


@pytest.mark.dates
def test_the_digest_asks_for_the_radar_only_when_it_is_due(client_user, clock):
    from tests.reminders.test_digest import digest_to, morning

    incident = make_incident(client_user)
    make_step(incident, title="Something due", due_on=local_today(client_user))
    make_check(client_user, days_ago=10)

    def send_and_read(day_offset=0):
        mail.outbox.clear()
        call_command("send_reminders", now=morning(client_user, day_offset).isoformat(), stdout=io.StringIO())
        [message] = digest_to(client_user)
        return message.body

    assert "career risk radar" not in send_and_read()
    RadarCheck.objects.all().delete()
    clock.shift(datetime.timedelta(days=1))
    make_step(incident, title="Due tomorrow", due_on=local_today(client_user))
    assert reverse("radar:check") in send_and_read()


# --- query counts -------------------------------------------------------------------------------

# Session, user, the savepoint pair, the coach profile (the navbar), then the check, the checks up to
# it (the trend) and the sources already in the plan: the same however many checks.
RESULT_QUERIES = 8


@pytest.mark.parametrize("checks", [1, 12])
def test_the_result_costs_the_same_with_1_or_12_checks(
    logged_in, client_user, django_assert_num_queries, checks
):
    for n in range(checks - 1, -1, -1):
        last = make_check(client_user, days_ago=30 * n, difficult_boss=n % 4)
    address = reverse("radar:result", args=[last.public_id])
    with django_assert_num_queries(RESULT_QUERIES):
        response = logged_in.get(address)
    assert type_row(response.content.decode(), BOSS).count("<rect") == checks


# --- privacy ------------------------------------------------------------------------------------


def radar_urls(check, step):
    return [
        ("get", reverse("radar:result", args=[check.public_id])),
        ("post", reverse("radar:suggestions_add", args=[check.public_id])),
        ("get", reverse("radar:step_edit", args=[step.public_id])),
        ("post", reverse("radar:step_edit", args=[step.public_id])),
        ("post", reverse("radar:step_status", args=[step.public_id])),
        ("get", reverse("radar:step_delete", args=[step.public_id])),
        ("post", reverse("radar:step_delete", args=[step.public_id])),
    ]


def snapshot():
    return (
        list(RadarCheck.objects.order_by("pk").values()),
        list(PreventionStep.objects.order_by("pk").values()),
    )


def test_strangers_and_coaches_her_own_included_get_404_on_every_radar_url(
    client, client_user, coach, stranger
):
    from crisis_coach.wellbeing.radar import services

    ex_coach = make_user(display_name="Ezra Excoach", is_coach=True)
    unlinked_coach = make_user(display_name="Uma Unlinked", is_coach=True)
    coaching.link_create(client=make_user(), coach_profile=unlinked_coach.coach_profile)
    old_link = coaching.link_create(client=client_user, coach_profile=ex_coach.coach_profile)
    coaching.link_end(link=old_link, ended_by=client_user)
    coaching.link_create(client=client_user, coach_profile=coach.coach_profile)
    check = make_check(client_user, difficult_boss=3)
    step = services.prevention_step_create(owner=client_user, crisis_type=BOSS, title="Keep a record")
    before = snapshot()
    data = {"crisis_type": BOSS, "status": "done", "title": "Changed", "detail": "", "version": "1"}

    for intruder in (stranger, unlinked_coach, ex_coach, coach):
        client.force_login(intruder)
        for method, address in radar_urls(check, step):
            answer = getattr(client, method)(address, data if method == "post" else None).status_code
            assert answer == 404, f"{intruder} {method} {address}: {answer}"
        # Her plan and her radar are nowhere on their own pages either.
        assert "Keep a record" not in client.get(reverse("radar:plan")).content.decode()
        assert "Keep a record" not in client.get(reverse("reminders:today")).content.decode()
    assert snapshot() == before

    client.force_login(client_user)
    for method, address in radar_urls(check, step):
        if method == "get":
            assert client.get(address).status_code == 200, address
