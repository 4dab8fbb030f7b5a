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
