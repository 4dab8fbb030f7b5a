"""Nudges: a coach's short word on a shared case, at most one per case in three days, on the
client's Today (with a dismiss button) and in her digest (discreet mode keeps the words out)."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from crisis_coach.coaching import services as coaching
from crisis_coach.coaching.feedback import services as feedback
from crisis_coach.coaching.models import CoachNudge
from tests.coaching.conftest import link, shared_incident
from tests.factories import make_incident, make_user

pytestmark = pytest.mark.django_db

WORDS = "How did the call with HR go? Tell me when you can."


def nudge_url(incident):
    return reverse("coach:nudge_send", args=[incident.public_id])


def send(browser, incident, body=WORDS):
    return browser.post(nudge_url(incident), {"body": body})


def today_page(browser) -> str:
    return browser.get(reverse("reminders:today")).content.decode()


def test_the_coach_nudges_and_the_client_sees_it_on_today(coach_client, client, shared_case, client_user):
    response = send(coach_client, shared_case)

    assert response.status_code == 302
    assert response["Location"] == reverse("coach:case", args=[shared_case.public_id])
    nudge = CoachNudge.objects.get()
    assert (nudge.incident, nudge.body) == (shared_case, WORDS)
    client.force_login(client_user)
    page = today_page(client)
    assert WORDS in page
    assert "From your coach" in page
    assert reverse("coaching:nudge_dismiss", args=[nudge.public_id]) in page


def test_the_case_review_offers_the_nudge_form(coach_client, shared_case):
    page = coach_client.get(reverse("coach:case", args=[shared_case.public_id])).content.decode()
    assert f'action="{nudge_url(shared_case)}#nudge"' in page
    assert 'maxlength="280"' in page


def test_a_second_nudge_within_three_days_is_refused_with_the_dates_and_the_text_kept(
    coach_client, shared_case, clock
):
    send(coach_client, shared_case)
    clock.shift(datetime.timedelta(days=2, hours=23))

    response = send(coach_client, shared_case, body="Any news on the apology?")

    assert response.status_code == 400
    page = response.content.decode()
    assert "You nudged on 25 Nov 2026; you can send the next one on 28 Nov 2026." in page
    assert "Any news on the apology?</textarea>" in page
    assert CoachNudge.objects.count() == 1


def test_three_days_later_the_next_nudge_goes(coach_client, shared_case, clock):
    send(coach_client, shared_case)
    clock.shift(datetime.timedelta(days=3, minutes=1))

    assert send(coach_client, shared_case, body="Any news?").status_code == 302
    assert CoachNudge.objects.count() == 2


def review_page(browser, incident) -> str:
    return browser.get(reverse("coach:case", args=[incident.public_id])).content.decode()


def test_while_the_limit_holds_the_review_shows_the_last_nudge_and_when_the_next_goes_not_a_form(
    coach_client, shared_case, clock
):
    send(coach_client, shared_case)
    clock.shift(datetime.timedelta(days=2))

    page = review_page(coach_client, shared_case)

    assert "Your last nudge, on 25 Nov 2026:" in page
    assert f'<div dir="auto">{WORDS}</div>' in page
    assert "the next one can go on 28 Nov 2026" in page
    assert f'action="{nudge_url(shared_case)}#nudge"' not in page
    assert "Send nudge" not in page

    clock.shift(datetime.timedelta(days=1, minutes=1))
    page = review_page(coach_client, shared_case)
    assert "Your last nudge, on 25 Nov 2026:" in page
    assert "the next one can go" not in page
    assert f'action="{nudge_url(shared_case)}#nudge"' in page


def test_a_nudge_from_another_coach_shows_its_date_not_its_words(coach_client, shared_case, other_coach):
    feedback.nudge_send(coach=other_coach, incident=shared_case, body="Their words")

    page = review_page(coach_client, shared_case)

    assert "This case had a nudge from another coach on 25 Nov 2026." in page
    assert "Their words" not in page
    assert "Send nudge" not in page


def test_a_refused_nudge_says_so_at_the_top_and_leads_to_the_kept_text(coach_client, shared_case, clock):
    send(coach_client, shared_case)
    clock.shift(datetime.timedelta(hours=1))

    page = send(coach_client, shared_case, body="Any news?").content.decode()

    refused = page.index('data-testid="nudge-refused"')
    assert refused < page.index('id="comments-heading"')
    assert "You nudged on 25 Nov 2026" in page[refused : page.index('id="comments-heading"')]
    assert 'href="#nudge"' in page and 'id="nudge"' in page
    assert "Any news?</textarea>" in page


def test_the_limit_is_per_case_not_per_coach(coach_client, shared_case, client_user, coach):
    second_case = shared_incident(client_user, title="Another setback")
    send(coach_client, shared_case)
    assert send(coach_client, second_case).status_code == 302
    assert CoachNudge.objects.filter(coach=coach).count() == 2


def test_a_nudge_that_is_too_long_is_refused_next_to_the_field(coach_client, shared_case):
    response = send(coach_client, shared_case, body="x" * 281)
    assert response.status_code == 400
    assert "Ensure this value has at most 280 characters" in response.content.decode()
    assert not CoachNudge.objects.exists()


def test_only_the_linked_coach_of_a_shared_case_can_nudge(
    client, client_user, coach, coaching_link, other_coach, stranger
):
    unshared = make_incident(client_user, title="Kept to myself")
    shared = shared_incident(client_user, title="Shared")
    # The other coach is someone else's coach, with a shared case of their own client.
    link(make_user(display_name="Their client"), other_coach)

    client.force_login(coach)
    assert send(client, unshared).status_code == 404
    for outsider in (other_coach, stranger, client_user):
        client.force_login(outsider)
        assert send(client, shared).status_code == 404, outsider
    assert not CoachNudge.objects.exists()

    coaching.link_end(link=coaching_link, ended_by=client_user)  # now an ex-coach
    client.force_login(coach)
    assert send(client, shared).status_code == 404
    assert not CoachNudge.objects.exists()


def test_dismissing_takes_it_off_today(client, client_user, coach, shared_case):
    nudge = feedback.nudge_send(coach=coach, incident=shared_case, body=WORDS)
    client.force_login(client_user)

    response = client.post(reverse("coaching:nudge_dismiss", args=[nudge.public_id]), {"next": "/today/"})

    assert response.status_code == 302
    assert response["Location"] == reverse("reminders:today")
    nudge.refresh_from_db()
    assert nudge.dismissed_at is not None
    assert WORDS not in today_page(client)


def test_another_person_cannot_dismiss_a_nudge(client, coach, shared_case, stranger, other_coach):
    nudge = feedback.nudge_send(coach=coach, incident=shared_case, body=WORDS)
    for outsider in (stranger, coach, other_coach):
        client.force_login(outsider)
        url = reverse("coaching:nudge_dismiss", args=[nudge.public_id])
        assert client.post(url).status_code == 404
        assert client.get(url).status_code == 405
    nudge.refresh_from_db()
    assert nudge.dismissed_at is None


def test_a_week_on_the_nudge_leaves_today_by_itself(client, client_user, coach, shared_case, clock):
    feedback.nudge_send(coach=coach, incident=shared_case, body=WORDS)
    client.force_login(client_user)
    clock.shift(datetime.timedelta(days=6, hours=23))
    assert WORDS in today_page(client)
    clock.shift(datetime.timedelta(hours=2))
    assert WORDS not in today_page(client)


def test_a_nudge_is_not_an_event_in_the_calendar_feed(client, client_user, coach, shared_case):
    from crisis_coach.reminders.selectors import settings_for

    feedback.nudge_send(coach=coach, incident=shared_case, body=WORDS)
    feed = client.get(reverse("reminders:calendar_feed", args=[settings_for(client_user).calendar_token]))
    assert feed.status_code == 200
    assert WORDS not in feed.content.decode()


def _send_digests():
    local = timezone.localtime(timezone.now(), datetime.UTC)
    morning = local.replace(hour=8, minute=0)
    call_command("send_reminders", now=morning.isoformat(), stdout=io.StringIO())


def test_the_digest_carries_the_nudge(client_user, discreet_off, coach, shared_case):
    feedback.nudge_send(coach=coach, incident=shared_case, body=WORDS)
    _send_digests()

    [message] = [m for m in mail.outbox if m.to == [client_user.email]]
    assert WORDS in message.body
    assert "From your coach" in message.body
    assert WORDS in message.alternatives[0][0]


def test_in_discreet_mode_the_digest_says_a_word_came_but_not_the_words(client_user, coach, shared_case):
    assert client_user.discreet_mode
    feedback.nudge_send(coach=coach, incident=shared_case, body=WORDS)
    _send_digests()

    [message] = [m for m in mail.outbox if m.to == [client_user.email]]
    assert "A word from your coach" in message.body
    # Not "HR" alone: the email's signed links are random letters and can hold those two.
    assert "call with HR" not in message.body and "call with HR" not in message.alternatives[0][0]
    assert shared_case.title not in message.body


def test_a_dismissed_nudge_stays_out_of_the_digest(client_user, discreet_off, coach, shared_case):
    nudge = feedback.nudge_send(coach=coach, incident=shared_case, body=WORDS)
    feedback.nudge_dismiss(nudge=nudge)
    _send_digests()
    assert not [m for m in mail.outbox if m.to == [client_user.email] and WORDS in m.body]


@pytest.mark.django_db(transaction=True)
def test_two_nudges_sent_at_the_same_instant_make_one(client_user, coach):
    """Two tabs, two tokens: the case's row is locked while the limit is checked, so one waits and
    then finds the other's nudge."""
    import threading

    from django.db import connection

    link(client_user, coach)
    incident = shared_incident(client_user)
    barrier = threading.Barrier(2)
    outcomes = []

    def run(body):
        try:
            barrier.wait(timeout=10)
            feedback.nudge_send(coach=coach, incident=incident, body=body)
            outcomes.append("sent")
        except feedback.NudgeTooSoon:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(f"Nudge {n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["refused", "sent"]
    assert CoachNudge.objects.filter(incident=incident).count() == 1
