"""Sessions between a client and her coach: proposed by either, answered by the other, moved,
called off; the shared agenda and summary; the coach's private notes; Today; the emails."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from crisis_coach.coaching import services as coaching
from crisis_coach.coaching.models import CoachingSession, CoachNote, SessionStatus
from crisis_coach.coaching.sessions import services
from tests.coaching.conftest import link, shared_incident
from tests.factories import make_incident, make_stakeholder, make_step, make_user
from tests.tasks import run_pending_tasks

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
# A winter day: London is on GMT, Taipei eight hours ahead.
NINE_IN_LONDON = datetime.datetime(2026, 12, 2, 9, 0, tzinfo=LONDON)


@pytest.fixture
def coach_in_london(db):
    return make_user(
        display_name="Casey Coach", is_coach=True, time_zone="Europe/London", discreet_mode=False
    )


@pytest.fixture
def client_in_taipei(db):
    return make_user(display_name="Alex Client", time_zone="Asia/Taipei", discreet_mode=False)


@pytest.fixture
def pair(coach_in_london, client_in_taipei):
    coaching_link = link(client_in_taipei, coach_in_london)
    return coaching_link


def browser(client, user):
    client.force_login(user)
    return client


def propose_data(**overrides):
    return {"starts_at": "2026-12-02T09:00", "duration_minutes": "50", "place": "https://meet.example/abc",
            "agenda": "Our plan", **overrides}  # fmt: skip


def make_session(pair, *, by="coach", at=NINE_IN_LONDON, notify=False, **fields):
    proposer = pair.coach if by == "coach" else pair.client
    return services.session_propose(
        client=pair.client, coach=pair.coach, proposed_by=proposer, starts_at=at,
        duration_minutes=fields.pop("duration_minutes", 50), notify=notify, **fields,
    )  # fmt: skip


def detail(side, session):
    return reverse(f"{'coach' if side == 'coach' else 'coaching'}:session_detail", args=[session.public_id])


# --- proposing, time zones ---------------------------------------------------------------------


def test_a_coach_in_london_proposes_nine_and_the_client_in_taipei_reads_five_pm(client, pair):
    coach, client_user = pair.coach, pair.client
    response = browser(client, coach).post(
        reverse("coach:session_propose", args=[pair.public_id]), propose_data()
    )
    session = CoachingSession.objects.get()
    assert response.status_code == 302 and response.url == detail("coach", session)
    assert session.starts_at == datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.UTC)
    assert session.proposed_by == coach and session.status == SessionStatus.PROPOSED
    coach_page = client.get(detail("coach", session)).content.decode()
    assert "09:00" in coach_page and "17:00" not in coach_page
    client_page = browser(client, client_user).get(detail("client", session)).content.decode()
    assert "17:00" in client_page and "09:00" not in client_page
    assert "Waiting for your answer" in client_page
    # The list shows the client's clock too.
    assert "17:00" in client.get(reverse("coaching:sessions")).content.decode()


def test_the_client_proposes_on_her_clock_to_her_coach(client, pair):
    response = browser(client, pair.client).post(
        reverse("coaching:session_propose"), propose_data(starts_at="2026-12-02T17:00")
    )
    session = CoachingSession.objects.get()
    assert response.status_code == 302
    assert session.starts_at == datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.UTC)
    assert session.proposed_by == pair.client and session.coach == pair.coach
    assert session.coach_name == "Casey Coach"
    page = browser(client, pair.coach).get(detail("coach", session)).content.decode()
    assert "09:00" in page and 'data-testid="waiting-for-you"' in page


def test_without_a_coach_the_client_is_sent_to_link_one(client, client_in_taipei):
    response = browser(client, client_in_taipei).get(reverse("coaching:session_propose"))
    assert response.status_code == 302 and response.url == reverse("coaching:home")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("starts_at", "2026-11-20T09:00", "This time has passed"),
        ("duration_minutes", "5", "greater than or equal to 10"),
        ("duration_minutes", "481", "less than or equal to 480"),
        ("starts_at", "", "This field is required"),
    ],
)
def test_bad_input_is_refused_next_to_its_field_and_what_was_typed_stays(client, pair, field, value, message):
    data = propose_data(**{field: value, "place": "Room 4B"})
    response = browser(client, pair.coach).post(reverse("coach:session_propose", args=[pair.public_id]), data)
    assert response.status_code == 400
    assert not CoachingSession.objects.exists()
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    page = response.content.decode()
    assert 'value="Room 4B"' in page
    assert f'id="id_{field}_error"' in page or f"id_{field}_error" in page or "invalid-feedback" in page


# --- answering, moving, calling off ------------------------------------------------------------


def test_the_other_side_agrees_and_the_proposer_cannot_answer_herself(client, pair):
    session = make_session(pair, by="coach")
    browser(client, pair.coach).post(reverse("coach:session_accept", args=[session.public_id]))
    session.refresh_from_db()
    assert session.status == SessionStatus.PROPOSED  # her own proposal: the other side answers it
    browser(client, pair.client).post(
        reverse("coaching:session_accept", args=[session.public_id]), {"version": session.version}
    )
    session.refresh_from_db()
    assert session.status == SessionStatus.ACCEPTED
    assert abs(session.answered_at - timezone.now()) < datetime.timedelta(minutes=1)
    assert session.sequence == 1


def test_declining_and_an_answer_from_a_stale_page_changes_nothing(client, pair):
    session = make_session(pair, by="client")
    stale = session.version
    services.session_move(
        session=session, by=pair.client, expected_version=session.version,
        starts_at=NINE_IN_LONDON + datetime.timedelta(hours=2), duration_minutes=50, place="",
    )  # fmt: skip
    response = browser(client, pair.coach).post(
        reverse("coach:session_accept", args=[session.public_id]), {"version": stale}, follow=True
    )
    assert "This session changed meanwhile" in response.content.decode()
    session.refresh_from_db()
    assert session.status == SessionStatus.PROPOSED
    client.post(reverse("coach:session_decline", args=[session.public_id]), {"version": session.version})
    session.refresh_from_db()
    assert session.status == SessionStatus.DECLINED


def test_moving_an_agreed_session_proposes_it_again_and_bumps_its_sequence(client, pair):
    session = make_session(pair, by="coach")
    services.session_answer(session=session, by=pair.client, accept=True, expected_version=session.version)
    url = reverse("coach:session_move", args=[session.public_id])
    data = {
        "starts_at": "2026-12-03T10:30",
        "duration_minutes": "60",
        "place": "Room 4B",
        "version": session.version,
    }
    response = browser(client, pair.coach).post(url, data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.PROPOSED and session.proposed_by == pair.coach
    assert session.starts_at == datetime.datetime(2026, 12, 3, 10, 30, tzinfo=datetime.UTC)
    assert session.sequence == 2 and session.place == "Room 4B"


def test_moving_from_a_stale_form_shows_the_conflict_and_keeps_what_was_typed(client, pair):
    session = make_session(pair, by="coach")
    stale = session.version
    services.session_agenda_update(session=session, agenda="Changed in another tab", expected_version=stale)
    url = reverse("coach:session_move", args=[session.public_id])
    data = {"starts_at": "2026-12-03T10:30", "duration_minutes": "60", "place": "Room 4B", "version": stale}
    response = browser(client, pair.coach).post(url, data)
    assert response.status_code == 303
    page = client.get(response.url).content.decode()
    assert "changed elsewhere" in page and 'value="Room 4B"' in page
    session.refresh_from_db()
    assert session.place == "https://meet.example/abc" or session.place == ""


def test_moving_to_a_past_time_is_refused_next_to_the_field(client, pair):
    session = make_session(pair)
    url = reverse("coaching:session_move", args=[session.public_id])
    data = {
        "starts_at": "2026-11-01T10:30",
        "duration_minutes": "50",
        "place": "Cafe",
        "version": session.version,
    }
    response = browser(client, pair.client).post(url, data)
    assert response.status_code == 400
    assert "This time has passed" in response.content.decode() and 'value="Cafe"' in response.content.decode()


def test_either_side_calls_off_a_session_after_confirming(client, pair):
    session = make_session(pair, by="coach")
    url = reverse("coaching:session_cancel", args=[session.public_id])
    page = browser(client, pair.client).get(url)
    assert page.status_code == 200 and "Cancel the session with" in page.content.decode()
    session.refresh_from_db()
    assert session.status == SessionStatus.PROPOSED  # asking changes nothing
    assert client.post(url).status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED and session.sequence == 1
    assert client.get(url).status_code == 404  # nothing left to call off


def test_a_held_session_can_no_longer_be_moved_called_off_or_answered(client, pair, clock):
    agreed = make_session(pair, by="coach")
    services.session_answer(session=agreed, by=pair.client, accept=True, expected_version=None)
    unanswered = make_session(pair, by="coach", at=NINE_IN_LONDON + datetime.timedelta(hours=2))
    clock.move_to(NINE_IN_LONDON + datetime.timedelta(hours=3))  # both times have passed
    browser(client, pair.client)

    page = client.get(detail("client", agreed)).content.decode()
    assert "Call off the session" not in page and "Change the time or place" not in page
    assert client.get(reverse("coaching:session_cancel", args=[agreed.public_id])).status_code == 404
    assert client.post(reverse("coaching:session_cancel", args=[agreed.public_id])).status_code == 404
    assert client.get(reverse("coaching:session_move", args=[agreed.public_id])).status_code == 404
    with pytest.raises(services.SessionError):
        services.session_cancel(session=agreed, by=pair.coach)
    agreed.refresh_from_db()
    assert agreed.status == SessionStatus.ACCEPTED and agreed.sequence == 1  # still in both calendars

    # A proposal nobody answered in time: no "Agree" any more, but it can get a new time.
    page = client.get(detail("client", unanswered)).content.decode()
    assert "Waiting for your answer" not in page and "Change the time or place" in page
    response = client.post(reverse("coaching:session_accept", args=[unanswered.public_id]), {"version": "1"})
    assert response.status_code == 302
    unanswered.refresh_from_db()
    assert unanswered.status == SessionStatus.PROPOSED
    assert "time has passed" in client.get(response.url).content.decode()


# --- the agenda, the summary, the private notes ------------------------------------------------


def test_the_agenda_is_drafted_from_the_open_cases_shared_with_the_coach(client, pair):
    shared = shared_incident(pair.client, title="Missed the counter-offer")
    make_stakeholder(shared)
    make_step(shared, title="Apologise to the buyer", due_on=datetime.date(2026, 11, 21))
    make_incident(pair.client, title="A private matter")  # not shared
    closed = shared_incident(pair.client, title="An old closed case")
    closed.stage = "closed"
    closed.save()
    form = (
        browser(client, pair.coach)
        .get(reverse("coach:session_propose", args=[pair.public_id]))
        .context["form"]
    )
    draft = form.initial["agenda"]
    assert "Missed the counter-offer" in draft
    # The case, its next best action in its own words (no "Next: Next step: …"), its overdue steps.
    assert draft == (
        "• Missed the counter-offer\n"
        "  Measure the harm honestly: rate each kind of damage.\n"
        "  Overdue: Apologise to the buyer"
    )
    assert "A private matter" not in draft and "An old closed case" not in draft


def test_both_edit_the_agenda_and_a_stale_save_is_a_conflict(client, pair):
    session = make_session(pair, agenda="First draft")
    url = reverse("coaching:session_agenda", args=[session.public_id])
    browser(client, pair.client).post(url, {"agenda": "Her version", "version": session.version})
    session.refresh_from_db()
    assert session.agenda == "Her version"
    response = browser(client, pair.coach).post(
        reverse("coach:session_agenda", args=[session.public_id]), {"agenda": "His version", "version": 1}
    )
    assert response.status_code == 303
    session.refresh_from_db()
    assert session.agenda == "Her version"


def test_the_summary_waits_until_the_session_has_begun(client, pair, clock):
    session = make_session(pair)
    coach = browser(client, pair.coach)
    summary_url = reverse("coach:session_summary", args=[session.public_id])
    page = coach.get(detail("coach", session)).content.decode()
    assert "You can write the summary once the session has begun." in page and summary_url not in page
    response = coach.post(summary_url, {"summary": "Too early", "version": session.version}, follow=True)
    assert "You can write the summary once the session has begun." in response.content.decode()
    session.refresh_from_db()
    assert session.summary == ""
    clock.move_to(NINE_IN_LONDON + datetime.timedelta(minutes=5))
    assert summary_url in coach.get(detail("coach", session)).content.decode()


def test_the_coach_writes_the_summary_and_the_client_reads_it_without_the_private_notes(client, pair, clock):
    session = make_session(pair)
    clock.move_to(NINE_IN_LONDON + datetime.timedelta(hours=1))
    coach = browser(client, pair.coach)
    coach.post(
        reverse("coach:session_note_add", args=[session.public_id]),
        {"body": "She seems tired; ask about sleep"},
    )
    coach.post(
        reverse("coach:session_summary", args=[session.public_id]),
        {"summary": "We agreed to call the buyer on Monday.", "version": session.version},
    )
    session.refresh_from_db()
    assert abs(session.summary_written_at - timezone.now()) < datetime.timedelta(minutes=1)
    assert CoachNote.objects.get().session == session
    coach_page = coach.get(detail("coach", session)).content.decode()
    assert "She seems tired" in coach_page
    client_page = browser(client, pair.client).get(detail("client", session)).content.decode()
    assert "We agreed to call the buyer on Monday." in client_page
    assert "She seems tired" not in client_page and "private notes" not in client_page
    # The client side has no summary or notes URL at all, and cannot write the coach's.
    assert (
        client.post(
            reverse("coach:session_summary", args=[session.public_id]),
            {"summary": "Mine", "version": session.version},
        ).status_code
        == 404
    )
    session.refresh_from_db()
    assert session.summary == "We agreed to call the buyer on Monday."


# --- after the link ends -----------------------------------------------------------------------


def test_an_ex_coach_gets_404_and_the_client_keeps_the_record_read_only(client, pair):
    session = make_session(pair, agenda="Our plan")
    coaching.link_end(link=pair, ended_by=pair.client)
    coach = browser(client, pair.coach)
    for name in ("session_detail", "session_agenda", "session_summary", "session_move", "session_cancel"):
        assert coach.get(reverse(f"coach:{name}", args=[session.public_id])).status_code == 404, name
    assert coach.post(reverse("coach:session_accept", args=[session.public_id])).status_code == 404
    assert session.public_id.hex not in coach.get(reverse("coach:sessions")).content.decode()
    own = browser(client, pair.client)
    page = own.get(detail("client", session)).content.decode()
    assert "Our plan" in page and "Save the agenda" not in page
    assert own.post(reverse("coaching:session_cancel", args=[session.public_id])).status_code == 404
    # Ending coaching called it off: her record doesn't say a session is still ahead, nor would a new
    # link with the same coach bring it back.
    session.refresh_from_db()
    assert (session.status, session.sequence) == (SessionStatus.CANCELLED, 1)
    assert "Cancelled" in page


def test_ending_coaching_calls_off_only_the_sessions_still_ahead(client, pair, clock):
    held = make_session(pair, by="coach")
    services.session_answer(session=held, by=pair.client, accept=True, expected_version=None)
    ahead = make_session(pair, by="client", at=NINE_IN_LONDON + datetime.timedelta(days=7))
    clock.move_to(NINE_IN_LONDON + datetime.timedelta(hours=2))

    coaching.link_end(link=pair, ended_by=pair.coach)

    held.refresh_from_db()
    ahead.refresh_from_db()
    assert held.status == SessionStatus.ACCEPTED  # it took place; the record stays as it was
    assert ahead.status == SessionStatus.CANCELLED


def test_a_declined_session_keeps_its_agenda_and_takes_no_summary(client, pair):
    session = make_session(pair, by="client", agenda="Our plan")
    services.session_answer(session=session, by=pair.coach, accept=False, expected_version=None)
    coach = browser(client, pair.coach)
    page = coach.get(detail("coach", session)).content.decode()
    assert "Our plan" in page and "Save the agenda" not in page and "Save the summary" not in page
    for name in ("session_agenda", "session_summary"):
        url = reverse(f"coach:{name}", args=[session.public_id])
        assert coach.post(url, {"agenda": "New", "summary": "New", "version": "2"}).status_code == 404
    session.refresh_from_db()
    assert (session.agenda, session.summary) == ("Our plan", "")


# --- Today, for both sides ---------------------------------------------------------------------


def test_sessions_show_on_both_sides_today_with_whose_answer_is_awaited(client, pair):
    soon = timezone.now() + datetime.timedelta(days=2)
    make_session(pair, by="client", at=soon, place="Cafe Lumen")
    coach_today = browser(client, pair.coach).get(reverse("reminders:today")).content.decode()
    assert "Session with Alex Client" in coach_today and "Waiting for your answer" in coach_today
    client_today = browser(client, pair.client).get(reverse("reminders:today")).content.decode()
    assert "Session with Casey Coach" in client_today and "Waiting for their answer" in client_today
    assert "Cafe Lumen" in client_today


def test_called_off_and_far_away_sessions_stay_off_today(client, pair):
    cancelled = make_session(pair, at=timezone.now() + datetime.timedelta(days=1), place="Gone")
    services.session_cancel(session=cancelled, by=pair.coach)
    far = make_session(pair, at=timezone.now() + datetime.timedelta(days=30), place="Far away")
    services.session_answer(session=far, by=pair.client, accept=True, expected_version=None)
    page = browser(client, pair.client).get(reverse("reminders:today")).content.decode()
    assert "Session with" not in page


def _today_group(page: str) -> str:
    start = page.index('data-testid="group-today"')
    return page[start : page.index("</section>", start)]


def test_a_session_ten_days_ahead_waiting_for_the_client_reaches_her_today_and_coaching_page(client, pair):
    session = make_session(pair, at=timezone.now() + datetime.timedelta(days=10), place="Cafe Lumen")
    page = browser(client, pair.client).get(reverse("reminders:today")).content.decode()
    group = _today_group(page)
    assert "Session with Casey Coach" in group and "Waiting for your answer" in group
    assert detail("client", session) in group
    home = client.get(reverse("coaching:home")).content.decode()
    assert "A session is waiting for your answer" in home and detail("client", session) in home


def test_the_coach_does_not_find_her_own_far_proposal_waiting_on_her_today(client, pair):
    make_session(pair, at=timezone.now() + datetime.timedelta(days=10))
    page = browser(client, pair.coach).get(reverse("reminders:today")).content.decode()
    assert "Session with Alex Client" not in page and "Waiting for your answer" not in page


def test_a_far_session_the_client_proposed_waits_on_the_coachs_today(client, pair):
    make_session(pair, by="client", at=timezone.now() + datetime.timedelta(days=10))
    page = browser(client, pair.coach).get(reverse("reminders:today")).content.decode()
    group = _today_group(page)
    assert "Session with Alex Client" in group and "Waiting for your answer" in group
    client.force_login(pair.client)
    home = client.get(reverse("coaching:home")).content.decode()
    assert "A session is waiting for your answer" not in home  # she proposed it: his answer is awaited


@pytest.mark.parametrize("accept", [True, False])
def test_a_far_session_leaves_today_and_the_coaching_page_once_answered(client, pair, accept):
    session = make_session(pair, at=timezone.now() + datetime.timedelta(days=10))
    services.session_answer(session=session, by=pair.client, accept=accept, expected_version=None)
    page = browser(client, pair.client).get(reverse("reminders:today")).content.decode()
    assert "Session with Casey Coach" not in page
    assert "A session is waiting for your answer" not in client.get(reverse("coaching:home")).content.decode()


def test_a_far_session_leaves_today_once_its_time_has_passed(client, pair, clock):
    at = timezone.now() + datetime.timedelta(days=10)
    make_session(pair, at=at)
    clock.move_to(at + datetime.timedelta(minutes=1))
    page = browser(client, pair.client).get(reverse("reminders:today")).content.decode()
    assert "Waiting for your answer" not in page
    assert "A session is waiting for your answer" not in client.get(reverse("coaching:home")).content.decode()


def test_the_digest_lists_a_far_session_waiting_for_the_answer_once(pair):
    from crisis_coach.reminders.services import digests_send_due

    make_session(pair, at=timezone.now() + datetime.timedelta(days=10), place="Cafe Lumen")
    morning = datetime.datetime.combine(
        timezone.localdate(timezone=TAIPEI) + datetime.timedelta(days=1), datetime.time(8), TAIPEI
    )
    digests_send_due(now=morning)
    [digest] = [message for message in mail.outbox if message.to == [pair.client.email]]
    assert digest.body.count("Session with Casey Coach") == 1


def test_the_client_digest_lists_the_session(pair):
    from crisis_coach.reminders.services import digests_send_due

    make_session(pair, at=timezone.now() + datetime.timedelta(days=1), place="Cafe Lumen")
    morning = datetime.datetime.combine(
        timezone.localdate(timezone=TAIPEI) + datetime.timedelta(days=1), datetime.time(8), TAIPEI
    )
    digests_send_due(now=morning)
    [digest] = [message for message in mail.outbox if message.to == [pair.client.email]]
    assert "Session with Casey Coach" in digest.body


# --- the emails --------------------------------------------------------------------------------


def test_each_change_emails_the_other_side(client, pair):
    browser(client, pair.coach).post(reverse("coach:session_propose", args=[pair.public_id]), propose_data())
    session = CoachingSession.objects.get()
    assert run_pending_tasks() == 1
    [proposed] = mail.outbox
    assert proposed.to == [pair.client.email]
    assert "Casey Coach proposed a session" in proposed.subject
    assert "17:00" in proposed.body  # on the client's clock
    mail.outbox.clear()

    browser(client, pair.client).post(reverse("coaching:session_accept", args=[session.public_id]))
    run_pending_tasks()
    [accepted] = mail.outbox
    assert accepted.to == [pair.coach.email] and "agreed" in accepted.subject
    mail.outbox.clear()

    browser(client, pair.coach).post(reverse("coach:session_cancel", args=[session.public_id]))
    run_pending_tasks()
    [cancelled] = mail.outbox
    assert cancelled.to == [pair.client.email] and "cancelled" in cancelled.subject
    mail.outbox.clear()

    # A summary is written once a session has begun: one that began an hour ago.
    held = make_session(pair, at=timezone.now() - datetime.timedelta(hours=1))
    client.post(
        reverse("coach:session_summary", args=[held.public_id]),
        {"summary": "Call the buyer", "version": held.version},
    )
    run_pending_tasks()
    [summary] = mail.outbox
    assert summary.to == [pair.client.email] and "Call the buyer" in summary.body


def test_in_discreet_mode_the_email_names_no_one(pair):
    pair.client.discreet_mode = True
    pair.client.save(update_fields=["discreet_mode"])
    make_session(pair, notify=True, place="Cafe Lumen")
    run_pending_tasks()
    [message] = mail.outbox
    text = message.subject + message.body + message.alternatives[0][0]
    assert "Casey" not in text and "Cafe Lumen" not in text
    assert "Your coach changed a coaching session." in message.body


def test_a_client_who_chose_never_gets_no_email(pair):
    from crisis_coach.reminders.selectors import settings_for

    settings_row = settings_for(pair.client)
    settings_row.frequency = "never"
    settings_row.save()
    make_session(pair, notify=True)
    run_pending_tasks()
    assert mail.outbox == []


def test_from_a_shared_case_the_coach_goes_on_to_propose_a_session_to_its_client(client, pair):
    case = shared_incident(pair.client, title="Missed the counter-offer")
    review = browser(client, pair.coach).get(reverse("coach:case", args=[case.public_id])).content.decode()
    url = reverse("coach:case_session_propose", args=[case.public_id])
    assert url in review
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == reverse("coach:session_propose", args=[pair.public_id])


def test_a_new_time_and_a_decline_email_the_other_side_on_their_clock(client, pair):
    session = make_session(pair, by="client")
    url = reverse("coaching:session_move", args=[session.public_id])
    data = {"starts_at": "2026-12-02T19:00", "duration_minutes": "50", "version": session.version}
    browser(client, pair.client).post(url, data)  # 19:00 in Taipei: 11:00 in London
    run_pending_tasks()
    [moved] = mail.outbox
    assert moved.to == [pair.coach.email] and "new time" in moved.subject and "11:00" in moved.body
    mail.outbox.clear()
    session.refresh_from_db()
    browser(client, pair.coach).post(
        reverse("coach:session_decline", args=[session.public_id]), {"version": session.version}
    )
    run_pending_tasks()
    [declined] = mail.outbox
    assert declined.to == [pair.client.email] and "declined" in declined.subject
