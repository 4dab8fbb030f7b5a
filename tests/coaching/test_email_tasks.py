"""A coach's comment or proposed step emails the client through the task worker: a mail server that
is down never breaks the coach's page, and the email goes once it answers again."""

import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from crisis_coach.accounts.services import account_delete
from crisis_coach.coaching.models import CoachComment
from crisis_coach.common.tasks import ABANDONED_AFTER, RETRY_DELAYS
from crisis_coach.incidents.models import ActionStep
from crisis_coach.reminders.models import Frequency
from crisis_coach.reminders.selectors import settings_for
from tests.factories import make_user
from tests.tasks import (
    mail_server_down,
    pending_tasks,
    run_pending_tasks,
    skip_the_wait,
    worker_killed_after_the_mail_server_accepts,
)

pytestmark = pytest.mark.django_db


def post_comment(coach_client, case, body="Talk to your manager today."):
    return coach_client.post(f"/coach/cases/{case.public_id}/comments/", {"body": body})


def post_proposal(coach_client, case, title="Build an offer tracker"):
    url = reverse("coach:step_propose", args=[case.public_id])
    return coach_client.post(url, {"title": title, "detail": "", "kind": "prevention", "due_on": ""})


def test_a_comment_answers_a_redirect_while_the_mail_server_is_down(coach_client, shared_case):
    with mail_server_down():
        response = post_comment(coach_client, shared_case)
        assert run_pending_tasks() == 1  # the worker tries at once, and fails

    assert response.status_code == 302
    assert CoachComment.objects.get().body == "Talk to your manager today."
    [retry] = pending_tasks()
    assert retry.task_path == "crisis_coach.coaching.tasks.send_comment_email"
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert mail.outbox == []


def test_a_proposed_step_answers_a_redirect_while_the_mail_server_is_down(coach_client, shared_case):
    with mail_server_down():
        response = post_proposal(coach_client, shared_case)

    assert response.status_code == 302
    assert ActionStep.objects.get(incident=shared_case).title == "Build an offer tracker"
    [task] = pending_tasks()
    assert task.task_path == "crisis_coach.coaching.tasks.send_proposal_email"
    assert mail.outbox == []


def test_a_failed_send_is_retried_later_and_goes_exactly_once(
    coach_client, client_user, discreet_off, shared_case
):
    with mail_server_down():
        post_comment(coach_client, shared_case)
        post_proposal(coach_client, shared_case)
        assert run_pending_tasks() == 2
    # The next attempts wait their delay: a worker running now sends nothing.
    for retry in pending_tasks():
        assert abs(retry.run_after - timezone.now() - RETRY_DELAYS[0]) < datetime.timedelta(seconds=5)
    assert run_pending_tasks() == 0

    skip_the_wait()
    assert run_pending_tasks() == 2

    assert sorted(message.subject for message in mail.outbox) == [
        "Casey Coach commented on “Missed a counter-offer”",
        "Casey Coach proposed a step for “Missed a counter-offer”",
    ]
    assert {tuple(message.to) for message in mail.outbox} == {(client_user.email,)}
    assert run_pending_tasks() == 0
    assert len(mail.outbox) == 2


def test_the_worker_sends_the_email_once(coach_client, shared_case):
    post_comment(coach_client, shared_case)
    assert mail.outbox == []  # the page only queued it

    assert run_pending_tasks() == 1
    assert len(mail.outbox) == 1
    assert run_pending_tasks() == 0
    assert len(mail.outbox) == 1


def test_nothing_is_sent_to_a_client_who_deleted_their_account_meanwhile(
    coach_client, client_user, shared_case
):
    post_comment(coach_client, shared_case)
    post_proposal(coach_client, shared_case)
    account_delete(user=client_user)

    assert run_pending_tasks() == 2
    assert mail.outbox == []
    assert not DBTaskResult.objects.filter(status="FAILED").exists()


def test_nothing_is_sent_when_the_coach_deleted_their_account_meanwhile(coach_client, coach, shared_case):
    post_comment(coach_client, shared_case)
    post_proposal(coach_client, shared_case)
    account_delete(user=coach)

    assert run_pending_tasks() == 2
    assert mail.outbox == []


def test_nothing_is_sent_to_a_client_who_turned_emails_off_meanwhile(coach_client, client_user, shared_case):
    post_comment(coach_client, shared_case)
    post_proposal(coach_client, shared_case)
    reminder_settings = settings_for(client_user)
    reminder_settings.frequency = Frequency.NEVER
    reminder_settings.save()

    assert run_pending_tasks() == 2
    assert mail.outbox == []


def test_after_the_last_attempt_the_task_is_failed_and_staff_can_retry_it(
    coach_client, discreet_off, shared_case
):
    post_comment(coach_client, shared_case)
    with mail_server_down():
        for _attempt in range(len(RETRY_DELAYS) + 1):
            skip_the_wait()
            assert run_pending_tasks() == 1
    assert not pending_tasks().exists()
    failed = DBTaskResult.objects.get(status="FAILED")
    assert failed.exception_class_path == "crisis_coach.common.tasks.EmailNotSent"
    assert "ConnectionRefusedError on each of 6 attempts" in failed.traceback
    assert failed.args_kwargs["kwargs"]["attempt"] == len(RETRY_DELAYS) + 1
    assert mail.outbox == []

    staff = make_user(is_staff=True, is_superuser=True, two_factor=True)
    coach_client.force_login(staff)
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    assert "Retry the selected failed tasks" in coach_client.get(changelist).content.decode()
    response = coach_client.post(
        changelist, {"action": "retry", "_selected_action": [str(failed.pk)]}, follow=True
    )

    assert "Tasks queued again: 1." in response.content.decode()
    [retry] = pending_tasks()
    assert retry.args_kwargs["kwargs"]["attempt"] == 1  # the usual retries follow, should it fail again
    assert not DBTaskResult.objects.filter(status="FAILED").exists()
    assert run_pending_tasks() == 1
    [message] = mail.outbox
    assert "Talk to your manager today." in message.body


def test_staff_without_change_permission_see_tasks_but_cannot_retry_them(client):
    viewer = make_user(is_staff=True, two_factor=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_dbtaskresult"))
    client.force_login(viewer)
    response = client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    assert response.status_code == 200
    assert "Retry the selected failed tasks" not in response.content.decode()


def test_a_task_left_running_by_a_worker_that_died_is_queued_again(coach_client, shared_case):
    post_comment(coach_client, shared_case)
    dead_worker_task = pending_tasks().get()
    dead_worker_task.claim("worker-that-died")  # it took the task, then was killed
    assert run_pending_tasks() == 0

    call_command("requeue_abandoned_tasks", stdout=io.StringIO())
    assert run_pending_tasks() == 0  # a task may run this long; it is not yet taken for abandoned

    DBTaskResult.objects.filter(pk=dead_worker_task.pk).update(started_at=timezone.now() - ABANDONED_AFTER)
    out = io.StringIO()
    call_command("requeue_abandoned_tasks", stdout=out)
    assert "1 task(s) queued again" in out.getvalue()
    assert run_pending_tasks() == 1
    assert len(mail.outbox) == 1


def test_a_task_whose_worker_died_after_the_mail_server_accepted_is_failed_not_sent_twice(
    coach_client, shared_case, client
):
    post_comment(coach_client, shared_case)
    with worker_killed_after_the_mail_server_accepts() as database_at_the_kill:
        run_pending_tasks()
    assert len(mail.outbox) == 1
    database_at_the_kill.restore()  # the worker never stored the task's result
    DBTaskResult.objects.filter(status="RUNNING").update(started_at=timezone.now() - ABANDONED_AFTER)

    out = io.StringIO()
    call_command("requeue_abandoned_tasks", stdout=out)
    assert "0 task(s) queued again" in out.getvalue()
    assert run_pending_tasks() == 0
    assert len(mail.outbox) == 1

    # Staff see why in the admin, and may still retry it.
    failed = DBTaskResult.objects.get(status="FAILED")
    assert failed.exception_class_path == "crisis_coach.common.tasks.EmailMaybeSent"
    assert "the email may have been sent" in failed.traceback
    staff = make_user(is_staff=True, is_superuser=True, two_factor=True)
    client.force_login(staff)
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    client.post(changelist, {"action": "retry", "_selected_action": [str(failed.pk)]})
    assert run_pending_tasks() == 1
    assert len(mail.outbox) == 2
