"""The log's page costs the same number of queries with 1 entry as with 50 (a page of 25 shown),
and so does the report (every entry in the range)."""

import datetime

import pytest
from django.urls import reverse

from tests.evidence.helpers import make_entry
from tests.factories import make_contact, make_incident, make_stakeholder

pytestmark = pytest.mark.django_db

LOG_QUERIES = 15  # on a cache miss: the case's heading on every load, then the case
REPORT_QUERIES = 13
COACH_LOG_QUERIES = 14


def _case(owner, count):
    incident = make_incident(owner)
    boss = make_stakeholder(incident, name="Mr Li")
    ana = make_stakeholder(incident, name="Ana")
    dana = make_contact(owner, name="Dana")
    for day in range(count):
        make_entry(
            incident,
            happened_on=datetime.date(2026, 9, 1) + datetime.timedelta(days=day),
            concerns=boss,
            present_stakeholders=[ana],
            present_contacts=[dana],
        )
    return incident, boss


@pytest.mark.parametrize("count", [1, 50])
def test_log_page_query_count_does_not_grow(logged_in, client_user, django_assert_num_queries, count):
    incident, boss = _case(client_user, count)
    url = reverse("evidence:log", args=[incident.public_id])
    with django_assert_num_queries(LOG_QUERIES):
        response = logged_in.get(url, {"person": str(boss.public_id)})
    assert len(response.context["page"].object_list) == min(count, 25)


@pytest.mark.parametrize("count", [1, 50])
def test_report_query_count_does_not_grow(logged_in, client_user, django_assert_num_queries, count):
    incident, boss = _case(client_user, count)
    url = reverse("evidence:report", args=[incident.public_id])
    with django_assert_num_queries(REPORT_QUERIES):
        response = logged_in.get(url, {"show": "1", "people": [str(boss.public_id)]})
    assert response.context["report"].entry_count == count


@pytest.mark.parametrize("count", [1, 50])
def test_coach_log_page_query_count_does_not_grow(
    client, client_user, coach, django_assert_num_queries, count
):
    from crisis_coach.coaching import services as coaching

    coaching.link_create(client=client_user, coach_profile=coach.coach_profile)
    incident, _boss = _case(client_user, count)
    coaching.incident_set_shared(incident=incident, shared=True, sections=["evidence"])
    client.force_login(coach)
    url = reverse("coach:evidence", args=[incident.public_id])
    with django_assert_num_queries(COACH_LOG_QUERIES):
        response = client.get(url)
    assert len(response.context["page"].object_list) == min(count, 25)
