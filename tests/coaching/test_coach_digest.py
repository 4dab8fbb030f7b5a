"""The coach's weekly digest: at the coach's chosen weekday and time in their own time zone, once per
ISO week, listing who needs attention and why, the week's sessions and the replies to their comments,
only from cases the coach may read, and naming no one in discreet mode.

The tests set their own moments (Wednesday 25 November 2026 is the suite's day; the coaches here
chose Thursday 09:00), so they do not depend on the moment the suite starts at."""

import datetime
import io
import re
import threading

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from crisis_coach.coaching import digest
from crisis_coach.coaching.models import CoachingSession, SessionStatus, Weekday
from crisis_coach.coaching.services import coach_comment_add, comment_reply_add, link_end
from crisis_coach.incidents.models import CaseReview, Incident, ReviewStatus, RiskLevel, Stage
from crisis_coach.reminders.models import DigestSent, Frequency
from crisis_coach.reminders.selectors import settings_for
from crisis_coach.wellbeing.models import CheckIn
from tests.coaching.conftest import link, shared_incident
from tests.factories import make_incident, make_step, make_user

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# Thursday 26 November 2026, 09:00 in each zone (New York is on EST, UTC-5, in November).
THURSDAY_NINE = {
    "Asia/Taipei": datetime.datetime(2026, 11, 26, 1, 0, tzinfo=UTC),
    "America/New_York": datetime.datetime(2026, 11, 26, 14, 0, tzinfo=UTC),
}
TAIPEI_NINE = THURSDAY_NINE["Asia/Taipei"]
MINUTE = datetime.timedelta(minutes=1)
DAY = datetime.timedelta(days=1)


def make_coach(zone="Asia/Taipei", *, discreet=False, name="Casey Coach"):
    coach = make_user(display_name=name, is_coach=True, time_zone=zone, discreet_mode=discreet)
    profile = coach.coach_profile
    profile.digest_weekday = Weekday.THURSDAY
    profile.digest_time = datetime.time(9, 0)
    profile.save()
    return coach


def make_client(coach, name="Alex Client"):
    client = make_user(display_name=name)
    link(client, coach)
    return client


def quiet(case, days=20):
    """No activity of the client's on the case for `days` before the Thursday digest."""
    Incident.objects.filter(pk=case.pk).update(last_activity_at=TAIPEI_NINE - days * DAY)


def send(now):
    call_command("send_reminders", now=now.isoformat(), stdout=io.StringIO())


def digests_to(coach):
    """The coach's weekly digests (a coach may get the client digest too, of their own agenda)."""
    return [m for m in mail.outbox if m.to == [coach.email] and "your coaching week" in m.subject]


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def everything(message) -> str:
    return "\n".join([message.subject, message.body, html_of(message)])


def listed(message) -> list[str]:
    return [line[2:] for line in message.body.splitlines() if line.startswith("- ")]


@pytest.fixture
def coach_with_quiet_case():
    coach = make_coach()
    case = shared_incident(make_client(coach), title="Missed the counter-offer")
    quiet(case)
    return coach, case


# --- when ------------------------------------------------------------------------------------


@pytest.mark.parametrize("zone", sorted(THURSDAY_NINE))
def test_the_digest_goes_from_the_chosen_local_time_and_not_before(zone, clock):
    coach = make_coach(zone)
    quiet(shared_incident(make_client(coach)))
    due = THURSDAY_NINE[zone]

    for early in (due - DAY, due - MINUTE):  # Wednesday at nine; Thursday 08:59
        clock.move_to(early)
        send(early)
        assert digests_to(coach) == []
    clock.move_to(due)
    send(due)

    [message] = digests_to(coach)
    assert message.subject == "Crisis Coach: your coaching week, 1 thing to look at"
    assert DigestSent.objects.get(user=coach).period == "coach-2026-W48"


@pytest.mark.dates
def test_the_digest_goes_at_the_chosen_local_moment_at_every_edge_of_the_calendar(coach, client_user):
    """Whatever the moment (a new year in Taipei, a DST change in London or New York): a coach who
    chose today at this very minute gets it now, and not a minute before."""
    link(client_user, coach)
    case = shared_incident(client_user)
    Incident.objects.filter(pk=case.pk).update(last_activity_at=timezone.now() - 20 * DAY)
    now = timezone.now()
    local = timezone.localtime(now, coach.zone)
    profile = coach.coach_profile
    profile.digest_weekday = local.weekday()
    profile.digest_time = local.time().replace(second=0, microsecond=0)
    profile.save()
    due = digest.digest_moment(profile, local_day=local.date(), zone=coach.zone)
    assert due <= now

    send(due - MINUTE)
    assert digests_to(coach) == []
    send(now)
    assert len(digests_to(coach)) == 1
    assert DigestSent.objects.get(user=coach).period == digest.digest_period(local.date())


def test_send_reminders_reports_the_coach_digests(coach_with_quiet_case):
    out = io.StringIO()
    call_command("send_reminders", now=TAIPEI_NINE.isoformat(), stdout=out)
    assert "send_reminders: 1 coach digest(s) sent" in out.getvalue()


def test_a_later_run_the_same_week_still_sends_the_digest(coach_with_quiet_case):
    coach, _case = coach_with_quiet_case
    send(TAIPEI_NINE + 2 * DAY)  # the worker was down on Thursday: Saturday's run sends it
    assert len(digests_to(coach)) == 1


def test_once_per_week_and_again_the_next_week(coach_with_quiet_case, clock):
    coach, _case = coach_with_quiet_case
    send(TAIPEI_NINE)
    send(TAIPEI_NINE + 15 * MINUTE)
    send(TAIPEI_NINE + 3 * DAY)  # Sunday, still ISO week 48
    assert len(digests_to(coach)) == 1

    clock.move_to(TAIPEI_NINE + 7 * DAY)
    send(TAIPEI_NINE + 7 * DAY)
    assert len(digests_to(coach)) == 2
    assert sorted(DigestSent.objects.filter(user=coach).values_list("period", flat=True)) == [
        "coach-2026-W48",
        "coach-2026-W49",
    ]


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_the_digest_once(coach_with_quiet_case):
    coach, _case = coach_with_quiet_case
    start = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            start.wait()
            results.append(digest.coach_digests_send_due(now=TAIPEI_NINE))
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    with override_settings(EMAIL_BACKEND="tests.reminders.test_digest.SlowBackend"):
        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    assert sum(run.sent for run in results) == 1
    assert len(digests_to(coach)) == 1


def test_a_coach_who_turned_it_off_gets_none(coach_with_quiet_case):
    coach, _case = coach_with_quiet_case
    coach.coach_profile.digest_enabled = False
    coach.coach_profile.save()
    send(TAIPEI_NINE + DAY)
    assert digests_to(coach) == []


def test_a_coach_who_unsubscribed_from_every_email_gets_none(coach_with_quiet_case):
    coach, _case = coach_with_quiet_case
    reminder_settings = settings_for(coach)
    reminder_settings.frequency = Frequency.NEVER
    reminder_settings.save()
    send(TAIPEI_NINE + DAY)
    assert digests_to(coach) == []


def test_nothing_to_say_sends_nothing(clock):
    coach = make_coach()
    shared_incident(make_client(coach))  # active, on time, low risk
    send(TAIPEI_NINE)
    assert digests_to(coach) == []
    assert not DigestSent.objects.filter(user=coach).exists()


# --- what ------------------------------------------------------------------------------------


def test_each_reason_is_listed_with_a_link_to_the_case(clock):
    coach = make_coach()
    client = make_client(coach)
    today = datetime.date(2026, 11, 26)
    quiet_case = shared_incident(client, title="Quiet case")
    quiet(quiet_case, days=20)
    late_case = shared_incident(client, title="Late case")
    make_step(late_case, title="Call back", due_on=today - 3 * DAY)
    make_step(late_case, title="Write it up", due_on=today - 2 * DAY)
    risky_case = shared_incident(client, title="Risky case")
    Incident.objects.filter(pk=risky_case.pk).update(
        risk_level=RiskLevel.HIGH, conversation_held=False, occurred_on=today - 10 * DAY
    )
    due_review = shared_incident(client, title="Review waiting")
    bad_review = shared_incident(client, title="Review gone badly")
    Incident.objects.filter(pk__in=[due_review.pk, bad_review.pk]).update(
        stage=Stage.CLOSED, closed_at=TAIPEI_NINE - 10 * DAY
    )
    CaseReview.objects.create(incident=due_review, offset_days=7, due_on=today - 3 * DAY)
    CaseReview.objects.create(
        incident=bad_review,
        offset_days=30,
        due_on=today - 2 * DAY,
        status=ReviewStatus.ANSWERED,
        happened_again="yes",
        control_now=7,
        answered_at=TAIPEI_NINE - 2 * DAY,
    )
    mood_case = shared_incident(client, title="Low moods")
    Incident.objects.filter(pk=mood_case.pk).update(share_check_ins=True)
    CheckIn.objects.create(owner=client, day=today - 2 * DAY, mood=1, control=2, sleep=2)

    send(TAIPEI_NINE)

    [message] = digests_to(coach)
    assert listed(message) == [
        "Alex Client: Late case · 2 steps overdue",
        "Alex Client: Low moods · A very low mood in a check-in",
        "Alex Client: Quiet case · Quiet for 20 days",
        "Alex Client: Review gone badly · A review after the close: it happened again",
        "Alex Client: Review waiting · A review after the close is due",
        "Alex Client: Risky case · High risk, and the conversation not held yet",
    ]
    case_url = f"{settings.SITE_URL}{reverse('coach:case', args=[quiet_case.public_id])}"
    assert case_url in message.body and f'href="{case_url}"' in html_of(message)
    assert message.subject == "Crisis Coach: your coaching week, 6 things to look at"


def test_only_shared_cases_of_clients_still_linked(clock):
    coach = make_coach()
    client = make_client(coach)
    private = make_incident(client, title="Not shared")
    make_step(private, title="Late", due_on=datetime.date(2026, 11, 20))
    quiet(private)
    former = make_client(coach, name="Former Client")
    theirs = shared_incident(former, title="Former client's case")
    link_end(link=former.coaching_links.get(), ended_by=former)
    Incident.objects.filter(pk=theirs.pk).update(shared_with_coach=True)  # shared, but no link now
    quiet(theirs)
    other_coach = make_coach(name="Olive Othercoach")
    quiet(shared_incident(make_client(other_coach, name="Someone Else"), title="Another coach's case"))
    seen = shared_incident(client, title="Shared case")
    quiet(seen)

    send(TAIPEI_NINE)

    [message] = digests_to(coach)
    assert listed(message) == ["Alex Client: Shared case · Quiet for 20 days"]
    for word in ("Not shared", "Former", "Another coach", "Someone Else"):
        assert word not in everything(message)


def test_a_check_in_signal_only_when_the_client_shares_check_ins(clock):
    coach = make_coach()
    client = make_client(coach)
    case = shared_incident(client, title="Low moods")
    for back in range(3):  # three low days in a row
        CheckIn.objects.create(
            owner=client, day=datetime.date(2026, 11, 25) - back * DAY, mood=2, control=3, sleep=3
        )

    send(TAIPEI_NINE)
    assert digests_to(coach) == []  # the case shares the plan only

    Incident.objects.filter(pk=case.pk).update(share_check_ins=True)
    send(TAIPEI_NINE + MINUTE)
    [message] = digests_to(coach)
    assert listed(message) == ["Alex Client: Low moods · Low moods several days in a row"]


def test_check_ins_shared_on_a_case_count_only_while_it_is_open_and_from_the_day_it_happened(clock):
    coach = make_coach()
    client = make_client(coach)
    for back in range(3):  # three low days in a row, 23 to 25 November
        CheckIn.objects.create(
            owner=client, day=datetime.date(2026, 11, 25) - back * DAY, mood=2, control=3, sleep=3
        )
    closed = shared_incident(client, title="Closed in March")
    Incident.objects.filter(pk=closed.pk).update(
        share_check_ins=True, stage=Stage.CLOSED, occurred_on=datetime.date(2026, 3, 1)
    )
    later = shared_incident(client, title="Began yesterday")
    Incident.objects.filter(pk=later.pk).update(share_check_ins=True, occurred_on=datetime.date(2026, 11, 26))

    send(TAIPEI_NINE)
    # Neither case covers those days: the closed one shared the days of March, the other began after.
    assert digests_to(coach) == []

    Incident.objects.filter(pk=later.pk).update(occurred_on=datetime.date(2026, 11, 24))
    send(TAIPEI_NINE + MINUTE)
    [message] = digests_to(coach)
    assert listed(message) == ["Alex Client: Began yesterday · Low moods several days in a row"]


def test_replies_to_the_coachs_comments_are_listed(clock):
    coach = make_coach()
    client = make_client(coach)
    case = shared_incident(client, title="Missed the counter-offer")
    clock.move_to(TAIPEI_NINE - 10 * DAY)
    old = coach_comment_add(coach=coach, incident=case, body="An old question", notify=False)
    comment_reply_add(author=client, comment=old, body="An old answer")
    clock.move_to(TAIPEI_NINE - 2 * DAY)
    comment = coach_comment_add(coach=coach, incident=case, body="How did the talk go?", notify=False)
    comment_reply_add(author=client, comment=comment, body="Better than I feared.")
    comment_reply_add(author=coach, comment=comment, body="My own follow-up")  # in her thread
    clock.move_to(TAIPEI_NINE)

    send(TAIPEI_NINE)

    [message] = digests_to(coach)
    [reply] = listed(message)
    assert reply.startswith("Alex Client replied on “Missed the counter-offer”: Better than I feared.")
    assert "An old answer" not in everything(message) and "My own follow-up" not in everything(message)
    assert f"{reverse('coach:case', args=[case.public_id])}#comments-heading" in message.body


def test_the_sessions_of_the_coming_week_are_listed(clock):
    coach = make_coach()
    client = make_client(coach)
    former = make_client(coach, name="Former Client")

    def session(who, starts_at, status=SessionStatus.ACCEPTED):
        return CoachingSession.objects.create(
            client=who, coach=coach, proposed_by=coach, starts_at=starts_at, status=status
        )

    session(client, TAIPEI_NINE + 2 * DAY)  # Saturday 09:00 in Taipei
    session(client, TAIPEI_NINE + 3 * DAY, SessionStatus.PROPOSED)
    session(client, TAIPEI_NINE + 4 * DAY, SessionStatus.CANCELLED)
    session(client, TAIPEI_NINE + 8 * DAY)  # after the coming week
    session(former, TAIPEI_NINE + DAY)
    link_end(link=former.coaching_links.get(), ended_by=coach)

    send(TAIPEI_NINE)

    [message] = digests_to(coach)
    lines = listed(message)
    assert len(lines) == 2
    assert lines[0].startswith("Saturday 28 Nov 2026, 09:00 · Session with Alex Client (Agreed)")
    assert lines[1].startswith("Sunday 29 Nov 2026, 09:00 · Session with Alex Client (Proposed)")
    assert "Former Client" not in everything(message)
    saturday = CoachingSession.objects.get(starts_at=TAIPEI_NINE + 2 * DAY)
    page = f"{settings.SITE_URL}{reverse('coach:session_detail', args=[saturday.public_id])}"
    assert page in message.body and f'href="{page}"' in html_of(message)


def test_discreet_mode_names_no_client_and_no_case(clock):
    coach = make_coach(discreet=True)
    client = make_client(coach)
    case = shared_incident(client, title="Missed the counter-offer")
    comment = coach_comment_add(coach=coach, incident=case, body="How did it go?", notify=False)
    comment_reply_add(author=client, comment=comment, body="Grace said yes")
    quiet(case)
    CoachingSession.objects.create(
        client=client, coach=coach, proposed_by=coach, starts_at=TAIPEI_NINE + DAY, place="Grace's office"
    )

    send(TAIPEI_NINE)

    [message] = digests_to(coach)
    leaked = [
        word
        for word in ("Alex", "Missed the counter-offer", "Grace", "How did it go")
        if word in everything(message)
    ]
    assert leaked == []
    assert listed(message)[0] == "A shared case · Quiet for 20 days"
    assert "A client replied to your comment" in message.body
    assert "Discreet mode is on" in message.body
    assert re.search(r"Session \(Proposed\)", message.body)
    assert reverse("coach:case", args=[case.public_id]) in html_of(message)


@pytest.mark.parametrize("clients", [1, 50])
def test_building_a_digest_takes_the_same_queries_for_1_and_50_clients(
    clients, clock, django_assert_num_queries
):
    coach = make_coach()
    for number in range(clients):
        client = make_client(coach, name=f"Client {number}")
        case = shared_incident(client, title=f"Case {number}")
        make_step(case, title="Late", due_on=datetime.date(2026, 11, 20))
        comment = coach_comment_add(coach=coach, incident=case, body="Question", notify=False)
        comment_reply_add(author=client, comment=comment, body="Answer")
        Incident.objects.filter(pk=case.pk).update(share_check_ins=True)
        CheckIn.objects.create(owner=client, day=datetime.date(2026, 11, 25), mood=1, control=1, sleep=1)
        closed = shared_incident(client, title=f"Closed {number}")
        Incident.objects.filter(pk=closed.pk).update(stage=Stage.CLOSED)
        CaseReview.objects.create(incident=closed, offset_days=7, due_on=datetime.date(2026, 11, 20))
        CoachingSession.objects.create(client=client, coach=coach, starts_at=TAIPEI_NINE + DAY)

    with timezone.override(coach.zone), django_assert_num_queries(6):
        built = digest.coach_digest_for(coach, now=TAIPEI_NINE)
    assert (len(built.cases), len(built.sessions), len(built.replies)) == (2 * clients, clients, clients)


# --- the settings page -----------------------------------------------------------------------


def test_the_settings_page_shows_the_next_digest_in_the_coachs_time(client, clock):
    coach = make_coach()
    client.force_login(coach)
    clock.move_to(datetime.datetime(2026, 11, 25, 10, 0, tzinfo=UTC))  # Wednesday 18:00 in Taipei

    page = client.get(reverse("coach:digest")).content.decode()
    assert "Thursday, 26 Nov 2026, 09:00" in page and "Asia/Taipei" in page

    response = client.post(
        reverse("coach:digest"), {"digest_enabled": "on", "digest_weekday": "0", "digest_time": "07:30"}
    )
    assert response.status_code == 302
    page = client.get(reverse("coach:digest")).content.decode()
    assert "Monday, 30 Nov 2026, 07:30" in page

    client.post(reverse("coach:digest"), {"digest_weekday": "0", "digest_time": "07:30"})
    assert "The weekly digest is off." in client.get(reverse("coach:digest")).content.decode()
    assert not coach.coach_profile.__class__.objects.get(pk=coach.coach_profile.pk).digest_enabled


def test_the_next_digest_is_next_week_once_this_weeks_went(coach_with_quiet_case, client, clock):
    coach, _case = coach_with_quiet_case
    clock.move_to(TAIPEI_NINE)
    send(TAIPEI_NINE)
    coach.coach_profile.digest_weekday = Weekday.FRIDAY  # changed after Thursday's digest went
    coach.coach_profile.save()
    client.force_login(coach)
    assert "Friday, 4 Dec 2026, 09:00" in client.get(reverse("coach:digest")).content.decode()


def test_a_bad_time_is_refused_next_to_the_field_and_kept(client, clock):
    coach = make_coach()
    client.force_login(coach)

    response = client.post(
        reverse("coach:digest"), {"digest_enabled": "on", "digest_weekday": "9", "digest_time": "25:99"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a valid time." in page and 'value="25:99"' in page
    assert "Select a valid choice." in page
    profile = coach.coach_profile.__class__.objects.get(pk=coach.coach_profile.pk)
    assert (profile.digest_weekday, profile.digest_time) == (Weekday.THURSDAY, datetime.time(9, 0))
    assert "Thursday, 26 Nov 2026, 09:00" in page  # what is saved


def test_the_dashboard_links_to_the_digest_settings(client):
    coach = make_coach()
    client.force_login(coach)
    assert reverse("coach:digest") in client.get(reverse("coach:dashboard")).content.decode()


def test_the_settings_page_is_for_coaches_with_two_factor_sign_in(client):
    client.force_login(make_user(display_name="Not A Coach"))
    assert client.get(reverse("coach:digest")).status_code == 404
    coach = make_user(display_name="New Coach", is_coach=True, two_factor=False)
    client.force_login(coach)
    response = client.post(reverse("coach:digest"), {"digest_weekday": "0", "digest_time": "07:30"})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_index")
    coach.coach_profile.refresh_from_db()
    assert coach.coach_profile.digest_enabled  # unchanged
