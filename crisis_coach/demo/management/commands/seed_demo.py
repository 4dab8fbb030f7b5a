from django.core.management.base import BaseCommand

from crisis_coach.demo.seed import DEMO_CLIENT, DEMO_COACH, seed_demo


class Command(BaseCommand):
    help = "Create the demo client and coach (and their example data) if they do not exist yet."

    def handle(self, *args, **options):
        seed_demo()
        self.stdout.write("Demo logins (http://127.0.0.1:8000/accounts/login/):")
        for login in (DEMO_CLIENT, DEMO_COACH):
            role = "coach " if login.is_coach else "client"
            self.stdout.write(f"  {role}  {login.email}  /  {login.password}")
        self.stdout.write("  The coach signs in with two-factor sign-in: `make demo-code` prints the code.")
