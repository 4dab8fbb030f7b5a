import logging
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Development (make worker): run the task worker (db_worker, which sends the emails pages queue) "
        "and, every 15 minutes, send_reminders and requeue_abandoned_tasks, until Ctrl-C. Production "
        "runs db_worker as a service and the other two from cron or a timer (README, Reminders)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=900, help="seconds between digest runs (900)")

    def handle(self, *args, every, **options):
        worker = subprocess.Popen([sys.executable, str(settings.BASE_DIR / "manage.py"), "db_worker"])
        try:
            self._sweep_while_worker_runs(worker, every=every)
        except KeyboardInterrupt:
            # Ctrl-C reached db_worker too (one process group): it finishes its task, then exits.
            worker.wait()
        finally:
            if worker.poll() is None:
                worker.terminate()
                worker.wait()

    def _sweep_while_worker_runs(self, worker, *, every: int) -> None:
        while True:
            for command in ("send_reminders", "requeue_abandoned_tasks"):
                try:
                    call_command(command, stdout=self.stdout)
                except Exception:
                    # Like a failed cron run (the database was away): the next run does what is due.
                    logger.exception("%s failed", command)
            connections.close_all()  # not held open while idle for 15 minutes
            try:
                worker.wait(timeout=every)
            except subprocess.TimeoutExpired:
                continue
            raise CommandError(f"db_worker stopped (exit code {worker.returncode})")
