"""What the client is told about who reads her thought records and her check-ins: "only you" until
she shares them with an active coach on the sharing switch (coaching/rules.py), then her coach's
name, and where to change it."""

import pytest
from django.urls import reverse

from crisis_coach.coaching import rules
from crisis_coach.coaching.services import incident_set_shared, link_end
from crisis_coach.incidents.models import Incident, Stage
from tests.coaching.conftest import link
from tests.factories import make_incident

pytestmark = pytest.mark.django_db

THOUGHTS_PRIVATE = "Only you see your thought records: your coach does not."
THOUGHTS_SHARED = "Your coach, <bdi>Casey Coach</bdi>, can read this case's thought records"
CHECK_IN_PRIVATE = "Thirty seconds: how you are today. Only you see it."
CHECK_IN_SHARED = "Your coach, <bdi>Casey Coach</bdi>, sees the check-ins of the days of the cases you share"


def page(browser, url) -> str:
    response = browser.get(url)
    assert response.status_code == 200
    return response.content.decode()


def thought_pages(incident) -> list[str]:
    return [
        reverse("thoughts:list", args=[incident.public_id]),
        reverse("thoughts:add", args=[incident.public_id]),
    ]


def check_in_pages() -> list[str]:
    return [reverse("reminders:today"), reverse("wellbeing:check_in")]


def shared(incident, *sections):
    incident_set_shared(incident=incident, shared=True, sections=list(sections))
    incident.refresh_from_db()
    return incident


@pytest.mark.parametrize("url_of", [0, 1], ids=["list", "new record"])
def test_the_thought_records_name_the_coach_only_once_shared_with_her(logged_in, client_user, coach, url_of):
    coaching_link = link(client_user, coach)
    incident = make_incident(client_user)
    url = thought_pages(incident)[url_of]
    assert THOUGHTS_PRIVATE in page(logged_in, url)  # not shared
    shared(incident, rules.EVIDENCE)
    assert THOUGHTS_PRIVATE in page(logged_in, url)  # shared, the thought records kept back
    shared(incident, rules.THOUGHTS)
    html = page(logged_in, url)
    assert THOUGHTS_SHARED in html and THOUGHTS_PRIVATE not in html
    case_url = reverse("incidents:detail", args=[incident.public_id])
    assert f'href="{case_url}#coaching-panel-{incident.public_id}"' in html  # where to change it
    link_end(link=coaching_link, ended_by=client_user)
    assert THOUGHTS_PRIVATE in page(logged_in, url)


def test_thought_records_marked_to_share_with_no_coach_yet_stay_private(logged_in, client_user):
    incident = shared(make_incident(client_user), rules.THOUGHTS)
    for url in thought_pages(incident):
        html = page(logged_in, url)
        assert THOUGHTS_PRIVATE in html and "<bdi>" not in html.split('data-testid="not-therapy"')[1][:400]


def test_another_case_sharing_its_thought_records_changes_nothing_here(logged_in, client_user, coach):
    link(client_user, coach)
    shared(make_incident(client_user, title="The other one"), rules.THOUGHTS)
    incident = shared(make_incident(client_user), rules.EVIDENCE)
    assert THOUGHTS_PRIVATE in page(logged_in, thought_pages(incident)[0])


@pytest.mark.parametrize("url", check_in_pages(), ids=["today", "check-in page"])
def test_the_check_in_names_the_coach_while_an_open_case_shares_check_ins(logged_in, client_user, coach, url):
    assert CHECK_IN_PRIVATE in page(logged_in, url)  # no coach
    coaching_link = link(client_user, coach)
    incident = shared(make_incident(client_user), rules.THOUGHTS)
    assert CHECK_IN_PRIVATE in page(logged_in, url)  # a case shared, its check-ins kept back
    shared(incident, rules.CHECK_INS)
    html = page(logged_in, url)
    assert CHECK_IN_SHARED in html and CHECK_IN_PRIVATE not in html
    assert f'href="{reverse("coaching:home")}"' in html
    Incident.objects.filter(pk=incident.pk).update(stage=Stage.CLOSED)
    assert CHECK_IN_PRIVATE in page(logged_in, url)  # a closed case shared the days of the case only
    Incident.objects.filter(pk=incident.pk).update(stage=Stage.RESOLVE)
    assert CHECK_IN_SHARED in page(logged_in, url)
    link_end(link=coaching_link, ended_by=client_user)
    assert CHECK_IN_PRIVATE in page(logged_in, url)


def test_a_deleted_case_sharing_check_ins_shares_nothing(logged_in, client_user, coach):
    link(client_user, coach)
    incident = shared(make_incident(client_user), rules.CHECK_INS)
    assert CHECK_IN_SHARED in page(logged_in, reverse("reminders:today"))
    Incident.objects.filter(pk=incident.pk).update(deleted_at="2026-11-25T09:00:00Z")
    assert CHECK_IN_PRIVATE in page(logged_in, reverse("reminders:today"))
