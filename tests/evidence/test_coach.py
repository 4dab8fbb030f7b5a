"""A linked coach reads the evidence log of a case only while the client shares the case with her,
and its evidence log with it (issue 20, sharing section by section), read-only, and the client sees
that she opened it (as for the case review)."""

import pytest
from django.urls import reverse

from crisis_coach.coaching import services as coaching
from crisis_coach.coaching.models import CaseAccess
from crisis_coach.coaching.selectors import active_link_for_client
from tests.evidence.helpers import make_entry
from tests.factories import make_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(client_user, coach):
    coaching.link_create(client=client_user, coach_profile=coach.coach_profile)
    incident = make_incident(client_user, title="My manager")
    make_entry(incident, what_happened="He took credit for my slides in the review.")
    return incident


def test_a_coach_sees_the_log_of_a_shared_case_read_only(client, coach, case):
    coaching.incident_set_shared(incident=case, shared=True, sections=["evidence"])
    client.force_login(coach)
    review = client.get(reverse("coach:case", args=[case.public_id])).content.decode()
    url = reverse("coach:evidence", args=[case.public_id])
    assert url in review

    page = client.get(url).content.decode()
    assert "He took credit for my slides" in page
    assert "Read-only" in page
    assert reverse("evidence:log", args=[case.public_id]) + "add/" not in page
    assert "/edit/" not in page and "/delete/" not in page
    assert CaseAccess.objects.filter(coach=coach, incident=case).exists()


def test_a_coach_gets_404_for_a_case_not_shared(client, coach, case):
    client.force_login(coach)
    assert client.get(reverse("coach:evidence", args=[case.public_id])).status_code == 404
    assert not CaseAccess.objects.exists()


def test_unsharing_or_ending_the_link_closes_the_log_again(client, client_user, coach, case):
    coaching.incident_set_shared(incident=case, shared=True, sections=["evidence"])
    client.force_login(coach)
    url = reverse("coach:evidence", args=[case.public_id])
    assert client.get(url).status_code == 200
    coaching.incident_set_shared(incident=case, shared=True, sections=[])  # the case, not its log
    assert client.get(url).status_code == 404
    coaching.incident_set_shared(incident=case, shared=True, sections=["evidence"])
    coaching.incident_set_shared(incident=case, shared=False)
    assert client.get(url).status_code == 404
    coaching.incident_set_shared(incident=case, shared=True, sections=["evidence"])
    coaching.link_end(link=active_link_for_client(client_user), ended_by=client_user)
    assert client.get(url).status_code == 404
