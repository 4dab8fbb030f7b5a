"""Password reset never reveals whether an address has an account."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def without_csrf(response) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", response.content.decode())


def test_known_and_unknown_addresses_get_the_same_answer(client, client_user):
    known = client.post("/accounts/password/reset/", {"email": client_user.email})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.test"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/sent/"
    # The page both land on is word for word the same (but for the per-response CSRF mask).
    assert without_csrf(client.get(known["Location"])) == without_csrf(client.get(unknown["Location"]))
    # Only the real account gets an email.
    assert [message.to for message in mail.outbox] == [[client_user.email]]


def test_an_inactive_account_is_treated_like_an_unknown_address(client, client_user):
    client_user.is_active = False
    client_user.save()

    response = client.post("/accounts/password/reset/", {"email": client_user.email})

    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_completing_a_reset_is_recorded_on_the_security_page(client, client_user):
    client.post("/accounts/password/reset/", {"email": client_user.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/password/reset/" in line)
    path = link[link.index("/accounts/") :].strip()
    form_page = client.get(path, follow=True)
    set_password_url = form_page.redirect_chain[-1][0]

    response = client.post(
        set_password_url,
        {"new_password1": "a-brand-new-passphrase-9", "new_password2": "a-brand-new-passphrase-9"},
    )

    assert response.status_code == 302
    assert client_user.security_events.filter(kind="password_reset").exists()
