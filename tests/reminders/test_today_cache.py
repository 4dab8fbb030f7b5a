"""Today is cached (reminders/views.py, common/page_cache.py) under the person's data version, and a
coach's under her caseload's version and her two-factor sign-in too. The next load shows every
write, hers or her coach's, and nobody else ever gets her Today."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from crisis_coach.accounts.models import User
from crisis_coach.coaching.models import CoachingLink
from crisis_coach.coaching.services import incident_set_shared
from crisis_coach.incidents.models import StepStatus
from crisis_coach.incidents.services import step_set_status
from crisis_coach.network import services as network_services
from crisis_coach.wellbeing.services import check_in_save
from tests.factories import TOTP_SECRET, make_incident, make_step, make_user
from tests.reminders.conftest import local_today
from tests.reminders.test_today_coaching import proposal, shared_case  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def today_page(client) -> str:
    response = client.get(reverse("reminders:today"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_next_load_shows_each_of_her_writes(logged_in, due_things, client_user):
    page = today_page(logged_in)
    assert "Apologise to the client" in page and "Get in touch with Dana Mentor" in page
    assert 'data-testid="check-in-done"' not in page

    step_set_status(step=due_things["overdue_step"], status=StepStatus.DONE)
    assert "Apologise to the client" not in today_page(logged_in)

    network_services.touch_log_quick(contact=due_things["contact"], today=local_today(client_user))
    assert "Get in touch with Dana Mentor" not in today_page(logged_in)

    network_services.commitment_mark_kept(commitment=due_things["commitment"], today=local_today(client_user))
    assert "Send Dana the report" not in today_page(logged_in)

    check_in_save(
        owner=client_user, day=local_today(client_user), expected_version=0, mood=4, control=7, sleep=3
    )
    assert "Checked in: mood 4/5, in control 7/10, sleep 3/5" in today_page(logged_in)


def test_her_coachs_proposal_shows_on_the_next_load(logged_in, shared_case, request):  # noqa: F811
    assert 'data-testid="group-proposals"' not in today_page(logged_in)
    request.getfixturevalue("proposal")  # the coach proposes a step on the shared case
    assert "Build an offer tracker" in today_page(logged_in)


def test_a_coach_sees_a_clients_late_step_and_her_own_two_factor_at_once(client, client_user):
    coach = make_user(display_name="Nia Nofactor", is_coach=True, two_factor=False)
    CoachingLink.objects.create(client=client_user, coach=coach)
    incident = make_incident(client_user, title="Shared setback")
    incident_set_shared(incident=incident, shared=True)
    client.force_login(coach)
    assert 'data-testid="coach-needs-two-factor"' in today_page(client)

    TOTP.activate(coach, TOTP_SECRET)  # allauth's table moves no data version: the key holds it
    page = today_page(client)
    assert 'data-testid="coach-needs-two-factor"' not in page and "Shared setback" not in page

    make_step(incident, title="Late step", due_on=local_today(client_user) - datetime.timedelta(days=3))
    assert "Shared setback" in today_page(client)  # the client's write moved the caseload's version


def test_another_person_never_gets_her_today(client, client_user, due_things):
    client.force_login(client_user)
    assert "Apologise to the client" in today_page(client)
    other = make_user(display_name="Other Person")
    # The same address, a data version of the same number, the same zone and language.
    User.objects.filter(pk=other.pk).update(
        data_version=User.objects.get(pk=client_user.pk).data_version, time_zone=client_user.time_zone
    )
    client.force_login(other)
    page = today_page(client)
    assert "Apologise to the client" not in page and "Dana Mentor" not in page
