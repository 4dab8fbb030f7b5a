"""Consent is the rule: a coach reaches a case only while linked AND the case is shared. Everyone
else gets 404, for reading and for writing, and nothing is written."""

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory

from crisis_coach.coaching.models import CaseAccess, CoachComment, CoachNote
from crisis_coach.coaching.services import (
    coach_comment_add,
    coach_note_add,
    incident_set_shared,
    link_end,
    step_propose,
)
from crisis_coach.incidents.models import ActionStep
from crisis_coach.incidents.services import incident_trash
from tests.coaching.conftest import link, shared_incident
from tests.factories import make_incident, make_user


def _no_link(client_user, coach, other_coach):
    return coach, shared_incident(client_user)


def _linked_but_unshared(client_user, coach, other_coach):
    link(client_user, coach)
    return coach, make_incident(client_user)


def _link_ended(client_user, coach, other_coach):
    coaching = link(client_user, coach)
    incident = shared_incident(client_user)
    link_end(link=coaching, ended_by=client_user)
    # Even if the client shares again later, an ended link gives no access.
    incident_set_shared(incident=incident, shared=True)
    return coach, incident


def _coach_ended_link(client_user, coach, other_coach):
    coaching = link(client_user, coach)
    incident = shared_incident(client_user)
    link_end(link=coaching, ended_by=coach)
    return coach, incident


def _unshared_after_sharing(client_user, coach, other_coach):
    link(client_user, coach)
    incident = shared_incident(client_user)
    incident_set_shared(incident=incident, shared=False)
    return coach, incident


def _another_coach(client_user, coach, other_coach):
    link(client_user, coach)
    link(make_user(), other_coach)  # other_coach has clients of their own, just not this one
    return other_coach, shared_incident(client_user)


def _client_on_coach_urls(client_user, coach, other_coach):
    link(client_user, coach)
    return client_user, shared_incident(client_user)


def _case_in_trash(client_user, coach, other_coach):
    link(client_user, coach)
    incident = shared_incident(client_user)
    incident_trash(incident=incident)
    return coach, incident


SCENARIOS = {
    "coach with no link": _no_link,
    "linked coach, case not shared": _linked_but_unshared,
    "client ended the link": _link_ended,
    "coach ended the link": _coach_ended_link,
    "case unshared after sharing": _unshared_after_sharing,
    "another coach": _another_coach,
    "the client on coach URLs": _client_on_coach_urls,
    "case in the trash": _case_in_trash,
}

ACTIONS = {
    "read the case": ("get", "/coach/cases/{id}/", {}),
    "comment": ("post", "/coach/cases/{id}/comments/", {"body": "Talk to her today."}),
    "propose a step": ("post", "/coach/cases/{id}/steps/propose/", {"title": "Call", "kind": "remedy"}),
    "write a note": ("post", "/coach/cases/{id}/notes/", {"body": "Secret", "scope": "case"}),
    "propose a session": ("get", "/coach/cases/{id}/session/", {}),
}


@pytest.mark.parametrize("scenario", SCENARIOS.keys())
@pytest.mark.parametrize("action", ACTIONS.keys())
def test_without_consent_every_coach_url_is_404_and_writes_nothing(
    client, client_user, coach, other_coach, scenario, action
):
    viewer, incident = SCENARIOS[scenario](client_user, coach, other_coach)
    method, url, data = ACTIONS[action]
    client.force_login(viewer)

    response = getattr(client, method)(url.format(id=incident.public_id), data)

    assert response.status_code == 404
    assert not CaseAccess.objects.exists()
    assert not CoachComment.objects.exists()
    assert not CoachNote.objects.exists()
    assert not ActionStep.objects.filter(proposed_by__isnull=False).exists()


@pytest.mark.parametrize("action", ACTIONS.keys())
def test_linked_coach_reaches_a_shared_case(coach_client, shared_case, action):
    method, url, data = ACTIONS[action]
    response = getattr(coach_client, method)(url.format(id=shared_case.public_id), data)
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("url", ["/coach/", "/coach/notes/00000000-0000-0000-0000-000000000000/delete/"])
def test_coach_pages_do_not_exist_for_a_client(logged_in, url):
    assert logged_in.get(url).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, shared_case):
    response = client.get(f"/coach/cases/{shared_case.public_id}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_coach_cannot_delete_another_coachs_note(client, client_user, coach, other_coach, shared_case):
    note = coach_note_add(coach=coach, client=client_user, incident=shared_case, body="Mine")
    client.force_login(other_coach)
    assert client.get(f"/coach/notes/{note.public_id}/delete/").status_code == 404
    assert client.post(f"/coach/notes/{note.public_id}/delete/").status_code == 404
    assert CoachNote.objects.filter(pk=note.pk).exists()


def test_stranger_cannot_toggle_sharing_of_someone_elses_incident(client, client_user, stranger):
    incident = make_incident(client_user)
    client.force_login(stranger)
    response = client.post(f"/coaching/cases/{incident.public_id}/share/", {"shared": "1"})
    assert response.status_code == 404
    incident.refresh_from_db()
    assert incident.shared_with_coach is False


def test_stranger_cannot_reply_or_answer_proposals_on_someone_elses_case(
    client, client_user, coach, shared_case, stranger
):
    comment = coach_comment_add(coach=coach, incident=shared_case, body="Hi")
    step = step_propose(coach=coach, incident=shared_case, title="Call", kind="remedy")
    client.force_login(stranger)
    base = f"/coaching/cases/{shared_case.public_id}"
    assert client.post(f"{base}/comments/{comment.public_id}/reply/", {"body": "x"}).status_code == 404
    assert client.post(f"{base}/proposals/{step.public_id}/accept/").status_code == 404
    assert client.post(f"{base}/proposals/{step.public_id}/decline/").status_code == 404
    step.refresh_from_db()
    assert step.proposal_state == "pending"
    assert comment.replies.count() == 0


def test_stranger_cannot_end_someone_elses_link(client, coaching_link, stranger, other_coach):
    for user in (stranger, other_coach):
        client.force_login(user)
        assert client.post(f"/coaching/links/{coaching_link.public_id}/end/").status_code == 404
        assert client.post(f"/coach/clients/{coaching_link.public_id}/end/").status_code == 404
    coaching_link.refresh_from_db()
    assert coaching_link.is_active


def _render_panel(incident, user):
    request = RequestFactory().get(f"/incidents/{incident.public_id}/")
    request.user = user
    template = Template('{% include "coaching/_incident_coaching.html" %}')
    return template.render(RequestContext(request, {"incident": incident}))


def test_client_never_sees_private_notes(logged_in, client_user, coach, shared_case):
    coach_note_add(coach=coach, client=client_user, incident=shared_case, body="PRIVATE-CASE-NOTE")
    coach_note_add(coach=coach, client=client_user, body="PRIVATE-CLIENT-NOTE")
    coach_comment_add(coach=coach, incident=shared_case, body="A visible comment")

    pages = [logged_in.get("/coaching/").content.decode(), _render_panel(shared_case, client_user)]

    for html in pages:
        assert "A visible comment" in html
        assert "PRIVATE-CASE-NOTE" not in html
        assert "PRIVATE-CLIENT-NOTE" not in html


def test_coach_sees_only_their_own_notes(coach_client, client_user, coach, other_coach, shared_case):
    coach_note_add(coach=other_coach, client=client_user, incident=shared_case, body="OTHER-COACH-NOTE")
    coach_note_add(coach=coach, client=client_user, incident=shared_case, body="MY-NOTE")
    html = coach_client.get(f"/coach/cases/{shared_case.public_id}/").content.decode()
    assert "MY-NOTE" in html
    assert "OTHER-COACH-NOTE" not in html
