"""Every client page whose content is a cached part ({% page_part %}, common/page_cache.py): the next
load shows a write at once, a load served from the cache reads only the person (and a case page its
case's heading), and nobody else ever gets the page: not a person with the same version number, nor
a stranger at a case's address once its owner's page is cached.

The list of setbacks, Today and the coach's dashboard have tests of their own beside these
(tests/incidents/test_list_cache.py, tests/reminders/test_today_cache.py,
tests/coaching/test_caseload_cache.py)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis_coach.accounts.models import User
from crisis_coach.coaching.services import link_create
from crisis_coach.coaching.sessions.services import session_propose
from crisis_coach.incidents.services import timeline_note_add
from crisis_coach.network import services as network_services
from crisis_coach.wellbeing.services import check_in_save
from tests.evidence.helpers import make_entry
from tests.factories import make_contact, make_incident, make_stakeholder, make_step, make_user

pytestmark = pytest.mark.django_db

# Session, user, the savepoint pair, the coach profile (the navbar's "is she a coach").
PERSON_QUERIES = 5
# The same, and the case's heading: the 404 for anyone else, and the page's title.
CASE_QUERIES = PERSON_QUERIES + 1


def local_today(user) -> datetime.date:
    return timezone.localdate(timezone=user.zone)


@pytest.fixture
def case(client_user):
    return make_incident(client_user, title="Blamed for the late launch")


def noted(person, case):
    timeline_note_add(incident=case, text="Rowan called it unfair")


def new_person(person, case):
    make_stakeholder(case, name="Rowan Vance")


def step_added(person, case):
    make_step(case, title="Rowan: write the timeline down", due_on=local_today(person))


def evidence_logged(person, case):
    make_entry(case, what_happened="Rowan said the report was late.")


def contact_added(person, case):
    make_contact(person, name="Rowan Vance")


def contact_due(person, case):
    network_services.contact_create(owner=person, name="Rowan Vance", cadence_days=30)


def session_proposed(person, case):
    coach = make_user(display_name="Coach Rowan", is_coach=True)
    link_create(client=person, coach_profile=coach.coach_profile)
    # Three days after the test's moment, which the clock fixture held when the case was made.
    starts_at = case.created_at.replace(microsecond=0) + datetime.timedelta(days=3)
    session_propose(
        client=person, coach=coach, proposed_by=coach, starts_at=starts_at, duration_minutes=45, notify=False
    )


def checked_in(person, case):
    check_in_save(owner=person, day=local_today(person), expected_version=0, mood=4, control=7, sleep=3)


def case_url(name):
    return lambda case: reverse(name, args=[case.public_id])


def url(name):
    return lambda case: reverse(name)


# (page, its address, a write it shows, the words the write brings, the queries of a cached load)
PAGES = [
    ("cockpit", case_url("incidents:detail"), noted, "Rowan called it unfair", CASE_QUERIES),
    ("assess", case_url("incidents:assess"), new_person, "Rowan Vance", CASE_QUERIES),
    ("confront", case_url("incidents:confront"), new_person, "Rowan Vance", CASE_QUERIES),
    ("resolve", case_url("incidents:resolve"), step_added, "Rowan: write the timeline down", CASE_QUERIES),
    (
        "evidence log",
        case_url("evidence:log"),
        evidence_logged,
        "Rowan said the report was late.",
        CASE_QUERIES,
    ),
    ("today", url("reminders:today"), step_added, "Rowan: write the timeline down", PERSON_QUERIES),
    ("contact list", url("network:contacts"), contact_added, "Rowan Vance", PERSON_QUERIES),
    ("keep in touch", url("network:keep_in_touch"), contact_due, "Rowan Vance", PERSON_QUERIES),
    ("sessions", url("coaching:sessions"), session_proposed, "Coach Rowan", PERSON_QUERIES),
    ("check-ins", url("wellbeing:check_in_list"), checked_in, 'data-testid="check-in-list"', PERSON_QUERIES),
    ("insights", url("insights:home"), checked_in, "Your own daily readings", PERSON_QUERIES),
]
IDS = [page[0] for page in PAGES]


def load(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("page", "address", "write", "words", "queries"), PAGES, ids=IDS)
def test_the_next_load_shows_a_write(logged_in, client_user, case, page, address, write, words, queries):
    assert words not in load(logged_in, address(case))
    write(client_user, case)
    assert words in load(logged_in, address(case))


@pytest.mark.parametrize(("page", "address", "write", "words", "queries"), PAGES, ids=IDS)
def test_a_load_from_the_cache_reads_only_the_person(
    logged_in, client_user, case, django_assert_num_queries, page, address, write, words, queries
):
    write(client_user, case)
    load(logged_in, address(case))
    with django_assert_num_queries(queries):
        assert words in load(logged_in, address(case))


@pytest.mark.parametrize(("page", "address", "write", "words", "queries"), PAGES, ids=IDS)
def test_nobody_else_gets_her_page(client, client_user, case, page, address, write, words, queries):
    write(client_user, case)
    client.force_login(client_user)
    assert words in load(client, address(case))
    other = make_user(display_name="Other Person")
    # A data version of the same number, the same zone and language: only the person differs.
    User.objects.filter(pk=other.pk).update(
        data_version=User.objects.get(pk=client_user.pk).data_version, time_zone=client_user.time_zone
    )
    client.force_login(other)
    response = client.get(address(case))
    assert words not in response.content.decode()
    if str(case.public_id) in address(case):
        assert response.status_code == 404  # a case's page is hers alone
