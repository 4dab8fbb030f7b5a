"""Linking a coach by invite code, ending the link, and the share switches."""

import pytest
from django.db import IntegrityError, transaction

from crisis_coach.coaching.models import CoachingLink, LinkStatus
from crisis_coach.coaching.services import LinkError, link_create
from tests.coaching.conftest import link, shared_incident
from tests.factories import make_incident, make_user


def _dashed(code):
    return "-".join(code[i : i + 4] for i in range(0, 16, 4))


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code,
        lambda code: code.lower(),
        _dashed,
        lambda code: " " + " ".join(code[i : i + 4] for i in range(0, 16, 4)).lower() + " ",
    ],
    ids=["as given", "lower case", "with dashes", "with spaces"],
)
def test_client_links_a_coach_with_the_code_typed_any_way(logged_in, client_user, coach, typed):
    response = logged_in.post("/coaching/", {"code": typed(coach.coach_profile.invite_code)}, follow=True)
    assert response.status_code == 200
    link = CoachingLink.objects.get(client=client_user)
    assert link.coach == coach and link.status == LinkStatus.ACTIVE
    assert "Casey Coach" in response.content.decode()


def test_wrong_code_is_a_field_error_and_the_input_is_kept(logged_in, client_user, coach):
    response = logged_in.post("/coaching/", {"code": "ABCD-EFGH-JKMN-PQRS"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "No coach has this code" in html
    assert 'value="ABCD-EFGH-JKMN-PQRS"' in html
    assert not CoachingLink.objects.exists()


def test_a_coach_cannot_link_to_themselves(client, coach):
    client.force_login(coach)
    response = client.post("/coaching/", {"code": coach.coach_profile.invite_code})
    assert "You cannot be your own coach" in response.content.decode()
    assert not CoachingLink.objects.exists()


def test_database_refuses_a_link_to_oneself(coach):
    with pytest.raises(IntegrityError), transaction.atomic():
        CoachingLink.objects.create(client=coach, coach=coach)


def test_a_client_has_one_active_coach_at_a_time(client_user, coach, other_coach):
    link(client_user, coach)
    with pytest.raises(LinkError):
        link_create(client=client_user, coach_profile=other_coach.coach_profile)
    # Even if the service were bypassed, the database's partial unique constraint holds.
    with pytest.raises(IntegrityError), transaction.atomic():
        CoachingLink.objects.create(client=client_user, coach=other_coach)


def test_regenerating_the_code_invalidates_the_old_one(client, client_user, coach):
    old_code = coach.coach_profile.invite_code
    client.force_login(coach)
    client.post("/coach/code/")
    coach.coach_profile.refresh_from_db()
    assert coach.coach_profile.invite_code != old_code
    html = client.get("/coach/").content.decode()
    assert coach.coach_profile.invite_code_display in html

    client.force_login(client_user)
    response = client.post("/coaching/", {"code": old_code})
    assert "No coach has this code" in response.content.decode()
    client.post("/coaching/", {"code": coach.coach_profile.invite_code})
    assert CoachingLink.objects.active().filter(client=client_user, coach=coach).exists()


def test_client_ends_the_link_after_confirming_and_history_is_kept(
    logged_in, client_user, coach, other_coach
):
    coaching = link(client_user, coach)
    incident = shared_incident(client_user)

    confirm = logged_in.get(f"/coaching/links/{coaching.public_id}/end/")
    assert "End coaching with Casey Coach?" in confirm.content.decode()
    coaching.refresh_from_db()
    assert coaching.is_active  # asking is not ending

    logged_in.post(f"/coaching/links/{coaching.public_id}/end/")
    coaching.refresh_from_db()
    incident.refresh_from_db()
    assert coaching.status == LinkStatus.ENDED and coaching.ended_by == client_user
    assert coaching.ended_at is not None
    # Consent given to this coach does not pass silently to the next one.
    assert incident.shared_with_coach is False

    link(client_user, other_coach)
    assert CoachingLink.objects.filter(client=client_user).count() == 2
    assert "Casey Coach" in logged_in.get("/coaching/").content.decode()  # in "Past coaches"


def test_coach_ends_the_link_after_confirming(client, client_user, coach):
    coaching = link(client_user, coach)
    client.force_login(coach)
    assert client.get(f"/coach/clients/{coaching.public_id}/end/").status_code == 200
    client.post(f"/coach/clients/{coaching.public_id}/end/")
    coaching.refresh_from_db()
    assert coaching.status == LinkStatus.ENDED and coaching.ended_by == coach


def test_incidents_are_private_until_shared(client_user):
    assert make_incident(client_user).shared_with_coach is False


def test_client_shares_and_unshares_one_incident(logged_in, client_user):
    incident = make_incident(client_user)
    url = f"/coaching/cases/{incident.public_id}/share/"
    response = logged_in.post(url, {"shared": "1", "next": f"/incidents/{incident.public_id}/"})
    assert response.status_code == 302 and response.url == f"/incidents/{incident.public_id}/"
    incident.refresh_from_db()
    assert incident.shared_with_coach is True
    logged_in.post(url, {"shared": "0", "next": "https://evil.example/"})
    incident.refresh_from_db()
    assert incident.shared_with_coach is False


def test_client_shares_and_unshares_everything_at_once(logged_in, client_user):
    first, second = make_incident(client_user), make_incident(client_user, title="Second")
    someone_elses = make_incident(make_user())
    logged_in.post("/coaching/share-all/", {"shared": "1"})
    for incident in (first, second, someone_elses):
        incident.refresh_from_db()
    assert first.shared_with_coach and second.shared_with_coach
    assert someone_elses.shared_with_coach is False
    logged_in.post("/coaching/share-all/", {"shared": "0"})
    first.refresh_from_db()
    assert first.shared_with_coach is False
