"""Query counts are designed: the dashboard and the incident panel cost the same whatever the data."""

import re
from datetime import timedelta

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import timezone

from crisis_coach.coaching.services import (
    case_access_record,
    coach_comment_add,
    comment_reply_add,
    step_propose,
)
from crisis_coach.incidents.selectors import case_queryset
from tests.coaching.conftest import link, shared_incident
from tests.factories import make_assessment, make_conversation, make_stakeholder, make_step, make_user

# Not in the date matrix (make test-dates): a query count is a property of the code path, and the
# pages' date logic is proved at every edge by tests/coaching/test_dashboard.py. Here the dashboard's
# 60-case variants alone were a third of the matrix's time, six times over.

# Session, user, savepoint (ATOMIC_REQUESTS), coach profile, has the coach two-factor sign-in (one
# EXISTS on mfa_authenticator, in coach_required), release savepoint. The caseload comes from the
# worker's memory (common/page_cache.py).
DASHBOARD_CACHED_QUERIES = 6
# Not cached yet: the page's ids in order with the number of matches, those cases' rows, summary
# aggregate, active clients, the newest clients, the clients' ratings (coaching/feedback: one
# aggregate of the counted ones).
DASHBOARD_QUERIES = DASHBOARD_CACHED_QUERIES + 6


def build_caseload(coach, *, clients: int, cases_each: int):
    for number in range(clients):
        client = make_user(display_name=f"Client {number}")
        link(client, coach)
        for case in range(cases_each):
            incident = shared_incident(client, title=f"Case {number}-{case}")
            make_assessment(incident)
            make_stakeholder(incident, what_they_said="Disappointed.")
            make_step(incident, due_on=timezone.localdate() - timedelta(days=case))


@pytest.mark.parametrize(
    "query",
    ["", "?sort=-days&stage=assess&risk=medium", "?q=Case&sort=client"],
    ids=["plain", "filtered", "searched"],
)
@pytest.mark.parametrize(("clients", "cases_each"), [(1, 1), (60, 3)], ids=["1x1", "60x3"])
def test_dashboard_query_count_is_fixed(
    coach_client, coach, django_assert_num_queries, clients, cases_each, query
):
    build_caseload(coach, clients=clients, cases_each=cases_each)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = coach_client.get(f"/coach/{query}")
    assert response.status_code == 200
    with django_assert_num_queries(DASHBOARD_CACHED_QUERIES):
        again = coach_client.get(f"/coach/{query}")
    # The same page, but for its fresh CSRF and submission tokens.
    assert without_tokens(again.content) == without_tokens(response.content)


def without_tokens(html: bytes) -> bytes:
    return re.sub(rb'<input type="hidden"[^>]*>|"X-CSRFToken": "\w+"', b"", html)


def test_a_page_past_the_end_costs_two_queries_more_whatever_the_data(
    coach_client, coach, django_assert_num_queries
):
    """It learns the count, then reads the last page instead (see selectors.caseload_page)."""
    for clients in (1, 30):
        build_caseload(coach, clients=clients, cases_each=1)
        with django_assert_num_queries(DASHBOARD_QUERIES + 2):
            assert coach_client.get("/coach/?page=99").status_code == 200


def render_panel(incident, user):
    request = RequestFactory().get(f"/incidents/{incident.public_id}/")
    request.user = user
    template = Template('{% include "coaching/_incident_coaching.html" %}')
    return template.render(RequestContext(request, {"incident": incident}))


# Active link, access log with its count, comments, their replies (steps come prefetched with the case).
PANEL_QUERIES = 4


@pytest.mark.parametrize("size", [1, 12])
def test_incident_panel_query_count_is_fixed(
    client_user, coach, coaching_link, django_assert_num_queries, size
):
    incident = shared_incident(client_user)
    for number in range(size):
        comment = coach_comment_add(coach=coach, incident=incident, body=f"Comment {number}")
        comment_reply_add(author=client_user, comment=comment, body=f"Reply {number}")
        step_propose(coach=coach, incident=incident, title=f"Proposal {number}", kind="remedy")
        case_access_record(coach=coach, incident=incident)
    case = case_queryset().get(pk=incident.pk)
    with django_assert_num_queries(PANEL_QUERIES):
        html = render_panel(case, client_user)
    assert f"Comment {size - 1}" in html and f"Reply {size - 1}" in html and f"Proposal {size - 1}" in html
    assert "Viewed by your coach" in html


def _fill_case(incident, coach, client_user, size):
    for number in range(size):
        person = make_stakeholder(incident, name=f"Person {number}")
        make_conversation(incident, person, acknowledge=f"Talk {number}")
        make_step(incident, title=f"Step {number}")
        comment = coach_comment_add(coach=coach, incident=incident, body=f"Comment {number}")
        comment_reply_add(author=client_user, comment=comment, body=f"Reply {number}")
        step_propose(coach=coach, incident=incident, title=f"Proposal {number}", kind="remedy")


# Session, user, savepoint, coach profile, two-factor sign-in (coach_required's EXISTS), the case's
# heading with its owner's data version (the consent and the cache's version), the access log (one
# statement; it inserts only on a first view), release savepoint. The rest comes from the worker's
# memory (common/page_cache.py).
REVIEW_CACHED_QUERIES = 8
# Not cached yet: the case, its stakeholders, conversations, steps, comments, replies, notes,
# timeline, the last nudge.
REVIEW_QUERIES = REVIEW_CACHED_QUERIES + 9


@pytest.mark.parametrize("size", [1, 10])
def test_case_review_query_count_is_fixed(
    coach_client, coach, client_user, shared_case, django_assert_num_queries, size
):
    make_assessment(shared_case)
    _fill_case(shared_case, coach, client_user, size)
    with django_assert_num_queries(REVIEW_QUERIES):
        response = coach_client.get(f"/coach/cases/{shared_case.public_id}/")
    assert f"Reply {size - 1}" in response.content.decode()
    # The first view's log moved the client's version (her panel shows it): the second load misses.
    coach_client.get(f"/coach/cases/{shared_case.public_id}/")
    with django_assert_num_queries(REVIEW_CACHED_QUERIES):
        response = coach_client.get(f"/coach/cases/{shared_case.public_id}/")
    assert f"Reply {size - 1}" in response.content.decode()
