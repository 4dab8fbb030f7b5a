"""The admin opens only to staff who signed in through the app's sign-in with two-factor sign-in on."""

import pytest
from django.test import Client

from crisis_coach.accounts.models import SecurityEvent
from tests.factories import PASSWORD, make_user, totp_code

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_the_apps_sign_in(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1] == ("/accounts/login/?next=%2Fadmin%2F", 302)
    assert response.status_code == 200
    assert 'name="login"' in response.content.decode()


def test_staff_with_two_factor_sign_in_through_the_app_and_reach_the_admin(client):
    staff = make_user(is_staff=True, is_superuser=True, two_factor=True)

    signed = client.post("/accounts/login/?next=/admin/", {"login": staff.email, "password": PASSWORD})
    assert signed.url.startswith("/accounts/2fa/authenticate/")
    assert client.get("/admin/").status_code == 302  # the password alone is not enough
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()}, follow=True)

    assert response.redirect_chain[-1] == ("/admin/", 302)
    assert response.status_code == 200
    assert "Site administration" in response.content.decode()


def test_staff_without_two_factor_are_sent_to_set_it_up(client):
    staff = make_user(is_staff=True, is_superuser=True, two_factor=False)
    client.force_login(staff)

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1] == ("/accounts/2fa/", 302)
    assert "Turn on two-factor sign-in to open the admin." in response.content.decode()
    for url in ("/admin/accounts/user/", "/admin/django_tasks_database/dbtaskresult/"):
        assert client.get(url).status_code == 302


def test_people_who_are_not_staff_are_refused(client, client_user):
    client.force_login(client_user)

    assert client.get("/admin/", follow=True).status_code == 403
    assert client.get("/admin/login/").status_code == 403
    assert client.get("/admin/accounts/user/", follow=True).status_code == 403


def test_the_admins_own_password_form_signs_nobody_in(client):
    staff = make_user(is_staff=True, is_superuser=True, two_factor=True)

    response = client.post(
        "/admin/login/?next=/admin/", {"username": staff.email, "password": PASSWORD, "next": "/admin/"}
    )

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302
    assert not SecurityEvent.objects.filter(user=staff, kind="sign_in").exists()


def test_the_admins_sign_in_never_sends_staff_off_site():
    # A `next` pointing off-site is dropped: the admin's sign-in never sends anyone elsewhere.
    staff = make_user(is_staff=True, two_factor=True)
    browser = Client()
    browser.force_login(staff)

    response = browser.get("/admin/login/?next=https://evil.example/")

    assert response.status_code == 302
    assert response.url == "/admin/"
