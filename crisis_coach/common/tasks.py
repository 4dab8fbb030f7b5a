"""Email tasks: an email sent because something happened is queued by the page and sent by a worker.

The queue is Django's tasks API (the `django-tasks` backport) on its database backend
(`django-tasks-db`): `manage.py db_worker` runs what is queued. A page only inserts a row, in the same
transaction as the change the email reports, so a failing mail server never breaks a page and a
rolled-back change sends nothing.

Tasks take ids, never objects, and look everything up when they run: what was deleted meanwhile (an
account, a comment) sends nothing, and no personal data waits in the queue.

Delivery is exactly once or recorded as failed. An email task marks its row "sending" before it
talks to the mail server; a worker that dies before that point leaves a task that is queued again,
and one that dies after it leaves a task stored as failed, because the email may have gone
(abandoned_tasks_requeue). Staff see it in the admin and retry it if the person never got it.
"""

import datetime
import functools
import logging
import smtplib

from django.db import transaction
from django.db.models import Case, F, Min, When
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)

# The backport has no retries of its own, so an email task schedules its next attempt itself: a new
# task, `run_after` the delay, carrying the attempt number. About 13 hours in all, enough for a mail
# server to come back; after the last attempt the error is raised, the task is stored as failed, and
# staff retry it in the admin (crisis_coach/common/admin.py).
RETRY_DELAYS = [datetime.timedelta(minutes=minutes) for minutes in (1, 5, 25, 125, 625)]
# smtplib's errors are OSErrors already; named for the reader. A refused connection, a timeout or a
# name that does not resolve is an OSError too.
MAIL_SERVER_ERRORS = (smtplib.SMTPException, OSError)


class EmailNotSent(Exception):
    """The mail server failed on every attempt; staff can retry the task in the admin."""


class EmailMaybeSent(Exception):
    """The worker stopped while sending: the mail server may have accepted the email. Staff retry the
    task in the admin only if the person did not get it."""


# Stored as the running row's return value while its email is being sent; the worker replaces it with
# the real result when the task ends. The backend's row has no other field a task may write.
SENDING = {"sending": True}


def email_task(function):
    """Make `function` a task that sends one email, retried with backoff while the mail server fails.

    `function` takes keyword arguments only, JSON values (ids, not objects), and returns whether it
    sent an email. Queue it with `function.enqueue(**kwargs)`.
    """

    @functools.wraps(function)
    def run(context, *, attempt: int = 1, **kwargs) -> dict:
        # Committed at once (the worker runs tasks outside a transaction), so it outlives a worker
        # killed from here on.
        DBTaskResult.objects.filter(pk=context.task_result.id).update(return_value=SENDING)
        try:
            sent = function(**kwargs)
        except MAIL_SERVER_ERRORS as error:
            if attempt > len(RETRY_DELAYS):
                # Stored as the failed task's traceback, which outlives an account deletion: the error's
                # class only, since an SMTP refusal's text may name the recipient.
                raise EmailNotSent(f"{type(error).__name__} on each of {attempt} attempts") from None
            next_attempt_at = timezone.now() + RETRY_DELAYS[attempt - 1]
            queued.using(run_after=next_attempt_at).enqueue(attempt=attempt + 1, **kwargs)
            # The error's class only, in the log and in the result: an SMTP refusal's text may name the
            # recipient. This attempt ends "successful" in the admin; its return value says it sent nothing.
            error_name = type(error).__name__
            logger.warning(
                "%s failed (attempt %d: %s); next attempt at %s",
                queued.name,
                attempt,
                error_name,
                next_attempt_at,
            )
            return {"sent": False, "error": error_name, "next_attempt_at": next_attempt_at.isoformat()}
        return {"sent": sent}

    # The task keeps `function`'s name and module (its path in the queue), but the backend must see
    # run's own signature, whose first argument is the context.
    del run.__wrapped__
    queued = task(run, takes_context=True)
    return queued


# A worker that dies (killed, out of memory, the machine restarts) leaves its task "running" for ever:
# the backport never takes it back. An email task finishes in seconds (EMAIL_TIMEOUT bounds each
# step of SMTP), so one still running after this long was abandoned.
ABANDONED_AFTER = datetime.timedelta(minutes=15)


def _requeue(row, *, first_attempt: bool) -> None:
    """Queue the task of `row` again, with the same arguments, and drop `row`."""
    result = row.task_result
    kwargs = result.kwargs
    if first_attempt and "attempt" in kwargs:
        kwargs = {**kwargs, "attempt": 1}
    # The task as declared, not `row.task`, which keeps the old run_after.
    import_string(row.task_path).using(priority=row.priority, queue_name=row.queue_name).enqueue(
        *result.args, **kwargs
    )
    row.delete()


@transaction.atomic
def failed_tasks_retry(results) -> int:
    """Queue failed tasks again, from their first attempt, and drop the failed rows; returns how many.

    `results` is a queryset of django_tasks_db's DBTaskResult. For staff: the admin's "Retry" action.
    """
    rows = list(results.filter(status=TaskResultStatus.FAILED).select_for_update(skip_locked=True))
    for row in rows:
        _requeue(row, first_attempt=True)
    return len(rows)


@transaction.atomic
def abandoned_tasks_requeue(*, now: datetime.datetime | None = None) -> int:
    """Take back the tasks a dead worker left running; returns how many were queued again.

    A task that had not begun to send is queued again. An email task marked SENDING is stored as
    failed instead (EmailMaybeSent): queueing it again would send twice whenever the worker died after
    the mail server accepted the email. For `manage.py requeue_abandoned_tasks` (cron, every 15
    minutes) and `make worker`.
    """
    since = (now or timezone.now()) - ABANDONED_AFTER
    abandoned = DBTaskResult.objects.running().filter(started_at__lt=since)
    requeued = 0
    for row in abandoned.select_for_update(skip_locked=True):
        if row.return_value == SENDING:
            logger.warning("Task %s (%s) abandoned while sending; stored as failed", row.pk, row.task_path)
            row.set_failed(EmailMaybeSent("The worker stopped while sending; the email may have been sent."))
            continue
        logger.warning("Task %s (%s) was abandoned by its worker; queued again", row.pk, row.task_path)
        _requeue(row, first_attempt=False)
        requeued += 1
    return requeued


def oldest_pending_task_seconds(*, now: datetime.datetime | None = None) -> int:
    """How long the task that has waited longest for a worker has been due, in seconds (0: none).

    For /healthz: a stopped worker shows as a growing number. A retry scheduled for later is not
    due yet and does not count. One scan of the backend's partial index on ready tasks.
    """
    now = now or timezone.now()
    # A task queued without run_after is stored with the backend's far-future marker: due since queued.
    due_since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
    oldest = DBTaskResult.objects.ready().aggregate(oldest=Min(due_since))["oldest"]
    if oldest is None:
        return 0
    return max(0, int((now - oldest).total_seconds()))
