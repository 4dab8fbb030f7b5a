"""Sign-up through allauth: the account opens once its address is verified by a link in an email the
task worker sends; a taken address answers like a new one; reset and verification emails are rate
limited; a changed address is verified first and the old one is told."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import translation

from crisis_coach.accounts.models import QueuedEmail, User
from crisis_coach.coaching.models import CoachProfile
from tests.factories import PASSWORD, make_user
from tests.tasks import run_pending_tasks

pytestmark = pytest.mark.django_db

PASSPHRASE = "a-long-and-unusual-passphrase"
SIGNUP = {
    "display_name": "Mei Lin",
    "email": "mei@example.test",
    "time_zone": "Asia/Taipei",
    "password1": PASSPHRASE,
    "password2": PASSPHRASE,
}
SENT = reverse("account_email_verification_sent")


def without_csrf(response) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", response.content.decode())


def confirm_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", message.body).group(1)


def signed_in(client) -> bool:
    return client.get(reverse("accounts:settings")).status_code == 200


def test_sign_up_opens_the_account_once_the_link_in_the_email_is_followed(client):
    client.cookies["django_language"] = "zh-hant"
    response = client.post(reverse("account_signup"), {**SIGNUP, "is_coach": "on"}, follow=True)

    # The account exists, with what was typed, but nobody is signed in until the address is verified.
    assert response.redirect_chain == [(SENT, 302)]
    assert '<html lang="zh-hant"' in response.content.decode()
    with translation.override("zh-hant"):
        assert translation.gettext("Verify Your Email Address") in response.content.decode()
    user = User.objects.get()
    assert (user.email, user.display_name, user.time_zone, user.language) == (
        "mei@example.test",
        "Mei Lin",
        "Asia/Taipei",
        "zh-hant",
    )
    assert CoachProfile.objects.filter(user=user).exists()
    assert not EmailAddress.objects.get(user=user).verified
    assert not signed_in(client)

    # The email waits, rendered, for the worker; it goes to the address, in the page's language.
    [queued] = QueuedEmail.objects.all()
    assert queued.to == "mei@example.test"
    assert mail.outbox == []
    assert run_pending_tasks() == 1
    [message] = mail.outbox
    assert message.to == ["mei@example.test"]
    with translation.override("zh-hant"):
        assert message.subject == translation.gettext("Please Confirm Your Email Address")
    assert message.subject != "Please Confirm Your Email Address"
    assert not QueuedEmail.objects.exists()

    # Opening the link only asks (a mail scanner that follows links verifies nothing); the button does.
    link = confirm_link(message)
    page = client.get(link)
    assert page.status_code == 200
    assert '<form method="post" action="/accounts/confirm-email/' in page.content.decode()
    assert "mei@example.test" in page.content.decode()
    assert not EmailAddress.objects.get(user=user).verified
    assert not signed_in(client)

    response = client.post(link)
    assert response.status_code == 302
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == ("mei@example.test", True, True)
    assert signed_in(client)
    assert client.get(reverse("reminders:today")).status_code == 200


def test_a_client_who_signs_up_gets_no_coach_profile(client):
    client.post(reverse("account_signup"), SIGNUP)
    assert not User.objects.get().is_coach


def test_signing_up_with_a_taken_address_answers_as_for_a_new_one_and_tells_its_owner(client):
    owner = make_user(email="taken@example.test", display_name="Owner")
    new = client.post(reverse("account_signup"), {**SIGNUP, "email": "new@example.test"}, follow=True)
    client.cookies.clear()
    taken = client.post(reverse("account_signup"), {**SIGNUP, "email": "TAKEN@example.test"}, follow=True)

    assert new.redirect_chain == taken.redirect_chain == [(SENT, 302)]
    assert without_csrf(new).replace("new@example.test", "ADDRESS") == without_csrf(taken).replace(
        "taken@example.test", "ADDRESS"
    )
    # No second account, and the owner's is as it was.
    assert User.objects.filter(email__iexact="taken@example.test").get() == owner
    owner.refresh_from_db()
    assert (owner.display_name, owner.check_password(PASSWORD)) == ("Owner", True)
    assert not signed_in(client)

    assert run_pending_tasks() == 2
    to_owner = next(message for message in mail.outbox if message.to == ["taken@example.test"])
    assert to_owner.subject == "Account Already Exists"
    assert "/accounts/password/reset/" in to_owner.body
    assert "/accounts/confirm-email/" not in to_owner.body  # nothing to verify: the address is theirs
    to_newcomer = next(message for message in mail.outbox if message.to == ["new@example.test"])
    assert "/accounts/confirm-email/" in to_newcomer.body


def test_a_fourth_reset_request_within_the_hour_sends_no_fourth_email(client, client_user, clock):
    answers = [client.post(reverse("account_reset_password"), {"email": client_user.email}) for _ in range(4)]
    unknown = [
        client.post(reverse("account_reset_password"), {"email": "nobody@example.test"}) for _ in range(4)
    ]

    assert [answer.status_code for answer in answers[:3]] == [302, 302, 302]
    # The fourth answer is the same whether or not the address has an account.
    assert answers[3].status_code == unknown[3].status_code == 429  # allauth's "Too Many Requests"
    assert without_csrf(answers[3]) == without_csrf(unknown[3])
    pause = answers[3].content.decode()
    assert "Too many attempts" in pause and 'class="navbar-brand' in pause  # templates/429.html, our layout
    run_pending_tasks()
    assert [message.to for message in mail.outbox] == [[client_user.email]] * 3

    clock.shift(timedelta(hours=1, minutes=1))
    assert client.post(reverse("account_reset_password"), {"email": client_user.email}).status_code == 302
    run_pending_tasks()
    assert len(mail.outbox) == 4


def test_a_second_verification_email_within_three_minutes_is_not_sent(client, clock):
    client.post(reverse("account_signup"), SIGNUP)
    run_pending_tasks()
    assert len(mail.outbox) == 1

    # Signing in before verifying sends the link again, but not twice within three minutes.
    again = client.post(reverse("account_login"), {"login": SIGNUP["email"], "password": PASSPHRASE})
    assert (again.status_code, again.url) == (302, SENT)
    assert run_pending_tasks() == 0
    assert len(mail.outbox) == 1
    assert not signed_in(client)

    clock.shift(timedelta(minutes=4))
    again = client.post(reverse("account_login"), {"login": SIGNUP["email"], "password": PASSPHRASE})
    assert (again.status_code, again.url) == (302, SENT)
    assert run_pending_tasks() == 1
    assert [message.to for message in mail.outbox] == [[SIGNUP["email"]]] * 2
    assert confirm_link(mail.outbox[1])


def test_a_new_address_replaces_the_old_once_verified_and_the_old_one_is_told(logged_in, client_user):
    old = client_user.email
    response = logged_in.post(reverse("account_email"), {"action_add": "", "email": "fresh@example.test"})
    assert response.status_code == 302

    # Until it is verified the account keeps its address.
    client_user.refresh_from_db()
    assert client_user.email == old
    assert run_pending_tasks() == 1
    [verification] = mail.outbox
    assert verification.to == ["fresh@example.test"]

    link = confirm_link(verification)
    assert logged_in.get(link).status_code == 200
    assert logged_in.post(link).status_code == 302

    client_user.refresh_from_db()
    assert client_user.email == "fresh@example.test"
    assert list(
        EmailAddress.objects.filter(user=client_user).values_list("email", "primary", "verified")
    ) == [("fresh@example.test", True, True)]
    assert client_user.security_events.filter(kind="email_changed").exists()

    assert run_pending_tasks() == 1
    notice = mail.outbox[1]
    assert notice.to == [old]
    assert notice.subject == "Email Changed"
    assert "fresh@example.test" in notice.body
