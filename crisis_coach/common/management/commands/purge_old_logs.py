from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from crisis_coach.common import retention


class Command(BaseCommand):
    help = (
        "Delete the security events and the log of coaches' case views older than LOG_RETENTION_MONTHS "
        "(13 by default). Idempotent: run it daily from cron; send_reminders also deletes a few batches "
        "on each pass."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        cutoff = retention.retention_cutoff(now)
        for name, deleted in retention.logs_purge(now=now).items():
            self.stdout.write(
                f"Deleted {deleted} {name} older than {settings.LOG_RETENTION_MONTHS} month(s) "
                f"(before {cutoff:%Y-%m-%d %H:%M} UTC)."
            )
