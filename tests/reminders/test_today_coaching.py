"""Today's coaching part: a coach's proposals wait for the client's answer; a coach's own caseload;
and the coaching app emails the client (a task, run by the worker) through reminders.notify_client."""

import datetime
import io

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar

from crisis_coach.coaching.models import CoachingLink
from crisis_coach.coaching.services import coach_comment_add, incident_set_shared, step_propose
from crisis_coach.reminders.models import Frequency
from crisis_coach.reminders.selectors import settings_for
from crisis_coach.reminders.views import GROUP_SHOWN
from tests.factories import TOTP_SECRET, make_incident, make_step, make_user
from tests.reminders.conftest import local_today
from tests.tasks import run_pending_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


@pytest.fixture
def shared_case(client_user, coach):
    CoachingLink.objects.create(client=client_user, coach=coach)
    incident = make_incident(client_user, title="Shared setback")
    incident_set_shared(incident=incident, shared=True)
    return incident


@pytest.fixture
def proposal(coach, shared_case, client_user):
    return step_propose(
        coach=coach,
        incident=shared_case,
        title="Build an offer tracker",
        kind="prevention",
        due_on=local_today(client_user),
        notify=False,
    )


def test_a_pending_proposal_waits_under_from_your_coach_not_in_the_due_list(logged_in, proposal):
    page = logged_in.get(reverse("reminders:today")).content.decode()
    start = page.index('data-testid="group-proposals"')
    assert "Build an offer tracker" in page[start : page.index("</section>", start)]
    assert 'data-testid="group-today"' not in page
    accept = reverse("coaching:proposal_accept", args=[proposal.incident.public_id, proposal.public_id])
    assert accept in page


def test_accepting_from_today_puts_the_step_in_todays_list(logged_in, proposal):
    accept = reverse("coaching:proposal_accept", args=[proposal.incident.public_id, proposal.public_id])
    response = logged_in.post(accept, {"next": reverse("reminders:today")}, follow=True)
    page = response.content.decode()
    assert 'data-testid="group-proposals"' not in page
    start = page.index('data-testid="group-today"')
    assert "Build an offer tracker" in page[start : page.index("</section>", start)]


def test_a_pending_proposal_cannot_be_marked_done_from_today(logged_in, proposal):
    url = reverse("reminders:step_done", args=[proposal.incident.public_id, proposal.public_id])
    assert logged_in.post(url).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == "todo"


def test_pending_proposals_stay_out_of_digest_and_calendar(client, client_user, discreet_off, proposal):
    make_step(proposal.incident, title="My own step", due_on=local_today(client_user))
    now = datetime.datetime.combine(local_today(client_user), datetime.time(9), client_user.zone)
    call_command("send_reminders", now=now.isoformat(), stdout=io.StringIO())
    [message] = mail.outbox
    assert "My own step" in message.body and "offer tracker" not in message.body
    feed = client.get(reverse("reminders:calendar_feed", args=[settings_for(client_user).calendar_token]))
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert summaries == ["Step: My own step"]


def test_a_coach_sees_shared_cases_needing_attention(client, coach, client_user, shared_case):
    make_step(shared_case, title="Late step", due_on=local_today(client_user) - datetime.timedelta(days=3))
    unshared = make_incident(client_user, title="Private setback")
    make_step(
        unshared, title="Late private step", due_on=local_today(client_user) - datetime.timedelta(days=3)
    )
    client.force_login(coach)
    page = client.get(reverse("reminders:today")).content.decode()
    start = page.index('data-testid="group-attention"')
    section = page[start : page.index("</section>", start)]
    assert "Shared setback" in section and "overdue steps" in section
    assert reverse("coach:case", args=[shared_case.public_id]) in section
    assert "Private setback" not in page
    assert 'data-testid="today-empty"' not in page


def test_a_client_gets_no_caseload_section(logged_in, shared_case):
    assert 'data-testid="group-attention"' not in logged_in.get(reverse("reminders:today")).content.decode()


def test_a_coach_without_two_factor_is_asked_to_turn_it_on_before_any_case_shows(client, client_user):
    coach = make_user(display_name="Nia Nofactor", is_coach=True, two_factor=False)
    CoachingLink.objects.create(client=client_user, coach=coach)
    incident = make_incident(client_user, title="Shared setback")
    incident_set_shared(incident=incident, shared=True)
    make_step(incident, title="Late step", due_on=local_today(client_user) - datetime.timedelta(days=3))
    client.force_login(coach)

    page = client.get(reverse("reminders:today")).content.decode()
    start = page.index('data-testid="coach-needs-two-factor"')
    notice = page[start : page.index("</a>", start)]
    assert "Your clients' cases appear here once two-factor sign-in is on." in notice
    assert f'href="{reverse("mfa_index")}"' in notice and "Turn on two-factor sign-in" in notice
    assert 'data-testid="group-attention"' not in page and "Shared setback" not in page

    TOTP.activate(coach, TOTP_SECRET)
    page = client.get(reverse("reminders:today")).content.decode()
    assert 'data-testid="coach-needs-two-factor"' not in page
    assert "Shared setback" in page[page.index('data-testid="group-attention"') :]


def test_a_coach_with_two_factor_and_a_client_see_no_two_factor_notice(client, coach, logged_in):
    assert (
        'data-testid="coach-needs-two-factor"'
        not in logged_in.get(reverse("reminders:today")).content.decode()
    )
    client.force_login(coach)
    assert (
        'data-testid="coach-needs-two-factor"' not in client.get(reverse("reminders:today")).content.decode()
    )


# As for a client (see test_today), plus has the coach two-factor sign-in (one EXISTS on
# mfa_authenticator: only then does the caseload show) and the caseload query.
# 15 since the reviews after the close that are due, as for a client; 16 since the quick wins to ask
# again about ("did it work now?"), one query however many, as for a client. 17 since the daily
# check-in, 19 since the prevention plan's due steps and the radar's monthly prompt, as for a client.
# 20 since the coach's nudges (coaching's agenda source), as for a client; 21 since the sessions, as
# for a client (one query for the sessions she has as a client and as a coach). 22 since whether a
# case shares the check-ins with the coach, as for a client.
COACH_TODAY_QUERIES = 22


@pytest.mark.parametrize("size", [1, 8])
def test_coach_today_query_count_does_not_grow(client, coach, django_assert_num_queries, size):
    for n in range(size):
        client_user = make_user(display_name=f"Client {n}")
        CoachingLink.objects.create(client=client_user, coach=coach)
        incident = make_incident(client_user, title=f"Case {n}")
        incident_set_shared(incident=incident, shared=True)
        make_step(incident, title="Late", due_on=datetime.date(2026, 1, 1))
    client.force_login(coach)
    with django_assert_num_queries(COACH_TODAY_QUERIES):
        response = client.get(reverse("reminders:today"))
    assert response.content.decode().count('data-testid="attention-case"') == min(size, 5)


def test_coach_comment_and_proposal_email_the_client(coach, client_user, discreet_off, shared_case):
    coach_comment_add(coach=coach, incident=shared_case, body="Talk to your manager today.")
    step_propose(coach=coach, incident=shared_case, title="Build an offer tracker", kind="prevention")
    assert run_pending_tasks() == 2
    comment, proposed = mail.outbox
    assert "Talk to your manager today." in comment.body
    assert "Build an offer tracker" in proposed.body and "accept" in proposed.body
    assert proposed.alternatives[0][1] == "text/html"
    assert "List-Unsubscribe" in comment.extra_headers and "List-Unsubscribe" in proposed.extra_headers


def test_coaching_emails_respect_never(coach, client_user, shared_case):
    settings_row = settings_for(client_user)
    settings_row.frequency = Frequency.NEVER
    settings_row.save()
    coach_comment_add(coach=coach, incident=shared_case, body="Talk to your manager today.")
    step_propose(coach=coach, incident=shared_case, title="Build an offer tracker", kind="prevention")
    assert run_pending_tasks() == 2
    assert mail.outbox == []


def test_many_proposals_show_the_first_few_and_a_show_all_link(logged_in, coach, shared_case):
    for n in range(GROUP_SHOWN + 2):
        step_propose(coach=coach, incident=shared_case, title=f"Idea {n:02}", kind="remedy", notify=False)
    page = logged_in.get(reverse("reminders:today")).content.decode()
    start = page.index('data-testid="group-proposals"')
    section = page[start : page.index("</section>", start)]
    assert section.count("proposed-step") == GROUP_SHOWN
    assert f"Show all {GROUP_SHOWN + 2}" in section
    opened = logged_in.get(reverse("reminders:today") + "?show=proposals").content.decode()
    assert opened.count("proposed-step") == GROUP_SHOWN + 2
