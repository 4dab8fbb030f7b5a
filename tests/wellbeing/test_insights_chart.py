"""Insights draws the check-ins over time, with the person's setbacks logged and closed on the same axis."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from crisis_coach.incidents.models import Incident
from crisis_coach.wellbeing.models import CheckIn
from tests.factories import make_incident
from tests.wellbeing.helpers import make_check_in

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

URL = reverse("insights:home")


def chart_html(page: str) -> str:
    start = page.index('data-testid="check-in-chart"')
    return page[start : page.index("</section>", start)]


def test_before_any_check_in_the_page_says_what_will_show(logged_in):
    chart = chart_html(logged_in.get(URL).content.decode())
    assert "Check in on your Today page" in chart
    assert "<svg" not in chart


def test_the_chart_shows_mood_control_and_sleep_and_marks_cases_logged_and_closed(logged_in, client_user):
    for days_ago, mood in [(6, 4), (4, 2), (0, 3)]:
        make_check_in(client_user, days_ago=days_ago, mood=mood, control=5, sleep=2)
    opened = make_incident(client_user, title="Reorg at work")
    Incident.objects.filter(pk=opened.pk).update(created_at=timezone.now() - datetime.timedelta(days=4))
    closed = make_incident(client_user, title="Old conflict")
    Incident.objects.filter(pk=closed.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=300), closed_at=timezone.now()
    )
    chart = chart_html(logged_in.get(URL).content.decode())
    assert "<svg" in chart
    for name in ("Mood", "In control", "Sleep"):
        assert name in chart
    assert chart.count('class="chart-marker"') == 2
    assert "Logged: Reorg at work" in chart
    assert "Closed: Old conflict" in chart
    # Seven days from the first check-in to today, a gap shown as "—" in the table.
    assert chart.count('<tr><th scope="row"') == 7
    assert "—" in chart


def test_the_insights_page_query_count_is_the_same_with_1_and_50_check_ins(logged_in, client_user):
    # The chart costs two queries however many check-ins and cases: the check-ins of the period,
    # and the cases logged or closed in it. Compared, not pinned, as the page's other charts grow.
    make_incident(client_user)
    counts = []
    for total in (1, 50):
        CheckIn.objects.filter(owner=client_user).delete()
        for days_ago in range(total):
            make_check_in(client_user, days_ago=days_ago, mood=1 + days_ago % 5)
        with CaptureQueriesContext(connection) as queries:
            response = logged_in.get(URL)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
