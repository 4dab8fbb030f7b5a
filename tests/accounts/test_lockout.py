"""Guessing passwords is useless: django-axes locks out the address, and the account from it."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command

from crisis_coach.accounts.models import SecurityEvent
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def sign_in(client, email, password, ip="203.0.113.7"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def fail(client, email, times, ip="203.0.113.7"):
    return [sign_in(client, email, "a-wrong-guess", ip=ip).status_code for _ in range(times)]


def test_five_wrong_passwords_lock_out_even_the_right_one(client, client_user):
    # The fifth wrong guess already answers with the lockout page.
    assert fail(client, client_user.email, 5) == [200, 200, 200, 200, 429]

    response = sign_in(client, client_user.email, PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed sign-ins" in page
    assert "paused for 15 minutes" in page
    assert 'class="navbar-brand' in page  # our layout, not a bare text response
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_still_let_the_owner_in(client, client_user):
    fail(client, client_user.email, 4)
    assert sign_in(client, client_user.email, PASSWORD).status_code == 302


def test_the_address_is_locked_out_whatever_account_it_tries_next(client, client_user):
    for number in range(5):
        fail(client, f"guess{number}@example.test", 1)

    assert sign_in(client, client_user.email, PASSWORD).status_code == 429


def test_letter_case_does_not_buy_more_guesses(client, client_user):
    for variant in ("ALEX", "Alex", "aLeX", "alex", "ALex"):
        fail(client, client_user.email.replace("user", variant), 1)
    assert AccessAttempt.objects.count() >= 1
    assert sign_in(client, client_user.email.upper(), PASSWORD).status_code == 429


def test_the_owner_from_another_address_is_not_locked_out(client, client_user):
    fail(client, client_user.email, 5, ip="203.0.113.7")
    assert sign_in(client, client_user.email, PASSWORD, ip="198.51.100.20").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, client_user):
    fail(client, client_user.email, 5)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )

    assert sign_in(client, client_user.email, PASSWORD).status_code == 302


def test_staff_can_lift_a_lockout_with_axes_reset(client, client_user):
    fail(client, client_user.email, 5)
    call_command("axes_reset", verbosity=0)
    assert sign_in(client, client_user.email, PASSWORD).status_code == 302


def test_staff_see_and_lift_lockouts_in_the_admin(client, client_user):
    fail(client, client_user.email, 5)
    staff = make_user(is_staff=True, is_superuser=True)
    client.force_login(staff)

    response = client.get("/admin/axes/accessattempt/")

    assert response.status_code == 200
    assert "203.0.113.7" in response.content.decode()


def test_failed_sign_ins_reach_the_owners_security_page_only(client, client_user):
    assert fail(client, client_user.email, 2) == [200, 200]
    assert fail(client, "nobody@example.test", 1) == [200]

    kinds = list(SecurityEvent.objects.values_list("user", "kind", "ip"))
    assert kinds == [(client_user.pk, "sign_in_failed", "203.0.113.7")] * 2


def test_a_refused_sign_in_during_lockout_is_recorded_as_such(client, client_user):
    fail(client, client_user.email, 5)
    sign_in(client, client_user.email, PASSWORD)
    # The fifth failure starts the lockout; the right password during it is refused too.
    assert SecurityEvent.objects.filter(user=client_user, kind="sign_in_failed").count() == 4
    assert SecurityEvent.objects.filter(user=client_user, kind="sign_in_blocked").count() == 2


def test_the_login_page_says_the_same_for_a_wrong_password_and_an_unknown_address(client, client_user):
    wrong_password = sign_in(client, client_user.email, "a-wrong-guess", ip="198.51.100.1")
    unknown = sign_in(client, "nobody@example.test", "a-wrong-guess", ip="198.51.100.2")

    def errors(response):
        return response.context["form"].non_field_errors()

    assert errors(wrong_password) == errors(unknown)
    assert errors(unknown)


def test_the_address_behind_trusted_proxies_is_the_one_locked_out(client, client_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(5):
        client.post(
            LOGIN,
            {"username": client_user.email, "password": "a-wrong-guess"},
            REMOTE_ADDR="10.0.0.2",  # the load balancer
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.7",  # spoofed left part, then the client
        )
    locked = client.post(
        LOGIN,
        {"username": client_user.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    other_client = client.post(
        LOGIN,
        {"username": client_user.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert locked.status_code == 429
    assert other_client.status_code == 302
