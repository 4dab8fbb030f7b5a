"""Demo data for `make run`: a demo client and a demo coach, created once and never overwritten.

Each app's part of the story is a module beside this one (coaching, evidence, incidents, network), called from
`seed_demo` below with the demo people; those functions must also leave existing data alone when run again.
"""

import time
from dataclasses import dataclass

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.db import transaction

from crisis_coach.accounts.models import User
from crisis_coach.accounts.services import user_sign_up
from crisis_coach.common.addressing import AddressAs
from crisis_coach.demo import coaching as coaching_demo
from crisis_coach.demo import evidence as evidence_demo
from crisis_coach.demo import incidents as incidents_demo
from crisis_coach.demo import network as network_demo
from crisis_coach.demo import practice as practice_demo
from crisis_coach.demo import radar as radar_demo
from crisis_coach.demo import wellbeing as wellbeing_demo


@dataclass(frozen=True)
class DemoLogin:
    email: str
    password: str
    display_name: str
    is_coach: bool = False
    # How the Arabic pages address them (common/addressing.py): Layla as a woman.
    address_as: str = AddressAs.NEUTRAL


DEMO_CLIENT = DemoLogin("client@demo.crisiscoach.test", "demo-client-2026", "Alex Chen")
DEMO_COACH = DemoLogin(
    "coach@demo.crisiscoach.test",
    "demo-coach-2026",
    "Dr. Layla Haddad",
    is_coach=True,
    address_as=AddressAs.FEMININE,
)
DEMO_SECOND_CLIENT = DemoLogin("sam@demo.crisiscoach.test", "demo-client-2026", "Sam Rivera")
# The demo coach has two-factor sign-in on, as every coach must: its authenticator-app secret is public,
# and `manage.py demo_code` prints the code it gives now.
DEMO_COACH_TOTP_SECRET = "KRUGKIDROVUWG2ZAMJZG653OEBTG66BA"


@dataclass
class DemoPeople:
    client: User
    coach: User
    second_client: User


def _user(login: DemoLogin) -> User:
    user = User.objects.filter(email__iexact=login.email).first() or user_sign_up(
        email=login.email, password=login.password, display_name=login.display_name, is_coach=login.is_coach
    )
    if user.address_as != login.address_as:
        user.address_as = login.address_as
        user.save(update_fields=["address_as"])
    # A demo database from before two-factor sign-in gets it too.
    if login.is_coach and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_COACH_TOTP_SECRET)
        RecoveryCodes.activate(user)  # as when a person turns it on: codes for a lost phone
    return user


def totp_code(secret: str) -> str:
    """The six digits an authenticator app shows now for `secret` (RFC 6238, as allauth checks it)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def demo_coach_code() -> str:
    """The code the demo coach's authenticator app would show now."""
    return totp_code(DEMO_COACH_TOTP_SECRET)


@transaction.atomic
def seed_demo() -> DemoPeople:
    people = DemoPeople(
        client=_user(DEMO_CLIENT), coach=_user(DEMO_COACH), second_client=_user(DEMO_SECOND_CLIENT)
    )
    incidents_demo.seed(people)
    network_demo.seed(people)
    evidence_demo.seed(people)  # after the network: a mentor heard of one of its facts
    radar_demo.seed(people)
    wellbeing_demo.seed(people)  # two weeks of check-ins, none today
    coaching_demo.seed(people)  # it shares the incidents the demos above create
    practice_demo.seed(people)  # the coach's playbook, sessions and nudge, on the shared case
    return people
