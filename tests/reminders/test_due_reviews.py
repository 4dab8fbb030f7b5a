"""Reviews after the close on Today and in the digest: listed once due, with Answer and Skip."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from crisis_coach.incidents import services
from crisis_coach.incidents.models import CaseReview, ReviewStatus
from crisis_coach.reminders.selectors import settings_for
from crisis_coach.reminders.services import digest_send
from tests.factories import make_incident, make_reflection, make_step

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

DAY = datetime.timedelta(days=1)


def close_case(owner, title="Missed the counter-offer"):
    incident = make_incident(owner, title=title)
    make_step(incident, status="done")
    make_reflection(incident)
    return incident


def reviews_on_today(client) -> str:
    page = client.get(reverse("reminders:today")).content.decode()
    return page if 'data-kind="review"' in page else ""


def test_a_review_shows_on_today_once_due_with_answer_and_skip(client, client_user, clock):
    incident = close_case(client_user)
    clock.shift(6 * DAY)
    client.force_login(client_user)
    assert not reviews_on_today(client)

    clock.shift(DAY)
    client.force_login(client_user)
    page = reviews_on_today(client)
    assert page.count('data-kind="review"') == 1
    assert "A week after the close" in page and "Missed the counter-offer" in page
    week = CaseReview.objects.get(incident=incident, offset_days=7)
    answer_url = reverse("incidents:review", args=[incident.public_id, week.public_id])
    skip_url = reverse("incidents:review_skip", args=[incident.public_id, week.public_id])
    assert f'href="{answer_url}"' in page and f'action="{skip_url}"' in page

    response = client.post(skip_url, {"version": week.version, "next": reverse("reminders:today")})
    assert response.url == reverse("reminders:today")
    assert CaseReview.objects.get(pk=week.pk).status == ReviewStatus.SKIPPED
    assert not reviews_on_today(client)


def test_a_review_of_a_reopened_or_trashed_case_is_not_listed(client, client_user, clock):
    reopened = close_case(client_user, title="Reopened one")
    trashed = close_case(client_user, title="Trashed one")
    clock.shift(7 * DAY)
    services.incident_reopen(incident=reopened)
    services.incident_trash(incident=trashed)
    client.force_login(client_user)
    assert not reviews_on_today(client)


def test_the_digest_lists_a_due_review(client_user, discreet_off, clock):
    close_case(client_user)
    clock.shift(7 * DAY)
    today = timezone.localdate(timezone=client_user.zone)
    now = datetime.datetime.combine(today, datetime.time(8), client_user.zone)
    assert digest_send(reminder_settings=settings_for(client_user), now=now)
    (message,) = mail.outbox
    assert "A week after the close (Review, Missed the counter-offer)" in message.body


@pytest.mark.parametrize("cases", [1, 50])
def test_today_query_count_does_not_grow_with_due_reviews(
    client, client_user, django_assert_num_queries, cases
):
    from crisis_coach.incidents.models import Incident, Stage
    from crisis_coach.incidents.reviews import reviews_schedule_missing
    from crisis_coach.reminders.views import GROUP_SHOWN
    from tests.page_parts import forget_cached_parts
    from tests.reminders.test_today import TODAY_QUERIES

    week_ago = timezone.now() - 7 * DAY
    Incident.objects.bulk_create(
        Incident(
            owner=client_user,
            title=f"Case {n:02}",
            what_happened="It went wrong.",
            occurred_on=timezone.localdate(week_ago, client_user.zone) - 10 * DAY,
            crisis_type="work_mistake",
            severity=3,
            stage=Stage.CLOSED,
            closed_at=week_ago,
            resolution_days=10,
        )
        for n in range(cases)
    )
    assert reviews_schedule_missing(Incident.objects.filter(owner=client_user)) == 3 * cases
    client.force_login(client_user)
    client.get(reverse("reminders:today"))
    forget_cached_parts()  # the count of a load that builds Today, not one served from the cache
    # The same count as Today with every other kind of item (tests/reminders/test_today.py).
    with django_assert_num_queries(TODAY_QUERIES):
        page = client.get(reverse("reminders:today")).content.decode()
    assert page.count('data-kind="review"') == min(cases, GROUP_SHOWN)
