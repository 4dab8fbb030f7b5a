from django.core.management.base import BaseCommand

from crisis_coach.common.tasks import ABANDONED_AFTER, abandoned_tasks_requeue


class Command(BaseCommand):
    help = (
        f"Queue again the tasks (emails) that a worker which died left running for more than "
        f"{int(ABANDONED_AFTER.total_seconds() // 60)} minutes. Safe to run as often as you like: every "
        "15 minutes from cron or a timer, beside send_reminders."
    )

    def handle(self, *args, **options):
        requeued = abandoned_tasks_requeue()
        self.stdout.write(f"requeue_abandoned_tasks: {requeued} task(s) queued again")
