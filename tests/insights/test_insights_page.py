"""The insights page: charts for people with data, honest empty states for newcomers, fixed query counts."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from crisis_coach.coaching.services import incident_set_shared, link_create
from crisis_coach.incidents.models import ActionStep
from crisis_coach.insights.selectors import trust_per_month
from crisis_coach.network import services as network
from tests.factories import make_contact, make_incident, make_stakeholder, make_step, make_user
from tests.insights.conftest import make_closed_case
from tests.page_parts import part_values

pytestmark = [pytest.mark.django_db, pytest.mark.dates]
URL = reverse("insights:home")


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


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
    assert part_values(response)["steps_done_12_weeks"] == 2
    assert part_values(response)["median_days"] == 12
    assert part_values(response)["average_gain"] == 7
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
    contact = make_contact(owner, name="Dana")
    today = timezone.localdate(timezone=owner.zone)
    for i in range(n):
        incident = make_closed_case(owner, title=f"Case {i}", crisis_type=["age", "other", "replaced"][i % 3])
        make_step(incident, status="done", done_at=timezone.now() - timedelta(days=i))
        make_stakeholder(incident, name=f"Person {i}")
        network.interaction_log(
            contact=contact, happened_on=today - timedelta(days=3 * i), channel="call", summary="Hi"
        )
        promise = network.commitment_create(
            contact=contact, what="Send notes", due_on=today - timedelta(days=i)
        )
        network.commitment_mark_kept(commitment=promise, today=today - timedelta(days=i + 1))


@pytest.mark.parametrize("incidents", [1, 30])
def test_insights_page_query_count_does_not_grow_with_data(
    logged_in, client_user, incidents, django_assert_num_queries
):
    _seed(client_user, incidents)
    assert ActionStep.objects.filter(incident__owner=client_user).count() == incidents
    # session, user, savepoint pair (ATOMIC_REQUESTS), incident facts, steps per week,
    # touches per month, promises due, coach profile (navbar); since the stance chart, two more:
    # the cases with stance readings (its picker) and the chosen case's readings with their people;
    # since the check-in chart, one more: the check-ins of the last 60 days (none here); since the
    # thought records chart, one more: the cases with thought records (none here)
    with django_assert_num_queries(13):
        response = logged_in.get(URL)
    assert response.status_code == 200
    assert len(part_values(response)["network_charts"]) == 2


@pytest.mark.parametrize("clients", [1, 10])
def test_coach_insights_query_count_does_not_grow_with_the_caseload(
    client, coach, clients, django_assert_num_queries
):
    for i in range(clients):
        person = make_user(display_name=f"Client {i}")
        link_create(client=person, coach_profile=coach.coach_profile)
        for _n in range(3):
            incident_set_shared(incident=make_closed_case(person, days=5 + i), shared=True)
    client.force_login(coach)
    # as for anyone, plus the caseload: stage and risk counts, medians by client, overall median;
    # since the stance chart, one more: the coach's own cases with stance readings (none here);
    # since the check-in chart, one more: the coach's own check-ins (none here); and the thought
    # records chart's cases (none here)
    with django_assert_num_queries(15):
        response = client.get(URL)
    assert len(part_values(response)["caseload_charts"]) == 3


@override_settings(LANGUAGE_CODE="zh-hant")
def test_page_renders_in_traditional_chinese(logged_in, client_user):
    client_user.language = "zh-hant"
    client_user.save()
    make_closed_case(client_user)
    assert logged_in.get(URL).status_code == 200


@pytest.mark.dates
def test_network_health_shows_touches_and_trust_per_month(logged_in, client_user):
    contact = make_contact(client_user)
    today = timezone.localdate(timezone=client_user.zone)
    yesterday = today - timedelta(days=1)
    network.interaction_log(contact=contact, happened_on=today, channel="call", summary="Catch-up")
    network.interaction_log(contact=contact, happened_on=today, channel="email", summary="Follow-up")
    on_time = network.commitment_create(contact=contact, what="Intro", due_on=yesterday)
    network.commitment_mark_kept(commitment=on_time, today=yesterday)
    late = network.commitment_create(contact=contact, what="Report", due_on=yesterday)
    network.commitment_mark_kept(commitment=late, today=today)  # kept, but a day late
    page = logged_in.get(URL).content.decode()
    assert "Touches per month" in page and "Trust record: promises kept on time" in page
    trust = page[page.index("Trust record: promises kept on time") :]
    assert '<td class="text-end">50</td>' in trust


@pytest.mark.dates
def test_a_promise_kept_late_counts_against_the_month_it_fell_due(client_user):
    """On the 1st, a promise due yesterday and kept today belongs to last month, not to this one."""
    contact = make_contact(client_user)
    today = timezone.localdate(timezone=client_user.zone)
    yesterday = today - timedelta(days=1)
    late = network.commitment_create(contact=contact, what="Report", due_on=yesterday)
    network.commitment_mark_kept(commitment=late, today=today)
    kept = network.commitment_create(contact=contact, what="Intro", due_on=today)
    network.commitment_mark_kept(commitment=kept, today=today)

    trust = {
        month: (percent, counted) for month, percent, counted in trust_per_month(client_user, today=today)
    }
    if yesterday.month == today.month:
        assert trust[today.replace(day=1)] == (50, 2)
    else:
        assert trust[yesterday.replace(day=1)] == (0, 1)
        assert trust[today.replace(day=1)] == (100, 1)


def test_network_empty_state_explains_what_will_appear(logged_in):
    page = logged_in.get(URL).content.decode()
    assert "how well you keep in touch" in page and "promises kept on time" in page


def test_a_coach_sees_only_the_consented_caseload(client, coach, client_user, stranger):
    link_create(client=client_user, coach_profile=coach.coach_profile)
    shared = make_closed_case(client_user, title="Shared one", days=10)
    incident_set_shared(incident=shared, shared=True)
    make_closed_case(client_user, title="Not shared", days=99)  # the client kept this one private
    incident_set_shared(incident=make_closed_case(stranger, days=77), shared=True)  # no link to this coach
    client.force_login(coach)
    response = client.get(URL)
    page = response.content.decode()
    assert part_values(response)["caseload_size"] == 1
    assert part_values(response)["caseload_median_days"] == 10
    assert "Shared cases by stage" in page and "Shared cases by risk" in page
    assert "Median days to resolution, by client" in page and "Alex Client" in page
    assert "Sid Stranger" not in page


def test_a_coach_without_clients_sees_what_will_appear(client, coach):
    client.force_login(coach)
    page = client.get(URL).content.decode()
    assert "When clients link to you and share their cases" in page


def test_clients_do_not_see_a_caseload_section(logged_in):
    assert "Your caseload" not in logged_in.get(URL).content.decode()
