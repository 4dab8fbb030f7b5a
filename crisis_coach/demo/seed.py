"""Demo data for `make run`: a demo client and a demo coach, created once and never overwritten.

Each app's part of the story is a module beside this one (coaching, incidents, network), called from
`seed_demo` below with the demo people; those functions must also leave existing data alone when run again.
"""

from dataclasses import dataclass

from django.db import transaction

from crisis_coach.accounts.models import User
from crisis_coach.accounts.services import user_sign_up
from crisis_coach.demo import coaching as coaching_demo
from crisis_coach.demo import incidents as incidents_demo
from crisis_coach.demo import network as network_demo


@dataclass(frozen=True)
class DemoLogin:
    email: str
    password: str
    display_name: str
    is_coach: bool = False


DEMO_CLIENT = DemoLogin("client@demo.crisiscoach.test", "demo-client-2026", "Alex Chen")
DEMO_COACH = DemoLogin("coach@demo.crisiscoach.test", "demo-coach-2026", "Dr. Layla Haddad", is_coach=True)
DEMO_SECOND_CLIENT = DemoLogin("sam@demo.crisiscoach.test", "demo-client-2026", "Sam Rivera")


@dataclass
class DemoPeople:
    client: User
    coach: User
    second_client: User


def _user(login: DemoLogin) -> User:
    existing = User.objects.filter(email__iexact=login.email).first()
    if existing:
        return existing
    return user_sign_up(
        email=login.email, password=login.password, display_name=login.display_name, is_coach=login.is_coach
    )


@transaction.atomic
def seed_demo() -> DemoPeople:
    people = DemoPeople(
        client=_user(DEMO_CLIENT), coach=_user(DEMO_COACH), second_client=_user(DEMO_SECOND_CLIENT)
    )
    incidents_demo.seed(people)
    network_demo.seed(people)
    coaching_demo.seed(people)  # last: it shares the incidents the demos above create
    return people
