"""The insights page: charts for people with data, honest empty states for newcomers, fixed query counts."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from crisis_coach.incidents.models import ActionStep
from tests.factories import make_incident, make_step
from tests.insights.conftest import make_closed_case

pytestmark = pytest.mark.django_db
URL = reverse("insights:home")


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_new_user_sees_what_will_appear_instead_of_charts(logged_in):
    page = logged_in.get(URL).content.decode()
    assert "Nothing to chart yet" in page
    assert "<svg" not in page
    assert "how long each took to resolve" in page
    assert reverse("incidents:create") in page


def test_charts_show_types_resolution_weekly_steps_and_control(logged_in, client_user):
    make_closed_case(client_user, title="Missed <b>offer</b>", days=12, start=2, close=9)
    open_case = make_incident(
        client_user, title="Boss trouble", crisis_type="difficult_boss", control_at_start=4
    )
    make_step(open_case, status="done", done_at=timezone.now())
    make_step(open_case, status="done", done_at=timezone.now() - timedelta(weeks=2))
    make_step(open_case, status="done", done_at=timezone.now() - timedelta(weeks=20))  # outside 12 weeks

    response = logged_in.get(URL)
    page = response.content.decode()
    assert page.count('role="img"') == 4
    assert "Setbacks by kind of crisis" in page
    assert "A boss who makes things hard" in page
    assert "Days to resolution" in page
    assert "Missed &lt;b&gt;offer&lt;/b&gt;" in page and "<b>offer" not in page
    assert "Steps done per week" in page
    assert response.context["steps_done_12_weeks"] == 2
    assert response.context["median_days"] == 12
    assert response.context["average_gain"] == 7
    assert "On average you felt 7 points more in control" in page


def test_someone_elses_data_never_shows(logged_in, stranger):
    make_closed_case(stranger, title="Stranger's secret")
    page = logged_in.get(URL).content.decode()
    assert "Stranger" not in page
    assert "Nothing to chart yet" in page


def test_trashed_incidents_are_left_out(logged_in, client_user):
    incident = make_closed_case(client_user, title="Thrown away")
    incident.deleted_at = timezone.now()
    incident.save()
    assert "Thrown away" not in logged_in.get(URL).content.decode()


def test_charts_are_translated_and_mirrored_in_arabic(logged_in, client_user):
    client_user.language = "ar"
    client_user.save()
    case = make_closed_case(client_user)
    make_step(case, status="done", done_at=timezone.now())
    page = logged_in.get(URL).content.decode()
    assert page.count('direction="rtl"') == 4
    assert 'direction="ltr"' not in page


def _seed(owner, n):
    for i in range(n):
        incident = make_closed_case(owner, title=f"Case {i}", crisis_type=["age", "other", "replaced"][i % 3])
        make_step(incident, status="done", done_at=timezone.now() - timedelta(days=i))


@pytest.mark.parametrize("incidents", [1, 30])
def test_insights_page_query_count_does_not_grow_with_data(
    logged_in, client_user, incidents, django_assert_num_queries
):
    _seed(client_user, incidents)
    assert ActionStep.objects.filter(incident__owner=client_user).count() == incidents
    # session, user, savepoint pair (ATOMIC_REQUESTS), incident facts, steps per week, coach profile (navbar)
    with django_assert_num_queries(7):
        assert logged_in.get(URL).status_code == 200


@override_settings(LANGUAGE_CODE="zh-hant")
def test_page_renders_in_traditional_chinese(logged_in, client_user):
    client_user.language = "zh-hant"
    client_user.save()
    make_closed_case(client_user)
    assert logged_in.get(URL).status_code == 200
