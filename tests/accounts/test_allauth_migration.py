"""The move to django-allauth keeps everyone who had an account: after the migrations their address is a
verified primary EmailAddress (sign-in now needs one), the browsers they were signed in on stay signed
in, and their password still signs them in."""

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils.crypto import salted_hmac

from crisis_coach.accounts.models import User
from tests.factories import PASSWORD

# Where a database stood before allauth: our accounts app before its allauth migrations, and none of
# allauth's tables.
BEFORE = [
    ("accounts", "0003_user_discreet_mode"),
    ("account", None),
    ("mfa", None),
    ("usersessions", None),
]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def before_allauth():
    """The schema as it was before allauth; the historical User model of then. Afterwards the whole
    schema again, as the rest of the suite expects, even if the test failed half way."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield executor.loader.project_state([BEFORE[0]]).apps.get_model("accounts", "User")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def signed_in_session(user_id: int, password_hash: str) -> str:
    """A session as the app's sign-in wrote it before allauth: Django's ModelBackend (the one that
    authenticated behind axes' backend) and Django's own session hash of the password."""
    session = SessionStore()
    session[SESSION_KEY] = str(user_id)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = salted_hmac(
        "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash", password_hash, algorithm="sha256"
    ).hexdigest()
    session.create()
    return session.session_key


def test_an_account_from_before_allauth_keeps_its_address_its_session_and_its_password(
    before_allauth, client
):
    password_hash = make_password(PASSWORD)
    old = before_allauth.objects.create(
        email="old@example.test", display_name="Old Timer", password=password_hash
    )
    session_key = signed_in_session(old.pk, password_hash)

    migrate_to_latest()

    user = User.objects.get(pk=old.pk)
    [address] = EmailAddress.objects.filter(user=user)
    assert (address.email, address.primary, address.verified) == ("old@example.test", True, True)

    # The browser that was signed in still is: its pages open, no sign-in page.
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    today = client.get(reverse("reminders:today"))
    assert today.status_code == 200
    assert today.wsgi_request.user == user

    # And the old password signs in on allauth's page, the address counting as verified.
    client.cookies.clear()
    response = client.post(reverse("account_login"), {"login": "old@example.test", "password": PASSWORD})
    assert (response.status_code, response.url) == (302, reverse("home"))
    assert client.get(reverse("reminders:today")).status_code == 200


def test_every_account_gets_exactly_one_address_lower_cased(before_allauth):
    before_allauth.objects.create(email="first@example.test", display_name="First", password="!")
    before_allauth.objects.create(email="Second.Person@Example.test", display_name="Second", password="!")

    migrate_to_latest()

    assert sorted(EmailAddress.objects.values_list("user__display_name", "email", "primary", "verified")) == [
        ("First", "first@example.test", True, True),
        ("Second", "second.person@example.test", True, True),
    ]
