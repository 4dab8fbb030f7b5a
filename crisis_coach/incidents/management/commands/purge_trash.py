from django.core.management.base import BaseCommand

from crisis_coach.common.services import TOKENS_KEPT, submission_tokens_purge
from crisis_coach.incidents.services import TRASH_DAYS, trash_purge


class Command(BaseCommand):
    help = (
        f"Delete for good the setbacks that have been in the trash for more than {TRASH_DAYS} days, "
        f"and the double-submit tokens of create forms older than {TOKENS_KEPT.days} day."
    )

    def handle(self, *args, **options):
        count = trash_purge()
        self.stdout.write(f"Purged {count} setback(s) from the trash.")
        tokens = submission_tokens_purge()
        self.stdout.write(f"Forgot {tokens} double-submit token(s).")
