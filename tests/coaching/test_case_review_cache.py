"""The coach's case review is cached (coaching/views/coach.py, common/page_cache.py) under the
client's data version and the coach's, and never shows a write late, nor the case to anyone the
client has not shared it with.

Each write goes through the path a person's action takes: the client's on her case, the coach's
comment, nudge and private note, the client's reply and new name, the end of the link. The database
moves the versions in the writing transaction (accounts migration 0013), so the next load shows it.
"""

import pytest
from django.urls import reverse

from crisis_coach.accounts.models import User
from crisis_coach.coaching.feedback.services import nudge_send
from crisis_coach.coaching.services import (
    coach_comment_add,
    coach_note_add,
    comment_reply_add,
    incident_set_shared,
    link_end,
)
from crisis_coach.incidents.models import Incident, StepStatus
from crisis_coach.incidents.services import step_set_status
from tests.coaching.conftest import link, shared_incident
from tests.coaching.test_query_counts import REVIEW_CACHED_QUERIES
from tests.factories import make_stakeholder, make_step


@pytest.fixture
def case(linked_client):
    incident = shared_incident(linked_client, title="Passed over for the team lead role")
    make_step(incident, title="Ask for the criteria")
    return incident


def review_url(case) -> str:
    return reverse("coach:case", args=[case.public_id])


def review(client, case) -> str:
    response = client.get(review_url(case))
    assert response.status_code == 200
    return response.content.decode()


def cached_review(client, case) -> str:
    """The review as a coach sees it once it is cached: the first view's access log moves the
    client's version (her coaching panel shows the log), so the part is cached by the second load."""
    review(client, case)
    return review(client, case)


def stakeholder_added(case, coach):
    make_stakeholder(case, name="Rowan Vance")


def step_ticked(case, coach):
    step_set_status(step=case.steps.get(), status=StepStatus.DONE)


def commented(case, coach):
    coach_comment_add(coach=coach, incident=case, body="Rowan may know the criteria")


def replied(case, coach):
    comment = coach_comment_add(coach=coach, incident=case, body="Who decided?")
    comment_reply_add(author=case.owner, comment=comment, body="Rowan decided it")


def nudged(case, coach):
    nudge_send(coach=coach, incident=case, body="Rowan: how did the talk go?")


def noted(case, coach):
    coach_note_add(coach=coach, client=case.owner, incident=case, body="Rowan seems key here")


def renamed(case, coach):
    User.objects.filter(pk=case.owner_id).update(display_name="Rowan Renamed")


@pytest.mark.parametrize(
    ("write", "shown"),
    [
        (stakeholder_added, "Rowan Vance"),
        (step_ticked, "Step done: “Ask for the criteria”."),
        (commented, "Rowan may know the criteria"),
        (replied, "Rowan decided it"),
        (nudged, "Rowan: how did the talk go?"),
        (noted, "Rowan seems key here"),
        (renamed, "Rowan Renamed"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_the_next_load_shows_every_write(coach_client, coach, case, write, shown):
    assert shown not in cached_review(coach_client, case)
    write(Incident.objects.select_related("owner").get(pk=case.pk), coach)
    assert shown in review(coach_client, case)


def test_a_load_from_the_cache_reads_only_the_heading(coach_client, case, django_assert_num_queries):
    cached_review(coach_client, case)
    with django_assert_num_queries(REVIEW_CACHED_QUERIES) as queries:
        page = review(coach_client, case)
    assert "Ask for the criteria" in page
    assert not any("incidents_actionstep" in query["sql"] for query in queries.captured_queries)


def test_an_unshared_case_or_an_ended_link_is_gone_at_once(coach_client, case):
    cached_review(coach_client, case)
    incident_set_shared(incident=case, shared=False)
    assert coach_client.get(review_url(case)).status_code == 404
    incident_set_shared(incident=case, shared=True)
    assert "Ask for the criteria" in cached_review(coach_client, case)
    link_end(link=case.owner.coaching_links.get(), ended_by=case.owner)
    response = coach_client.get(review_url(case))
    assert response.status_code == 404
    assert "Ask for the criteria" not in response.content.decode()


def test_another_coach_never_gets_this_coachs_review(client, coach, other_coach, case):
    client.force_login(coach)
    assert "Ask for the criteria" in cached_review(client, case)
    # A data version of the same number, the same zone: only the coach differs, and she is not linked.
    User.objects.filter(pk=other_coach.pk).update(
        data_version=User.objects.get(pk=coach.pk).data_version, time_zone=coach.time_zone
    )
    client.force_login(other_coach)
    response = client.get(review_url(case))
    assert response.status_code == 404
    assert "Ask for the criteria" not in response.content.decode()


def test_her_next_coach_gets_the_case_without_the_last_coachs_notes(client, coach, other_coach, case):
    coach_note_add(coach=coach, client=case.owner, incident=case, body="Only the first coach sees this")
    client.force_login(coach)
    assert "Only the first coach sees this" in cached_review(client, case)
    link_end(link=case.owner.coaching_links.get(), ended_by=case.owner)
    link(case.owner, other_coach)
    incident_set_shared(incident=case, shared=True)  # an ended link unshares her cases
    client.force_login(other_coach)
    page = cached_review(client, case)
    assert "Ask for the criteria" in page and "Only the first coach sees this" not in page
