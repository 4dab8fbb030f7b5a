"""After coaching ends, every page tells the truth: nothing offers to reach a coach who is gone, and a
coach whose access ended while a page was open keeps what they typed, and learns nothing of the case."""

import re
from html import unescape

import pytest

from crisis_coach.coaching.models import CoachComment, CoachNote
from crisis_coach.coaching.services import (
    coach_comment_add,
    coach_note_add,
    incident_set_shared,
    link_end,
    step_propose,
)
from crisis_coach.incidents.models import ActionStep, ProposalState
from tests.coaching.conftest import link, shared_incident

CASE_TITLE = "Lost the Hsinchu account"
CASE_STORY = "The client moved to a competitor after the late delivery."


def _html(response) -> str:
    return unescape(response.content.decode())


def _without_tokens(page: str) -> str:
    """The page without its CSRF token, which is masked afresh on every response."""
    return re.sub(r'"X-CSRFToken": "[^"]+"|name="csrfmiddlewaretoken" value="[^"]+"', "", page)


@pytest.fixture
def ended(client_user, coach):
    """A case the coach used to see, with a comment and a proposal of theirs; then coaching ended."""
    coaching_link = link(client_user, coach)
    case = shared_incident(client_user, title=CASE_TITLE, what_happened=CASE_STORY)
    comment = coach_comment_add(coach=coach, incident=case, body="How did the call go?", notify=False)
    proposal = step_propose(coach=coach, incident=case, title="Call the buyer", kind="remedy", notify=False)
    link_end(link=coaching_link, ended_by=client_user)
    return {"case": case, "comment": comment, "proposal": proposal}


# --- The client's side ----------------------------------------------------------------------


def test_sharing_without_a_coach_says_it_is_only_marked(logged_in, ended):
    case = ended["case"]
    page = _html(logged_in.get("/coaching/"))
    assert "Mark to share" in page and "Share with my coach" not in page

    response = logged_in.post(f"/coaching/cases/{case.public_id}/share/", {"shared": "1"}, follow=True)

    page = _html(response)
    assert f"“{CASE_TITLE}” is marked to share. No one sees it until you link a coach." in page
    assert "is shared with your coach" not in page


def test_sharing_everything_without_a_coach_says_it_is_only_marked(logged_in, ended):
    page = _html(logged_in.post("/coaching/share-all/", {"shared": "1"}, follow=True))
    assert "Marked 1 setback to share. No one sees it until you link a coach." in page
    assert "with your coach" not in page


def test_sharing_with_a_coach_still_says_so(logged_in, client_user, coach):
    link(client_user, coach)
    case = shared_incident(client_user, title=CASE_TITLE)
    incident_set_shared(incident=case, shared=False)
    page = _html(logged_in.post(f"/coaching/cases/{case.public_id}/share/", {"shared": "1"}, follow=True))
    assert f"“{CASE_TITLE}” is shared with your coach." in page


def test_an_ended_coachs_comments_have_no_reply_box(logged_in, ended):
    case, comment = ended["case"], ended["comment"]
    reply_url = f"/coaching/cases/{case.public_id}/comments/{comment.public_id}/reply/"
    for url in ("/coaching/", f"/incidents/{case.public_id}/"):
        page = _html(logged_in.get(url))
        assert "How did the call go?" in page, url
        assert reply_url not in page, url
        assert "Coaching with Casey Coach has ended, so replies are closed." in page, url


def test_a_reply_from_a_page_left_open_is_refused_and_says_why(logged_in, ended):
    case, comment = ended["case"], ended["comment"]
    url = f"/coaching/cases/{case.public_id}/comments/{comment.public_id}/reply/"

    response = logged_in.post(url, {"body": "It went well.", "next": "/coaching/"}, follow=True)

    page = _html(response)
    assert "Coaching with Casey Coach has ended: they can no longer read replies. Nothing was sent." in page
    assert "sent to" not in page
    assert not CoachComment.objects.filter(reply_to=comment).exists()


def test_a_reply_says_who_reads_it(logged_in, client_user, coach):
    link(client_user, coach)
    case = shared_incident(client_user)
    comment = coach_comment_add(coach=coach, incident=case, body="Hi", notify=False)
    url = f"/coaching/cases/{case.public_id}/comments/{comment.public_id}/reply/"

    page = _html(logged_in.post(url, {"body": "Hello", "next": "/coaching/"}, follow=True))
    assert "Your reply is sent to Casey Coach." in page

    incident_set_shared(incident=case, shared=False)
    page = _html(logged_in.post(url, {"body": "One more", "next": "/coaching/"}, follow=True))
    assert "Your reply is saved. Casey Coach sees it only if you share this setback again." in page


def test_an_empty_reply_says_so_and_sends_nothing(logged_in, client_user, coach):
    link(client_user, coach)
    case = shared_incident(client_user)
    comment = coach_comment_add(coach=coach, incident=case, body="How did it go?", notify=False)
    url = f"/coaching/cases/{case.public_id}/comments/{comment.public_id}/reply/"

    response = logged_in.post(url, {"body": "   ", "next": f"/incidents/{case.public_id}/"}, follow=True)

    assert response.redirect_chain[-1][0] == f"/incidents/{case.public_id}/"
    assert "Your reply is empty. Write something before sending it." in _html(response)
    assert not CoachComment.objects.filter(reply_to=comment).exists()


def test_an_ended_coachs_proposals_are_no_longer_offered(logged_in, ended):
    case, proposal = ended["case"], ended["proposal"]
    accept_url = f"/coaching/cases/{case.public_id}/proposals/{proposal.public_id}/accept/"
    for url in ("/today/", "/coaching/", f"/incidents/{case.public_id}/"):
        page = _html(logged_in.get(url))
        assert accept_url not in page, url
        assert "Call the buyer" not in page, url


@pytest.mark.parametrize("answer", ["accept", "decline"])
def test_answering_an_ended_coachs_proposal_from_an_old_page_says_it_is_closed(logged_in, ended, answer):
    case, proposal = ended["case"], ended["proposal"]
    url = f"/coaching/cases/{case.public_id}/proposals/{proposal.public_id}/{answer}/"

    page = _html(logged_in.post(url, {"next": "/today/"}, follow=True))

    assert "“Call the buyer” was proposed by a coach you no longer work with. It is no longer open." in page
    proposal.refresh_from_db()
    assert proposal.proposal_state == ProposalState.PENDING
    assert not ActionStep.objects.filter(proposal_state=ProposalState.ACCEPTED).exists()


def test_a_new_coach_does_not_inherit_the_old_coachs_proposals(logged_in, client_user, ended, other_coach):
    link(client_user, other_coach)
    incident_set_shared(incident=ended["case"], shared=True)
    assert "Call the buyer" not in _html(logged_in.get("/today/"))


# --- The coach's side -----------------------------------------------------------------------

TYPED = {
    "comment": ("comments/", {"body": "A long thought I do not want to lose."}),
    "proposal": ("steps/propose/", {"title": "Write to them", "detail": "Say sorry.", "kind": "remedy"}),
    "note": ("notes/", {"body": "Private: she seems tired.", "scope": "case"}),
}  # fmt: skip


@pytest.mark.parametrize("form", TYPED.keys())
def test_a_coach_whose_access_ended_keeps_what_they_typed_and_sees_nothing_of_the_case(
    client, coach, ended, form
):
    client.force_login(coach)
    path, data = TYPED[form]

    response = client.post(f"/coach/cases/{ended['case'].public_id}/{path}", data)

    assert response.status_code == 404
    page = _html(response)
    assert "<nav" in page and "This case is not shared with you" in page  # the app's layout
    assert "Nothing was sent. Here is what you typed, so you can copy it:" in page
    for value in data.values():
        if value not in ("remedy", "case"):
            assert f">{value}</textarea>" in page
    assert CASE_TITLE not in page and CASE_STORY not in page and "Alex Client" not in page
    assert "How did the call go?" not in page and "Call the buyer" not in page
    assert not CoachComment.objects.filter(body=data.get("body", "")).exists()
    assert not CoachNote.objects.filter(body=data.get("body", "")).exists()


def test_reloading_the_case_after_access_ended_says_it_is_not_shared(client, coach, ended):
    client.force_login(coach)
    response = client.get(f"/coach/cases/{ended['case'].public_id}/")
    assert response.status_code == 404
    page = _html(response)
    assert "This case is not shared with you" in page and CASE_TITLE not in page
    assert "Here is what you typed" not in page


def test_the_page_is_the_same_for_a_case_that_was_never_theirs(client, other_coach, ended):
    """Nothing tells a coach whether a case they never saw exists."""
    client.force_login(other_coach)
    response = client.post(f"/coach/cases/{ended['case'].public_id}/comments/", {"body": "Hello?"})
    unknown = "00000000-0000-0000-0000-000000000000"
    missing = client.post(f"/coach/cases/{unknown}/comments/", {"body": "Hello?"})
    assert response.status_code == missing.status_code == 404
    # The same page but for the address itself (the language switcher returns to it).
    page = _without_tokens(_html(response)).replace(str(ended["case"].public_id), unknown)
    assert page == _without_tokens(_html(missing))
    assert "This case is not shared with you" in _html(response) and CASE_TITLE not in _html(response)


def test_a_client_posting_to_a_coach_url_gets_the_plain_not_found(logged_in, ended):
    response = logged_in.post(f"/coach/cases/{ended['case'].public_id}/comments/", {"body": "Hi"})
    assert response.status_code == 404
    assert "This case is not shared with you" not in _html(response)


# --- What a coach keeps: their own notes, read-only, without the case ----------------------


def test_an_ex_coach_keeps_their_own_notes_but_nothing_of_the_case(client, client_user, coach):
    coaching_link = link(client_user, coach)
    case = shared_incident(client_user, title=CASE_TITLE)
    note = coach_note_add(coach=coach, client=client_user, incident=case, body="Follow up in spring.")
    spare = coach_note_add(coach=coach, client=client_user, body="Their manager: Ms Wang.")
    link_end(link=coaching_link, ended_by=client_user)
    client.force_login(coach)

    page = _html(client.get(f"/coach/notes/{note.public_id}/delete/"))
    assert "Follow up in spring." in page and CASE_TITLE not in page
    assert client.get(f"/coach/cases/{case.public_id}/").status_code == 404
    client.post(f"/coach/notes/{spare.public_id}/delete/")  # and they may delete one
    assert not CoachNote.objects.filter(pk=spare.pk).exists()

    # The client comes back and shares the case again: the notes are there, as they were.
    link(client_user, coach)
    incident_set_shared(incident=case, shared=True)
    assert "Follow up in spring." in _html(client.get(f"/coach/cases/{case.public_id}/"))
