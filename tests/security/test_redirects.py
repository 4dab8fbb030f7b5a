"""Buttons that return to the page they sat on (`next`) never send anyone off-site."""

import pytest

from tests.factories import make_incident, make_step

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example/"])
def test_ticking_a_step_never_redirects_off_site(logged_in, client_user, target):
    incident = make_incident(client_user)
    step = make_step(incident)

    response = logged_in.post(
        f"/incidents/{incident.public_id}/steps/{step.public_id}/status/", {"status": "done", "next": target}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/incidents/{incident.public_id}/resolve/"


def test_ticking_a_step_returns_to_a_page_of_ours(logged_in, client_user):
    incident = make_incident(client_user)
    step = make_step(incident)

    response = logged_in.post(
        f"/incidents/{incident.public_id}/steps/{step.public_id}/status/",
        {"status": "done", "next": "/today/"},
    )

    assert response["Location"] == "/today/"


@pytest.mark.parametrize("target", ['"><img src=x onerror=alert(1)>', "home", "javascript:alert(1)"])
def test_a_next_that_is_not_a_path_falls_back_instead_of_failing(client, client_user, coach, target):
    from crisis_coach.coaching.services import (
        coach_comment_add,
        coach_note_add,
        incident_set_shared,
        link_create,
    )
    from crisis_coach.network.services import commitment_create
    from tests.factories import make_contact

    link_create(client=client_user, coach_profile=coach.coach_profile)
    incident = make_incident(client_user)
    incident_set_shared(incident=incident, shared=True)
    comment = coach_comment_add(coach=coach, incident=incident, body="Well done", notify=False)
    commitment = commitment_create(
        contact=make_contact(client_user), what="Send it", due_on=incident.occurred_on
    )
    note = coach_note_add(coach=coach, client=client_user, body="Private", incident=incident)

    client.force_login(client_user)
    reply = client.post(
        f"/coaching/cases/{incident.public_id}/comments/{comment.public_id}/reply/",
        {"body": "Thanks", "next": target},
    )
    kept = client.post(f"/network/commitments/{commitment.public_id}/kept/", {"next": target})
    client.force_login(coach)
    deleted = client.post(f"/coach/notes/{note.public_id}/delete/", {"next": target})

    assert reply.status_code == kept.status_code == deleted.status_code == 302
    assert reply["Location"] == "/coaching/"
    assert kept["Location"].startswith("/network/")
    assert deleted["Location"] == "/coach/"
