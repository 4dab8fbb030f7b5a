from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from crisis_coach.common.services import TOKENS_KEPT, submission_tokens_purge
from crisis_coach.incidents.hooks import trash_purging
from crisis_coach.incidents.services import TRASH_DAYS, trash_purge


class Command(BaseCommand):
    help = (
        f"Delete for good the setbacks (and the evidence entries of a case) that have been in the trash "
        f"for more than {TRASH_DAYS} days, and the double-submit tokens of create forms older than "
        f"{TOKENS_KEPT.days} day."
    )

    def handle(self, *args, **options):
        count = trash_purge()
        self.stdout.write(f"Purged {count} setback(s) from the trash.")
        cutoff = timezone.now() - timedelta(days=TRASH_DAYS)
        for receiver, purged in trash_purging.send(sender=None, cutoff=cutoff):
            self.stdout.write(f"Purged {purged} row(s) from the trash ({receiver.__module__}).")
        tokens = submission_tokens_purge()
        self.stdout.write(f"Forgot {tokens} double-submit token(s).")
