"""The coach's case review: access log, comments (timeline, email, replies), proposed steps, notes."""

import datetime
from html import unescape

from django.core import mail
from django.db.models import F
from django.test import Client

from crisis_coach.coaching.models import CaseAccess, CoachComment, CoachNote
from crisis_coach.coaching.services import (
    CASE_ACCESS_WINDOW,
    case_access_record,
    coach_comment_add,
    comment_reply_add,
    step_propose,
)
from crisis_coach.incidents import presenters, rules
from crisis_coach.incidents.models import EventKind, ProposalState, StepStatus, TimelineEvent
from crisis_coach.incidents.selectors import case_queryset
from tests.factories import make_assessment, make_conversation, make_stakeholder, make_step
from tests.tasks import run_pending_tasks


def test_a_coach_view_is_recorded_once_per_visit_window(coach_client, coach, shared_case):
    url = f"/coach/cases/{shared_case.public_id}/"
    accesses = CaseAccess.objects.filter(coach=coach, incident=shared_case)
    coach_client.get(url)
    coach_client.get(url)
    assert accesses.count() == 1
    accesses.update(at=F("at") - CASE_ACCESS_WINDOW - datetime.timedelta(seconds=1))
    coach_client.get(url)
    assert accesses.count() == 2


def test_posting_from_the_case_page_does_not_count_as_another_view(coach_client, coach, shared_case):
    url = f"/coach/cases/{shared_case.public_id}/"
    coach_client.get(url)
    note = {"body": "Check in on Friday.", "scope": "case"}
    response = coach_client.post(f"{url}notes/", note, follow=True)
    assert response.status_code == 200
    assert CaseAccess.objects.filter(coach=coach, incident=shared_case).count() == 1


def test_the_window_is_per_coach(coach, other_coach, shared_case):
    assert case_access_record(coach=coach, incident=shared_case)
    assert not case_access_record(coach=coach, incident=shared_case)
    assert case_access_record(coach=other_coach, incident=shared_case)
    assert CaseAccess.objects.filter(incident=shared_case).count() == 2


def test_the_client_sees_one_view_for_a_visit_with_reloads(coach_client, client_user, shared_case):
    url = f"/coach/cases/{shared_case.public_id}/"
    for _ in range(3):
        coach_client.get(url)
    owner = Client()
    owner.force_login(client_user)
    page = owner.get(f"/incidents/{shared_case.public_id}/").content.decode()
    assert "Viewed by your coach once" in page


def test_review_shows_the_whole_case_read_only(coach_client, shared_case):
    person = make_stakeholder(shared_case, what_they_said="She felt let down.")
    make_assessment(shared_case, root_cause="No tracking of open offers.")
    make_conversation(shared_case, person, acknowledge="I missed the counter-offer.")
    make_step(shared_case, title="Build an offer tracker")
    html = unescape(coach_client.get(f"/coach/cases/{shared_case.public_id}/").content.decode())
    for text in (
        shared_case.what_happened,
        "She felt let down.",
        "No tracking of open offers.",
        "I missed the counter-offer.",
        "Build an offer tracker",
        "Setback logged.",
    ):
        assert text in html
    assert f"/incidents/{shared_case.public_id}/edit/" not in html


def test_comment_reaches_the_client_in_timeline_and_email(
    coach_client, client_user, discreet_off, shared_case
):
    response = coach_client.post(
        f"/coach/cases/{shared_case.public_id}/comments/", {"body": "Talk to your manager today."}
    )
    assert response.status_code == 302
    run_pending_tasks()
    comment = CoachComment.objects.get()
    assert comment.incident == shared_case and comment.author.display_name == "Casey Coach"
    event = TimelineEvent.objects.get(incident=shared_case, kind=EventKind.COACH_COMMENT)
    assert event.subject == "Casey Coach" and event.message == "Casey Coach commented."
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [client_user.email]
    assert "Talk to your manager today." in email.body
    assert f"/incidents/{shared_case.public_id}/" in email.body
    assert email.alternatives[0][1] == "text/html"


def test_comment_email_is_written_in_the_clients_language(coach, client_user, discreet_off, shared_case):
    client_user.language = "ar"
    client_user.save()
    shared_case.owner.refresh_from_db()
    coach_comment_add(coach=coach, incident=shared_case, body="تحدث مع مديرك")
    run_pending_tasks()
    html = mail.outbox[0].alternatives[0][0]
    assert 'dir="rtl"' in html
    assert "تحدث مع مديرك" in html


def test_comment_can_be_about_one_step_or_conversation(coach_client, shared_case):
    step = make_step(shared_case, title="Call the client back")
    talk = make_conversation(shared_case, make_stakeholder(shared_case))
    url = f"/coach/cases/{shared_case.public_id}/comments/"
    coach_client.post(url, {"body": "On the step", "about": f"step:{step.public_id}"})
    coach_client.post(url, {"body": "On the talk", "about": f"conversation:{talk.public_id}"})
    assert CoachComment.objects.get(body="On the step").step == step
    assert CoachComment.objects.get(body="On the talk").conversation == talk


def test_empty_comment_is_a_field_error_not_a_500(coach_client, shared_case):
    response = coach_client.post(f"/coach/cases/{shared_case.public_id}/comments/", {"body": ""})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not CoachComment.objects.exists()


def test_client_replies_and_the_coach_reads_the_reply(client, client_user, coach, shared_case):
    comment = coach_comment_add(coach=coach, incident=shared_case, body="How did it go?")
    url = f"/coaching/cases/{shared_case.public_id}/comments/{comment.public_id}/reply/"
    client.force_login(client_user)
    response = client.post(url, {"body": "Better than feared.", "next": "/coaching/"})
    assert response.status_code == 302
    assert comment.replies.get().body == "Better than feared."
    client.force_login(coach)
    html = client.get(f"/coach/cases/{shared_case.public_id}/").content.decode()
    assert "Better than feared." in html


def test_reply_counts_as_client_activity_but_not_as_a_top_level_comment(client_user, coach, shared_case):
    comment = coach_comment_add(coach=coach, incident=shared_case, body="Hi")
    comment_reply_add(author=client_user, comment=comment, body="Hello")
    assert CoachComment.objects.filter(incident=shared_case, reply_to__isnull=True).count() == 1


def test_proposed_step_waits_outside_the_plan_until_accepted(client, coach, client_user, shared_case):
    client.force_login(coach)
    client.post(
        f"/coach/cases/{shared_case.public_id}/steps/propose/",
        {"title": "Send a written apology", "kind": "remedy", "due_on": "2026-12-01"},
    )
    step = shared_case.steps.get()
    assert step.proposal_state == ProposalState.PENDING and step.proposed_by.display_name == "Casey Coach"
    assert not step.is_in_plan
    assert not TimelineEvent.objects.filter(kind=EventKind.STEP_ADDED).exists()

    client.force_login(client_user)
    html = client.get("/coaching/").content.decode()
    assert "Proposed by your coach" in html and "Send a written apology" in html

    client.post(f"/coaching/cases/{shared_case.public_id}/proposals/{step.public_id}/accept/")
    step.refresh_from_db()
    assert step.proposal_state == ProposalState.ACCEPTED and step.is_in_plan
    assert TimelineEvent.objects.filter(kind=EventKind.STEP_ADDED, subject="Send a written apology").exists()


def test_declined_proposal_stays_out_of_the_plan(coach, logged_in, shared_case):
    step = step_propose(coach=coach, incident=shared_case, title="Quit", kind="career")
    logged_in.post(f"/coaching/cases/{shared_case.public_id}/proposals/{step.public_id}/decline/")
    step.refresh_from_db()
    assert step.proposal_state == ProposalState.DECLINED and not step.is_in_plan
    # Answered once: it is no longer a pending proposal.
    response = logged_in.post(f"/coaching/cases/{shared_case.public_id}/proposals/{step.public_id}/accept/")
    assert response.status_code == 404


def test_pending_and_declined_proposals_do_not_count_for_stage_completion(coach, shared_case):
    make_step(shared_case, status=StepStatus.DONE)
    step_propose(coach=coach, incident=shared_case, title="Pending idea", kind="remedy")
    make_step(shared_case, title="Declined idea", proposed_by=coach, proposal_state=ProposalState.DECLINED)
    case = case_queryset().get(pk=shared_case.pk)
    assert "every step done (or dropped)" not in presenters.missing_words(case, rules.resolve_missing(case))
    make_step(shared_case, title="Accepted idea", proposed_by=coach, proposal_state=ProposalState.ACCEPTED)
    case = case_queryset().get(pk=shared_case.pk)
    assert "every step done (or dropped)" in presenters.missing_words(case, rules.resolve_missing(case))


def test_pending_proposal_is_never_overdue(coach, shared_case):
    from datetime import date

    step = step_propose(
        coach=coach, incident=shared_case, title="Old idea", kind="remedy", due_on=date(2020, 1, 1)
    )
    assert not step.is_overdue(date(2026, 11, 23))
    assert rules.overdue_steps(case_queryset().get(pk=shared_case.pk), date(2026, 11, 23)) == []


def test_coach_keeps_private_notes_on_the_case_and_on_the_client(
    coach_client, coach, client_user, shared_case
):
    url = f"/coach/cases/{shared_case.public_id}/notes/"
    coach_client.post(url, {"body": "About this case", "scope": "case"})
    coach_client.post(url, {"body": "About the person", "scope": "client"})
    assert CoachNote.objects.get(body="About this case").incident == shared_case
    general = CoachNote.objects.get(body="About the person")
    assert general.incident is None and general.client == client_user and general.coach == coach
    html = coach_client.get(f"/coach/cases/{shared_case.public_id}/").content.decode()
    assert "About this case" in html and "About the person" in html


def test_deleting_a_note_asks_for_confirmation(coach_client, coach, client_user, shared_case):
    coach_client.post(f"/coach/cases/{shared_case.public_id}/notes/", {"body": "Draft", "scope": "case"})
    note = CoachNote.objects.get()
    case_url = f"/coach/cases/{shared_case.public_id}/"
    confirm = coach_client.get(f"/coach/notes/{note.public_id}/delete/?next={case_url}")
    assert "Delete this note?" in confirm.content.decode()
    assert CoachNote.objects.exists()
    response = coach_client.post(f"/coach/notes/{note.public_id}/delete/", {"next": case_url})
    assert response.status_code == 302 and response.url == case_url
    assert not CoachNote.objects.exists()


def test_plan_steps_leave_out_pending_and_declined_proposals(coach, shared_case):
    own = make_step(shared_case, title="Own step")
    accepted = make_step(
        shared_case, title="Accepted", proposed_by=coach, proposal_state=ProposalState.ACCEPTED
    )
    step_propose(coach=coach, incident=shared_case, title="Pending", kind="remedy")
    make_step(shared_case, title="Declined", proposed_by=coach, proposal_state=ProposalState.DECLINED)
    assert rules.plan_steps(case_queryset().get(pk=shared_case.pk)) == [own, accepted]
