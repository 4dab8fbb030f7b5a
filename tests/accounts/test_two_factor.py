"""Two-factor sign-in through allauth's own pages: an authenticator app (TOTP), recovery codes and
passkeys, and what the owner sees of each change (the security page, an email)."""

import base64
import html
import json
import os
import re
from datetime import timedelta
from hashlib import sha256

import pytest
from allauth.mfa.models import Authenticator
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.core import mail
from django.test import Client
from fido2.cose import ES256
from fido2.utils import websafe_decode, websafe_encode
from fido2.webauthn import (
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorAttestationResponse,
    AuthenticatorData,
    CollectedClientData,
    RegistrationResponse,
)

from crisis_coach.accounts.models import SecurityEvent
from tests.factories import PASSWORD, TOTP_SECRET, make_user, totp_code
from tests.tasks import run_pending_tasks

pytestmark = pytest.mark.django_db

SIGNED_IN_PAGE = "/accounts/settings/"


def sign_in_with_password(client, user):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


def confirm_password(client) -> None:
    """allauth asks for the password again (within 5 minutes) before two-factor settings change."""
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()


def signed_in(client) -> bool:
    return client.get(SIGNED_IN_PAGE).status_code == 200


def kinds(user):
    return list(SecurityEvent.objects.filter(user=user).order_by("at", "id").values_list("kind", flat=True))


def sent_to(user):
    """The subjects of the emails the task worker sends to `user` now."""
    run_pending_tasks()
    return [message.subject for message in mail.outbox if message.to == [user.email]]


def turn_on_authenticator_app(client) -> str:
    """Scan the QR code (read the secret shown beside it), type the app's code: the secret."""
    page = client.get("/accounts/2fa/totp/activate/").content.decode()
    secret = re.search(r'id="authenticator_secret"[^>]* value="([A-Z2-7]+)"', page).group(1)
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    return secret


# allauth records an authenticator app turned on, and emails about it, once the page's transaction
# commits (ATOMIC_REQUESTS): these tests commit for real.
committed = pytest.mark.django_db(transaction=True)


@pytest.fixture
def person(db):
    """Someone without two-factor sign-in, signed in with their password just now."""
    return make_user(display_name="Pat Person")


@pytest.fixture
def browser(person):
    client = Client()
    assert sign_in_with_password(client, person).status_code == 302
    confirm_password(client)
    return client


def test_the_activation_page_shows_the_qr_code_inline(browser):
    page = browser.get("/accounts/2fa/totp/activate/").content.decode()

    [src] = re.findall(r'<img[^>]* src="([^"]+)"', page)
    assert src.startswith("data:image/svg+xml;base64,")  # drawn by the page: no QR service sees the secret
    svg = base64.b64decode(src.removeprefix("data:image/svg+xml;base64,")).decode()
    assert "<svg" in svg
    secret = re.search(r'id="authenticator_secret"[^>]* value="([A-Z2-7]+)"', page).group(1)
    assert secret not in re.sub(r'<img[^>]*>|id="authenticator_secret"[^>]*>', "", page)  # only those two


@committed
def test_turning_on_the_authenticator_app_is_recorded_and_emailed(browser, person):
    page = browser.get("/accounts/2fa/totp/activate/").content.decode()
    secret = re.search(r'id="authenticator_secret"[^>]* value="([A-Z2-7]+)"', page).group(1)

    wrong = browser.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "Incorrect code." in wrong.content.decode()
    assert not Authenticator.objects.filter(user=person, type="totp").exists()

    response = browser.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})

    assert response.status_code == 302
    assert response.url == "/accounts/2fa/recovery-codes/"  # saved once, shown at once
    assert Authenticator.objects.filter(user=person, type="totp").exists()
    assert kinds(person)[-1] == "two_factor_on"
    assert "Authenticator App Activated" in sent_to(person)
    security = browser.get("/accounts/security/").content.decode()
    assert "Two-factor sign-in turned on" in security
    assert "Manage" in security


@committed
def test_after_activation_signing_in_asks_for_the_code(browser, person, clock):
    secret = turn_on_authenticator_app(browser)
    browser.post("/accounts/logout/")
    clock.shift(timedelta(seconds=60))  # a fresh code: allauth refuses the one just used
    later = Client()

    response = sign_in_with_password(later, person)

    assert response.status_code == 302
    assert response.url == "/accounts/2fa/authenticate/"
    assert not signed_in(later)  # the password alone opens nothing
    assert later.post("/accounts/2fa/authenticate/", {"code": "000000"}).status_code == 200
    assert not signed_in(later)
    assert kinds(person).count("sign_in") == 1  # the first, before two-factor was on

    answer = later.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})

    assert answer.status_code == 302
    assert signed_in(later)
    assert kinds(person).count("sign_in") == 2


def test_a_password_without_the_code_cannot_skip_the_second_step():
    person = make_user(two_factor=True)
    client = Client()
    response = sign_in_with_password(client, person)
    assert response.url == "/accounts/2fa/authenticate/"

    # Walking away from the code page to any other page leaves the visitor signed out.
    for url in ("/", "/accounts/security/", "/accounts/2fa/"):
        client.get(url)
    assert not signed_in(client)
    assert "sign_in" not in kinds(person)


def test_turning_the_authenticator_app_off_is_recorded_and_emailed(clock):
    person = make_user(two_factor=True)
    client = Client()
    sign_in_with_password(client, person)
    assert client.post("/accounts/2fa/authenticate/", {"code": totp_code(TOTP_SECRET)}).status_code == 302
    assert client.get("/accounts/2fa/totp/deactivate/").url.startswith("/accounts/reauthenticate/")
    confirm_password(client)
    assert client.get("/accounts/2fa/totp/deactivate/").status_code == 200

    response = client.post("/accounts/2fa/totp/deactivate/")

    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=person, type="totp").exists()
    assert kinds(person)[-1] == "two_factor_off"
    assert "Authenticator App Deactivated" in sent_to(person)
    security = client.get("/accounts/security/").content.decode()
    assert "Two-factor sign-in turned off" in security
    assert "Set up" in security


@committed
def test_a_recovery_code_signs_in_once_and_tells_the_owner(browser, person, clock):
    turn_on_authenticator_app(browser)
    page = browser.get("/accounts/2fa/recovery-codes/").content.decode()
    codes = html.unescape(
        re.search(r'<textarea[^>]*id="recovery_codes"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    )
    code = codes.split()[0]
    browser.post("/accounts/logout/")
    mail.outbox.clear()
    run_pending_tasks()
    mail.outbox.clear()
    lost_phone = Client()

    sign_in_with_password(lost_phone, person)
    response = lost_phone.post("/accounts/2fa/authenticate/", {"code": code})

    assert response.status_code == 302
    assert signed_in(lost_phone)
    assert "recovery_code_used" in kinds(person)
    assert "A recovery code was used" in sent_to(person)
    [notice] = [message for message in mail.outbox if message.subject == "A recovery code was used"]
    assert "That code no longer works." in notice.body

    # The same code a second time opens nothing.
    lost_phone.post("/accounts/logout/")
    clock.shift(timedelta(seconds=60))
    again = Client()
    sign_in_with_password(again, person)
    assert again.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 200
    assert not signed_in(again)
    assert kinds(person).count("recovery_code_used") == 1


# Passkeys. fido2 2.2.1 ships a server, not an authenticator: this one is made of its own data
# structures and a P-256 key, and answers allauth's WebAuthn pages as a browser's passkey would
# (attestation "none", user present and verified). Nothing of allauth or of our code is replaced.


class SoftwarePasskey:
    def __init__(self):
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.counter = 0

    def register(self, creation_options: dict, origin: str = "http://testserver") -> dict:
        options = creation_options["publicKey"]
        self.user_handle = websafe_decode(options["user"]["id"])  # kept, as a passkey keeps it
        client_data = CollectedClientData.create(
            type="webauthn.create", challenge=options["challenge"], origin=origin
        )
        credential = AttestedCredentialData.create(
            b"\0" * 16, self.credential_id, ES256.from_cryptography_key(self.private_key.public_key())
        )
        flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV | AuthenticatorData.FLAG.AT
        auth_data = AuthenticatorData.create(
            sha256(options["rp"]["id"].encode()).digest(), flags, 0, credential
        )
        response = RegistrationResponse(
            raw_id=self.credential_id,
            response=AuthenticatorAttestationResponse(
                client_data=client_data, attestation_object=AttestationObject.create("none", auth_data, {})
            ),
        )
        return dict(response)

    def sign(self, request_options: dict, origin: str = "http://testserver") -> dict:
        options = request_options["publicKey"]
        self.counter += 1
        client_data = CollectedClientData.create(
            type="webauthn.get", challenge=options["challenge"], origin=origin
        )
        flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV
        auth_data = AuthenticatorData.create(sha256(options["rpId"].encode()).digest(), flags, self.counter)
        signature = self.private_key.sign(auth_data + client_data.hash, ec.ECDSA(hashes.SHA256()))
        return {
            "id": websafe_encode(self.credential_id),
            "rawId": websafe_encode(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": websafe_encode(client_data),
                "authenticatorData": websafe_encode(auth_data),
                "signature": websafe_encode(signature),
                "userHandle": websafe_encode(self.user_handle),
            },
            "clientExtensionResults": {},
        }


def page_js_data(response) -> dict:
    """The options allauth's page hands its WebAuthn script (json_script "js_data")."""
    page = response.content.decode()
    return json.loads(
        re.search(r'<script id="js_data" type="application/json">(.*?)</script>', page, re.S).group(1)
    )


def add_passkey(client, passkey, name="Laptop") -> None:
    options = page_js_data(client.get("/accounts/2fa/webauthn/add/"))["creation_options"]
    response = client.post(
        "/accounts/2fa/webauthn/add/",
        {"name": name, "credential": json.dumps(passkey.register(options)), "passwordless": "on"},
    )
    assert response.status_code == 302, response.content.decode()


def test_adding_a_passkey_is_recorded_and_emailed(browser, person):
    add_passkey(browser, SoftwarePasskey())

    [added] = Authenticator.objects.filter(user=person, type="webauthn")
    assert added.wrap().name == "Laptop"
    assert kinds(person)[-1] == "passkey_added"
    assert "Security Key Added" in sent_to(person)
    security = browser.get("/accounts/security/").content.decode()
    assert "Passkey added" in security
    assert "Manage" in security  # a passkey is a second factor too


def test_a_forged_passkey_answer_is_refused(browser, person):
    options = page_js_data(browser.get("/accounts/2fa/webauthn/add/"))["creation_options"]
    options["publicKey"]["challenge"] = websafe_encode(os.urandom(32))  # not the challenge the page set

    response = browser.post(
        "/accounts/2fa/webauthn/add/",
        {"name": "Forged", "credential": json.dumps(SoftwarePasskey().register(options))},
    )

    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=person, type="webauthn").exists()
    assert "passkey_added" not in kinds(person)


def test_a_passkey_signs_in_without_the_password(browser, person):
    passkey = SoftwarePasskey()
    add_passkey(browser, passkey)
    elsewhere = Client()

    options = elsewhere.get(
        "/accounts/2fa/webauthn/login/", headers={"x-requested-with": "XMLHttpRequest"}
    ).json()["request_options"]
    response = elsewhere.post(
        "/accounts/2fa/webauthn/login/", {"credential": json.dumps(passkey.sign(options))}
    )

    assert response.status_code == 302
    assert signed_in(elsewhere)
    assert kinds(person).count("sign_in") == 2


def test_after_adding_a_passkey_signing_in_with_the_password_asks_for_it(browser, person):
    passkey = SoftwarePasskey()
    add_passkey(browser, passkey)
    browser.post("/accounts/logout/")
    later = Client()

    response = sign_in_with_password(later, person)

    assert response.url == "/accounts/2fa/authenticate/"
    assert not signed_in(later)
    options = page_js_data(later.get("/accounts/2fa/authenticate/"))["request_options"]
    unknown = SoftwarePasskey()  # a passkey this account never added
    unknown.user_handle = passkey.user_handle
    refused = later.post("/accounts/2fa/authenticate/", {"credential": json.dumps(unknown.sign(options))})
    assert refused.status_code == 200
    assert not signed_in(later)

    options = page_js_data(later.get("/accounts/2fa/authenticate/"))["request_options"]
    answer = later.post("/accounts/2fa/authenticate/", {"credential": json.dumps(passkey.sign(options))})

    assert answer.status_code == 302
    assert signed_in(later)


def test_removing_a_passkey_is_recorded(browser, person):
    add_passkey(browser, SoftwarePasskey())
    [passkey] = Authenticator.objects.filter(user=person, type="webauthn")

    response = browser.post(f"/accounts/2fa/webauthn/keys/{passkey.pk}/remove/")

    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=person, type="webauthn").exists()
    assert kinds(person)[-1] == "passkey_removed"
    assert "Security Key Removed" in sent_to(person)
    assert "Passkey removed" in browser.get("/accounts/security/").content.decode()
