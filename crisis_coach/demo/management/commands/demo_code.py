from django.core.management.base import BaseCommand

from crisis_coach.demo.seed import DEMO_COACH, demo_coach_code


class Command(BaseCommand):
    help = "Print the demo coach's two-factor sign-in code for now (it changes every 30 seconds)."

    def handle(self, *args, **options):
        self.stdout.write(f"{DEMO_COACH.email}: {demo_coach_code()}")
