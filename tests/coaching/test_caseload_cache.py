"""The coach's caseload is cached (coaching/views/coach.py, common/page_cache.py), and never shows
what a write has changed, nor another coach's cases.

Each write below goes through the path a person's action takes (a service, or a bare UPDATE where
the point is that no service is needed): the next load of the dashboard shows it at once, because
the database moves the coach's caseload version (coaching migration 0005) in the same transaction.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from crisis_coach.accounts.models import User
from crisis_coach.accounts.services import account_delete
from crisis_coach.coaching.feedback.services import rating_add
from crisis_coach.coaching.models import CoachProfile
from crisis_coach.coaching.services import incident_set_shared, link_end
from crisis_coach.common import page_cache
from crisis_coach.incidents.models import Incident, StepStatus
from crisis_coach.incidents.services import incident_trash, incident_update, step_set_status
from tests.coaching.conftest import link, shared_incident
from tests.coaching.test_query_counts import DASHBOARD_CACHED_QUERIES
from tests.factories import make_step, make_user


def dashboard(client) -> str:
    response = client.get("/coach/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def case(coach, linked_client):
    incident = shared_incident(linked_client, title="Passed over for the team lead role")
    # Overdue in the coach's calendar, which the dashboard counts in.
    overdue = timezone.localdate(timezone=coach.zone) - timedelta(days=2)
    make_step(incident, title="Ask for the criteria", due_on=overdue)
    return incident


def step_ticked(case):
    step_set_status(step=case.steps.get(), status=StepStatus.DONE)


def retitled(case):
    incident_update(incident=case, expected_version=case.version, title="Passed over, and asked why")


def unshared(case):
    incident_set_shared(incident=case, shared=False)


def trashed(case):
    incident_trash(incident=case)


def unlinked(case):
    link_end(link=case.owner.coaching_links.get(), ended_by=case.owner)


def client_renamed(case):
    User.objects.filter(pk=case.owner_id).update(display_name="Robin Renamed")


def client_deleted(case):
    account_delete(user=case.owner)


def rated(case):
    coach = case.owner.coaching_links.get().coach
    rating_add(client=case.owner, incident=case, coach=coach, score=4)


def bulk_updated(case):
    # No service at all, as a data fix or the admin would do it.
    Incident.objects.filter(owner=case.owner).update(title="Passed over, fixed by hand")


@pytest.mark.parametrize(
    ("write", "gone", "shown"),
    [
        (step_ticked, "overdue steps", None),
        (retitled, "Passed over for the team lead role", "Passed over, and asked why"),
        (unshared, "Passed over for the team lead role", None),
        (trashed, "Passed over for the team lead role", None),
        (unlinked, "Robin Client", None),
        (client_renamed, "Robin Client", "Robin Renamed"),
        (client_deleted, "Robin Client", None),
        (rated, "No rating is counted yet.", "Your coaching is rated 4.0 from 1 rating."),
        (bulk_updated, "Passed over for the team lead role", "Passed over, fixed by hand"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_the_next_load_shows_every_write(coach_client, case, write, gone, shown):
    before = dashboard(coach_client)
    assert gone in before
    write(Incident.objects.select_related("owner").get(pk=case.pk))
    after = dashboard(coach_client)
    assert gone not in after
    if shown:
        assert shown in after


def test_a_case_shared_by_a_new_client_shows_at_once(coach, coach_client):
    assert "First setback" not in dashboard(coach_client)
    person = make_user(display_name="Sam Newclient")
    link(person, coach)
    shared_incident(person, title="First setback")
    page = dashboard(coach_client)
    assert "First setback" in page and "Sam Newclient" in page


def test_the_second_load_is_served_from_the_cache(coach_client, case, django_assert_num_queries):
    dashboard(coach_client)
    # Nothing of the caseload is read: not the summary, the ids, the cases, the clients or the ratings.
    with django_assert_num_queries(DASHBOARD_CACHED_QUERIES) as queries:
        page = dashboard(coach_client)
    assert "Passed over for the team lead role" in page
    assert not any("incidents_incident" in query["sql"] for query in queries.captured_queries)


def test_another_coach_never_gets_this_coachs_caseload(client, coach, other_coach, case):
    client.force_login(coach)
    assert "Passed over for the team lead role" in dashboard(client)
    # The same address, the same query string, a caseload version of the same number.
    CoachProfile.objects.filter(user=other_coach).update(
        caseload_version=CoachProfile.objects.get(user=coach).caseload_version
    )
    client.force_login(other_coach)
    assert "Passed over for the team lead role" not in dashboard(client)


def test_each_language_has_its_own(coach, coach_client, case):
    assert "Shared cases of your clients" in dashboard(coach_client)
    User.objects.filter(pk=coach.pk).update(language="zh-hant")
    assert "Shared cases of your clients" not in dashboard(coach_client)


def test_each_time_zone_has_its_own(coach, coach_client, linked_client):
    # 10:00 in UTC is already tomorrow on Kiritimati (UTC+14): a case of today is a day old there.
    today = timezone.localdate(timezone=coach.zone)  # the test clock's day, in the coach's UTC
    shared_incident(linked_client, title="Today's setback", occurred_on=today)
    assert 'data-label="Days open">0<' in dashboard(coach_client)
    User.objects.filter(pk=coach.pk).update(time_zone="Pacific/Kiritimati")
    assert 'data-label="Days open">1<' in dashboard(coach_client)


def test_the_clock_turns_a_quiet_case_within_a_minute(clock, coach_client, linked_client):
    incident = shared_incident(linked_client, title="Quiet for a while")
    # Its last activity 14 days ago less 30 seconds: quiet for 14 days in half a minute.
    quiet_since = timezone.now() - timedelta(days=14) + timedelta(seconds=30)
    Incident.objects.filter(pk=incident.pk).update(last_activity_at=quiet_since)
    assert "quiet for 14 days" not in dashboard(coach_client)
    clock.shift(timedelta(seconds=40))
    assert "quiet for 14 days" not in dashboard(coach_client)  # still the cached table
    clock.shift(timedelta(seconds=page_cache.SECONDS))
    assert "quiet for 14 days" in dashboard(coach_client)


def test_a_profile_saved_whole_never_takes_its_version_back(coach, case):
    profile = CoachProfile.objects.get(user=coach)
    read = profile.caseload_version
    step_set_status(step=case.steps.get(), status=StepStatus.DONE)  # the database moves it on
    profile.bio = "Career coach, ten years in HR."
    profile.save()  # writes back the version it read
    assert CoachProfile.objects.get(user=coach).caseload_version > read


def test_the_cached_caseload_is_never_written_to_the_database(coach_client, case):
    # Clients' names and case titles stay in the worker's memory, out of every table and backup.
    def cache_rows() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM crisis_coach_cache")
            return cursor.fetchone()[0]

    before = cache_rows()
    assert "Passed over for the team lead role" in dashboard(coach_client)
    assert cache_rows() == before
    assert "Passed over for the team lead role" in dashboard(coach_client)  # and served from memory
