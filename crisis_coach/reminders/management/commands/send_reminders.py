import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from crisis_coach.reminders import hooks
from crisis_coach.reminders.services import digests_send_due


class Command(BaseCommand):
    help = (
        "Email each person who wants it a digest of what is due. Idempotent: run it every 15 minutes "
        "(cron, a systemd timer or `make worker`); each digest goes once per day or week."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help="Pretend it is this ISO 8601 moment, e.g. 2026-11-22T23:30:00+00:00 (tests, replays).",
        )

    def handle(self, *args, now=None, **options):
        moment = timezone.now()
        if now:
            moment = parse_datetime(now)
            if moment is None:
                raise CommandError(f"--now must be an ISO 8601 date and time, not {now!r}")
            if timezone.is_naive(moment):
                moment = moment.replace(tzinfo=datetime.UTC)
        run = digests_send_due(now=moment)
        self.stdout.write(f"send_reminders: {run.sent} digest(s) sent")
        failed = run.failed
        # The other periodic jobs (the coach's weekly digest, old log rows), registered in reminders.hooks.
        for job in hooks.periodic_jobs:
            sent, job_failed = job.run(now=moment)
            self.stdout.write(f"send_reminders: {sent} {job.name} {job.done}")
            failed += job_failed
        if failed:
            # A non-zero exit, so cron mails it and a systemd unit shows "failed"; the log has each error,
            # and the next run retries these digests.
            raise CommandError(f"{failed} digest(s) or job(s) failed; see the log. The next run tries again.")
