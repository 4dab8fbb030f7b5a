"""The list of a person's setbacks is cached (incidents/views/incidents.py, common/page_cache.py) and
never shows what a write has changed, nor anyone else's setbacks.

Each write goes through the path a person's action takes, or a bare UPDATE where the point is that
no service is needed: the database moves the person's data version (accounts migration 0013) in
the same transaction, so the next load shows it.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis_coach.accounts.models import User
from crisis_coach.incidents.models import Assessment, Incident, StepStatus
from crisis_coach.incidents.services import (
    incident_restore,
    incident_trash,
    incident_update,
    step_set_status,
)
from tests.factories import make_incident, make_step, make_user


def setbacks(client) -> str:
    response = client.get(reverse("incidents:list"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def setback(client_user):
    incident = make_incident(client_user, title="Blamed for the late launch")
    overdue = timezone.localdate(timezone=client_user.zone) - timedelta(days=1)
    make_step(incident, title="Write the timeline down", due_on=overdue)
    return incident


def logged(incident):
    make_incident(incident.owner, title="Left off the restructuring memo")


def retitled(incident):
    incident_update(incident=incident, expected_version=incident.version, title="Blamed, then cleared")


def step_ticked(incident):
    step_set_status(step=incident.steps.get(), status=StepStatus.DONE)


def assessed(incident):
    # The assessment alone, with no service: the list's risk badge reads it.
    Assessment.objects.update_or_create(incident=incident, defaults={"risk_level": "high"})


def trashed(incident):
    incident_trash(incident=incident)


def bulk_updated(incident):
    Incident.objects.filter(owner=incident.owner).update(title="Blamed, fixed by hand")


@pytest.mark.parametrize(
    ("write", "gone", "shown"),
    [
        (logged, None, "Left off the restructuring memo"),
        (retitled, "Blamed for the late launch", "Blamed, then cleared"),
        (step_ticked, "1 overdue step", None),
        (assessed, "Risk not assessed", "High"),
        (trashed, "Blamed for the late launch", "Trash (1)"),
        (bulk_updated, "Blamed for the late launch", "Blamed, fixed by hand"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_the_next_load_shows_every_write(logged_in, setback, write, gone, shown):
    before = setbacks(logged_in)
    assert "Blamed for the late launch" in before
    write(Incident.objects.get(pk=setback.pk))
    after = setbacks(logged_in)
    if gone:
        assert gone not in after
    if shown:
        assert shown in after


def test_a_restored_setback_is_back_at_once(logged_in, setback):
    incident_trash(incident=setback)
    assert "Blamed for the late launch" not in setbacks(logged_in)
    incident_restore(incident=setback)
    assert "Blamed for the late launch" in setbacks(logged_in)


def test_another_person_never_gets_this_persons_list(client, client_user, setback):
    client.force_login(client_user)
    assert "Blamed for the late launch" in setbacks(client)
    other = make_user(display_name="Other Person")
    # The same address, the same query string, a data version of the same number.
    User.objects.filter(pk=other.pk).update(data_version=User.objects.get(pk=client_user.pk).data_version)
    client.force_login(other)
    assert "Blamed for the late launch" not in setbacks(client)


def test_each_language_has_its_own(logged_in, client_user, setback):
    assert "Your setbacks" in setbacks(logged_in)
    User.objects.filter(pk=client_user.pk).update(language="zh-hant")
    assert "Your setbacks" not in setbacks(logged_in)


@pytest.mark.dates
def test_a_new_day_counts_one_day_more(clock, logged_in, client_user):
    yesterday = timezone.localdate(timezone=client_user.zone) - timedelta(days=1)  # in her calendar
    make_incident(client_user, title="A day old", occurred_on=yesterday)
    assert "1 day since it happened" in setbacks(logged_in)
    clock.shift(timedelta(days=1))
    assert "2 days since it happened" in setbacks(logged_in)


def test_a_user_saved_whole_never_takes_its_version_back(client_user, setback):
    person = User.objects.get(pk=client_user.pk)
    read = person.data_version
    retitled(setback)  # the database moves it on
    person.display_name = "Renamed"
    person.save()  # writes back the version it read
    assert User.objects.get(pk=client_user.pk).data_version > read
