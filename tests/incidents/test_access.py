"""Nobody reaches another person's setback: every URL answers 404 to a stranger and to a coach,
for reading and for writing, and nothing changes."""

import pytest
from django.urls import reverse

from crisis_coach.incidents.models import ActionStep, Incident, Stakeholder

pytestmark = pytest.mark.django_db

INCIDENT_URLS = [
    "detail", "edit", "delete", "reopen", "note_add", "assess", "assessment_save", "stakeholder_add",
    "confront", "conversation_plan", "resolve", "step_add", "playbook_add", "reflection_save",
]  # fmt: skip
STAKEHOLDER_URLS = ["stakeholder_edit", "stakeholder_delete", "stakeholder_to_contact"]
CONVERSATION_URLS = ["conversation_edit", "conversation_record", "conversation_delete"]
STEP_URLS = ["step_edit", "step_status", "step_move", "step_delete", "step_check", "step_drop"]
# These answer 405 to any GET before looking anything up, so a GET reveals nothing either way.
POST_ONLY = {"reopen", "note_add", "playbook_add", "step_status", "step_move", "stakeholder_to_contact"}


def all_urls(case):
    pid = case["incident"].public_id
    urls = [(n, reverse(f"incidents:{n}", args=[pid])) for n in INCIDENT_URLS]
    urls += [
        (n, reverse(f"incidents:{n}", args=[pid, case["stakeholder"].public_id])) for n in STAKEHOLDER_URLS
    ]
    urls += [
        (n, reverse(f"incidents:{n}", args=[pid, case["conversation"].public_id])) for n in CONVERSATION_URLS
    ]
    urls += [(n, reverse(f"incidents:{n}", args=[pid, case["step"].public_id])) for n in STEP_URLS]
    return urls


@pytest.mark.parametrize("intruder", ["stranger", "coach"])
def test_strangers_and_coaches_get_404_on_every_incident_url(client, case, intruder, request):
    client.force_login(request.getfixturevalue(intruder))
    hostile = {"title": "Hacked", "name": "Mallory", "status": "done", "text": "pwned", "key": "own_it"}
    for name, url in all_urls(case):
        assert client.get(url).status_code == (405 if name in POST_ONLY else 404), url
        assert client.post(url, hostile).status_code == 404, url
    case["incident"].refresh_from_db()
    assert case["incident"].title == "Missed a counter-offer"
    assert case["incident"].deleted_at is None
    assert Stakeholder.objects.filter(name="Mallory").count() == 0
    assert ActionStep.objects.get(pk=case["step"].pk).status == "todo"


def test_children_of_another_incident_are_404_even_for_the_owner_through_the_wrong_parent(
    logged_in, case, client_user
):
    from tests.factories import make_incident

    other = make_incident(client_user, title="Another one")
    url = reverse("incidents:step_edit", args=[other.public_id, case["step"].public_id])
    assert logged_in.get(url).status_code == 404


def test_trashed_incident_is_404_outside_the_trash_and_restorable_only_by_its_owner(client, case, stranger):
    incident = case["incident"]
    Incident.objects.filter(pk=incident.pk).update(deleted_at="2026-11-01T00:00Z")
    client.force_login(incident.owner)
    assert client.get(reverse("incidents:detail", args=[incident.public_id])).status_code == 404
    client.force_login(stranger)
    assert client.post(reverse("incidents:restore", args=[incident.public_id])).status_code == 404


def test_lists_show_only_your_own_incidents(client, case, stranger):
    client.force_login(stranger)
    page = client.get(reverse("incidents:list")).content.decode()
    assert "Missed a counter-offer" not in page
    assert "Nothing logged yet" in page


def test_anonymous_visitors_are_sent_to_log_in(client, case):
    response = client.get(reverse("incidents:detail", args=[case["incident"].public_id]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
