"""The task worker inside a test: run what is due, once, at a moment the test chooses.

Emails about events are tasks (crisis_coach/common/tasks.py) on the database backend, in tests as in
production. A test queues them through the real pages, then calls `run_pending_tasks()` where the
worker would have run, and reads Django's outbox.
"""

import contextlib

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as OutboxBackend
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_pending_tasks() -> int:
    """Run every task that is due now, as one pass of `manage.py db_worker --batch`; how many ran.

    Each task is claimed and run by the backend's own Worker. Not the command itself: between tasks it
    closes old connections, which would close the test's transaction under it.
    """
    worker = Worker(
        queue_names=["*"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    )
    ran = 0
    while True:
        with transaction.atomic():
            row = DBTaskResult.objects.ready().get_locked()
            if row is None:
                return ran
            row.claim(worker.worker_id)
        worker.run_task(row)
        ran += 1


def pending_tasks():
    """The queued tasks no worker has run yet, due now or later (a scheduled retry)."""
    return DBTaskResult.objects.filter(status="READY")


class MailServerDownBackend(BaseEmailBackend):
    """A mail server that refuses connections, as smtplib reports it."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


def mail_server_down():
    """`with mail_server_down():` every email sent inside fails, as with the SMTP server down."""
    return override_settings(EMAIL_BACKEND="tests.tasks.MailServerDownBackend")


def skip_the_wait() -> None:
    """Make every scheduled task due now, as if its retry delay had passed."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


class _RunningTasksAtTheKill:
    """The running task rows as they stood when the mail server accepted an email."""

    rows: list[dict] = []

    def restore(self) -> None:
        """Put those rows back, as a worker SIGKILLed at that moment leaves them."""
        for row in self.rows:
            DBTaskResult.objects.filter(pk=row["pk"]).update(**{k: v for k, v in row.items() if k != "pk"})


class AcceptThenDieBackend(OutboxBackend):
    """Django's outbox that notes the running tasks' rows the instant it accepts a message."""

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        fields = ["pk", "status", "return_value", "finished_at", "exception_class_path", "traceback"]
        _RunningTasksAtTheKill.rows = list(DBTaskResult.objects.filter(status="RUNNING").values(*fields))
        return sent


@contextlib.contextmanager
def worker_killed_after_the_mail_server_accepts():
    """`with ... as database_at_the_kill:` send as usual; then `database_at_the_kill.restore()` puts
    the task rows back as they were when the mail server accepted, before the worker stored results."""
    _RunningTasksAtTheKill.rows = []
    with override_settings(EMAIL_BACKEND="tests.tasks.AcceptThenDieBackend"):
        yield _RunningTasksAtTheKill()
