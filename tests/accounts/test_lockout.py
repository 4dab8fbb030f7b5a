"""Guessing passwords is useless, and nobody's guesses lock out anybody else.

allauth's rate limits (settings.ACCOUNT_RATE_LIMITS) pause one account from one address after 5
failures, and a whole address only after 60 failures across accounts.
"""

from datetime import timedelta

import pytest

from crisis_coach.accounts.models import SecurityEvent
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
OFFICE = "203.0.113.7"  # one NAT address for a whole office


def sign_in(client, email, password, ip=OFFICE):
    return client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=ip)


def fail(client, email, times, ip=OFFICE):
    return [sign_in(client, email, "a-wrong-guess", ip=ip).status_code for _ in range(times)]


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_five_wrong_passwords_pause_even_the_right_one_from_that_address(client, client_user):
    assert fail(client, client_user.email, 5) == [200] * 5

    response = sign_in(client, client_user.email, PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed sign-ins for this account from here" in page
    assert "paused for 15 minutes" in page
    assert "other accounts are not affected" in page
    assert 'class="navbar-brand' in page  # our layout, not a bare text response
    assert not signed_in(client)


def test_four_wrong_passwords_still_let_the_owner_in(client, client_user):
    fail(client, client_user.email, 4)
    assert sign_in(client, client_user.email, PASSWORD).status_code == 302
    assert signed_in(client)


def test_a_locked_account_never_locks_out_a_colleague_at_the_same_address(client, client_user):
    colleague = make_user()
    fail(client, client_user.email, 12)
    assert sign_in(client, client_user.email, PASSWORD).status_code == 429

    response = sign_in(client, colleague.email, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_the_owner_from_another_address_is_not_locked_out(client, client_user):
    fail(client, client_user.email, 5, ip=OFFICE)
    assert sign_in(client, client_user.email, PASSWORD, ip="198.51.100.20").status_code == 302


def test_credential_stuffing_from_one_address_pauses_that_address(client, client_user):
    # 60 failures across 60 accounts (none reaches its own limit), then the address itself is paused.
    for number in range(60):
        fail(client, f"guess{number}@example.test", 1)

    assert sign_in(client, client_user.email, PASSWORD).status_code == 429
    assert sign_in(client, client_user.email, PASSWORD, ip="198.51.100.20").status_code == 302


def test_an_office_of_people_mistyping_stays_far_below_the_address_limit(client):
    people = [make_user() for _ in range(10)]
    for person in people:
        fail(client, person.email, 2)  # everyone mistypes twice before coffee
    assert all(sign_in(client, person.email, PASSWORD).status_code == 302 for person in people)


def test_letter_case_does_not_buy_more_guesses(client, client_user):
    email = client_user.email
    for variant in (email.upper(), email.title(), email.swapcase(), email.capitalize(), f" {email} "):
        fail(client, variant, 1)
    assert sign_in(client, email, PASSWORD).status_code == 429


def test_the_pause_ends_after_15_minutes(client, client_user, clock):
    fail(client, client_user.email, 5)
    clock.shift(timedelta(minutes=16))
    assert sign_in(client, client_user.email, PASSWORD).status_code == 302


def test_failed_sign_ins_reach_the_owners_security_page_only(client, client_user):
    assert fail(client, client_user.email, 2) == [200, 200]
    assert fail(client, "nobody@example.test", 1) == [200]

    kinds = list(SecurityEvent.objects.values_list("user", "kind", "ip"))
    assert kinds == [(client_user.pk, "sign_in_failed", OFFICE)] * 2


def test_a_refused_sign_in_during_the_pause_is_recorded_as_such(client, client_user):
    fail(client, client_user.email, 5)
    sign_in(client, client_user.email, PASSWORD)
    assert SecurityEvent.objects.filter(user=client_user, kind="sign_in_failed").count() == 5
    assert SecurityEvent.objects.filter(user=client_user, kind="sign_in_blocked").count() == 1


def test_the_login_page_says_the_same_for_a_wrong_password_and_an_unknown_address(client, client_user):
    wrong_password = sign_in(client, client_user.email, "a-wrong-guess", ip="198.51.100.1")
    unknown = sign_in(client, "nobody@example.test", "a-wrong-guess", ip="198.51.100.2")

    def errors(response):
        return response.context["form"].non_field_errors()

    assert errors(wrong_password) == errors(unknown)
    assert errors(unknown)


def test_the_address_behind_trusted_proxies_is_the_one_counted(client, client_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1

    def through_proxy(password, forwarded_for):
        return client.post(
            LOGIN,
            {"login": client_user.email, "password": password},
            REMOTE_ADDR="10.0.0.2",  # the load balancer
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    for number in range(5):
        through_proxy("a-wrong-guess", f"192.0.2.{number}, {OFFICE}")  # spoofed left part, then the client
    assert through_proxy(PASSWORD, OFFICE).status_code == 429
    assert through_proxy(PASSWORD, "198.51.100.9").status_code == 302


@pytest.mark.parametrize(
    "language, minutes, says",
    [("en", 1, "paused for 1 minute;"), ("ar", 1, "مدة دقيقة واحدة؛"), ("ar", 2, "مدة دقيقتين؛"),
     ("ar", 15, "مدة 15 دقيقة؛"), ("ar", 5, "مدة 5 دقائق؛"), ("zh-hant", 15, "15 分鐘")],
)  # fmt: skip
def test_the_pause_message_says_sign_in_pause_in_the_readers_language(
    client, client_user, settings, language, minutes, says
):
    settings.SIGN_IN_PAUSE = timedelta(minutes=minutes)
    client.cookies["django_language"] = language
    fail(client, client_user.email, 5)
    assert says in sign_in(client, client_user.email, PASSWORD).content.decode()
