"""Passwords are hashed with Argon2; older PBKDF2 hashes still work and are upgraded on sign-in."""

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.test import override_settings

from crisis_coach import settings as project_settings
from tests.factories import PASSWORD, make_user

REAL_HASHERS = project_settings.PASSWORD_HASHERS


def test_argon2_comes_first_and_pbkdf2_remains_for_existing_hashes():
    assert REAL_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in REAL_HASHERS
    # The suite itself runs with a fast hasher (tests/conftest.py); production never does.
    assert settings.PASSWORD_HASHERS != REAL_HASHERS


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=REAL_HASHERS)
def test_a_new_password_is_stored_as_argon2():
    user = make_user()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(PASSWORD)


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=REAL_HASHERS)
def test_an_old_pbkdf2_hash_still_signs_in_and_is_upgraded_to_argon2(client):
    user = make_user()
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
