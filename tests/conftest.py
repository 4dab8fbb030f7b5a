import pytest
from django.test import override_settings

from tests.factories import make_user

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def _plain_static_storage():
    # Production serves hashed static names from `collectstatic`; tests read files straight from the finders.
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        yield


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    # Argon2 takes ~0.5 s per hash by design; with it the suite (which creates hundreds of users) ran
    # ~70 s instead of ~30 s without browser tests. tests/accounts/test_passwords.py checks the real list.
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


@pytest.fixture
def client_user(db):
    """A person who logs setbacks (the product's 'client', not Django's test client)."""
    return make_user(display_name="Alex Client")


@pytest.fixture
def coach(db):
    return make_user(display_name="Casey Coach", is_coach=True)


@pytest.fixture
def stranger(db):
    return make_user(display_name="Sid Stranger")


@pytest.fixture
def logged_in(client, client_user):
    client.force_login(client_user)
    return client


@pytest.fixture(autouse=True)
def _reset_language():
    # A request as a zh-hant or ar user activates that language in this thread (the preferences
    # middleware); without this reset it would leak into whichever test runs next in the worker.
    yield
    from django.utils import timezone, translation

    translation.activate("en")
    timezone.deactivate()
