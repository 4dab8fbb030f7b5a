"""The security activity page: two-factor sign-in on or off, the signed-in browsers (each can be
signed out), the user's own sign-ins and events, and 'sign out everywhere else'."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from allauth.usersessions.models import UserSession
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.test import Client

from crisis_coach.accounts.models import SecurityEvent, describe_user_agent
from crisis_coach.accounts.services import record_security_event
from tests.factories import PASSWORD, TOTP_SECRET, make_user
from tests.tasks import run_pending_tasks

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0"


def sign_in(client, user, **headers):
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}, **headers)
    assert response.status_code == 302
    return client


def test_a_sign_in_shows_its_time_address_and_browser(client, client_user):
    sign_in(client, client_user, REMOTE_ADDR="198.51.100.4", HTTP_USER_AGENT=FIREFOX)

    page = client.get("/accounts/security/").content.decode()

    assert "Signed in" in page
    assert "198.51.100.4" in page
    assert "Firefox on Windows" in page


def test_the_page_shows_only_the_users_own_events(client, client_user, stranger):
    record_security_event(user=stranger, kind=SecurityEvent.Kind.EXPORT, detail="stranger-secret")
    record_security_event(user=client_user, kind=SecurityEvent.Kind.EXPORT, detail="mine")
    client.force_login(client_user)

    page = client.get("/accounts/security/").content.decode()

    assert "mine" in page
    assert "stranger-secret" not in page


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/accounts/security/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def other_sessions(user, count):
    """`count` other browsers signed in as `user`, as the sign-in leaves them: a live session and
    allauth's row for it."""
    for number in range(count):
        store = SessionStore()
        store.create()
        UserSession.objects.create(
            user=user, session_key=store.session_key, ip=f"192.0.2.{number + 1}", user_agent=FIREFOX
        )


@pytest.mark.parametrize("count", [1, 50])
def test_the_page_is_paginated_with_a_fixed_number_of_queries(
    client, client_user, django_assert_num_queries, count
):
    SecurityEvent.objects.bulk_create(
        SecurityEvent(user=client_user, kind=SecurityEvent.Kind.SIGN_IN, ip="192.0.2.1") for _ in range(count)
    )
    other_sessions(client_user, count)
    client.force_login(client_user)  # one more event

    # session, user, count, the signed-in browsers, two-factor on?, support access open?, coach
    # profile (navbar), the page of events; a savepoint pair around the view. As many with 1 session
    # and event as with 50.
    with django_assert_num_queries(10):
        first = client.get("/accounts/security/")

    assert len(first.context["user_sessions"]) >= count
    assert len(first.context["page_obj"]) == min(count + 1, 25)
    if count == 50:
        assert len(client.get("/accounts/security/?page=2").context["page_obj"]) == 25
        assert len(client.get("/accounts/security/?page=3").context["page_obj"]) == 1


IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"
)


def browser(user_agent, address):
    """A browser on its own device: every request it makes carries its User-Agent and address."""
    return Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)


def user_session_of(client):
    return UserSession.objects.get(session_key=client.session.session_key)


def sessions_list(page):
    return page[page.index("Signed-in browsers and devices") : page.index("security-events")]


def end_link(user_session):
    return f'href="/accounts/security/sessions/{user_session.pk}/end/"'


def test_the_page_lists_each_signed_in_browser_and_marks_this_one(client_user):
    laptop = sign_in(browser(FIREFOX, "198.51.100.4"), client_user)
    phone = sign_in(browser(IPHONE, "203.0.113.9"), client_user)

    page = phone.get("/accounts/security/").content.decode()

    sessions = sessions_list(page)
    assert "Firefox on Windows" in sessions
    assert "Safari on iOS" in sessions
    assert "<bdi>198.51.100.4</bdi>" in sessions
    assert "<bdi>203.0.113.9</bdi>" in sessions
    assert sessions.count("This device") == 1
    assert (
        sessions.index("Safari on iOS") < sessions.index("This device") < sessions.index("Firefox on Windows")
    )
    # The other browser can be ended from here; this one cannot (that is signing out).
    assert end_link(user_session_of(laptop)) in sessions
    assert end_link(user_session_of(phone)) not in sessions
    assert "Sign out everywhere else" in page


def test_ending_one_browser_signs_it_out_and_keeps_this_one(client_user):
    laptop = sign_in(browser(FIREFOX, "198.51.100.4"), client_user)
    phone = sign_in(browser(IPHONE, "203.0.113.9"), client_user)
    tablet = sign_in(browser(IPHONE, "203.0.113.10"), client_user)
    url = f"/accounts/security/sessions/{user_session_of(laptop).pk}/end/"

    confirm = phone.get(url)
    assert confirm.status_code == 200
    assert "Firefox on Windows" in confirm.content.decode()
    assert "198.51.100.4" in confirm.content.decode()
    assert laptop.get("/accounts/settings/").status_code == 200  # asking is not doing

    response = phone.post(url, follow=True)

    assert response.redirect_chain == [("/accounts/security/", 302)]
    page = response.content.decode()
    assert "That browser or device is now signed out." in page
    answer = laptop.get("/accounts/settings/")
    assert answer.status_code == 302
    assert answer.url.startswith("/accounts/login/")
    assert phone.get("/accounts/settings/").status_code == 200
    assert tablet.get("/accounts/settings/").status_code == 200
    assert (
        "198.51.100.4"
        not in page[page.index("Signed-in browsers and devices") : page.index("security-events")]
    )
    ended = SecurityEvent.objects.get(user=client_user, kind="session_ended")
    assert ended.detail == "Firefox on Windows"
    assert str(ended.ip) == "203.0.113.9"


def test_another_users_session_and_this_one_cannot_be_ended(client_user, stranger):
    mine = sign_in(browser(FIREFOX, "198.51.100.4"), client_user)
    theirs = sign_in(browser(IPHONE, "203.0.113.9"), stranger)

    for session in (user_session_of(theirs), user_session_of(mine)):
        url = f"/accounts/security/sessions/{session.pk}/end/"
        assert mine.get(url).status_code == 404
        assert mine.post(url).status_code == 404

    assert theirs.get("/accounts/settings/").status_code == 200
    assert mine.get("/accounts/settings/").status_code == 200
    assert not SecurityEvent.objects.filter(kind="session_ended").exists()


def test_the_two_factor_card_says_whether_it_is_on(client, client_user):
    client.force_login(client_user)
    page = client.get("/accounts/security/").content.decode()
    assert "Two-factor sign-in" in page
    assert "Set up" in page
    assert 'href="/accounts/2fa/"' in page

    TOTP.activate(client_user, TOTP_SECRET)
    page = client.get("/accounts/security/").content.decode()
    assert "Manage" in page
    assert "Set up" not in page


def test_sign_out_everywhere_else_ends_other_sessions_and_keeps_this_one(client_user):
    here, laptop, phone = Client(), Client(), Client()
    for browser in (here, laptop, phone):
        sign_in(browser, client_user)

    confirm = here.get("/accounts/security/sign-out-elsewhere/")
    assert confirm.status_code == 200
    assert laptop.get("/accounts/settings/").status_code == 200  # asking is not doing

    response = here.post("/accounts/security/sign-out-elsewhere/")

    assert response.status_code == 302
    assert here.get("/accounts/settings/").status_code == 200
    for browser in (laptop, phone):
        answer = browser.get("/accounts/settings/")
        assert answer.status_code == 302
        assert answer.url.startswith("/accounts/login/")
    assert SecurityEvent.objects.filter(user=client_user, kind="signed_out_elsewhere").count() == 1
    remaining = UserSession.objects.filter(user=client_user).values_list("session_key", flat=True)
    assert list(remaining) == [here.session.session_key]  # the list on the page shows only this one
    # Signing in again afterwards works as usual.
    assert sign_in(laptop, client_user).get("/accounts/settings/").status_code == 200


def test_sign_out_everywhere_else_leaves_other_users_alone(client_user, stranger):
    mine, theirs = Client(), Client()
    sign_in(mine, client_user)
    sign_in(theirs, stranger)

    mine.post("/accounts/security/sign-out-elsewhere/")

    assert theirs.get("/accounts/settings/").status_code == 200


def test_existing_sessions_survive_the_upgrade_to_session_epochs(client, client_user):
    # Epoch 0 keeps Django's own session hash, so nobody was logged out by this release.
    from django.contrib.auth.base_user import AbstractBaseUser

    assert client_user.session_epoch == 0
    assert client_user.get_session_auth_hash() == AbstractBaseUser.get_session_auth_hash(client_user)


def test_changing_the_password_is_recorded_and_ends_other_sessions(client_user):
    here, elsewhere = Client(), Client()
    sign_in(here, client_user)
    sign_in(elsewhere, client_user)

    response = here.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "another-long-passphrase-2026",
            "password2": "another-long-passphrase-2026",
        },
    )

    assert response.status_code == 302
    page = here.get("/accounts/security/")
    assert page.status_code == 200
    assert elsewhere.get("/accounts/security/").status_code == 302
    assert SecurityEvent.objects.filter(user=client_user, kind="password_changed").exists()
    # The signed-out browser is off the list too, not shown as if it were still signed in.
    assert [row.session_key for row in page.context["user_sessions"]] == [here.session.session_key]


def test_a_password_reset_ends_every_session_and_empties_the_list(client, client_user):
    elsewhere = Client()
    sign_in(elsewhere, client_user)
    assert UserSession.objects.filter(user=client_user).exists()

    client.post("/accounts/password/reset/", {"email": client_user.email})
    run_pending_tasks()
    link = next(word for word in mail.outbox[-1].body.split() if "/accounts/password/reset/key/" in word)
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"password1": "another-long-passphrase-2026", "password2": "another-long-passphrase-2026"},
    )

    assert elsewhere.get("/accounts/security/").status_code == 302
    assert not UserSession.objects.filter(user=client_user).exists()


def test_the_page_is_linked_from_settings_and_the_user_menu(logged_in):
    settings_page = logged_in.get("/accounts/settings/").content.decode()
    assert settings_page.count('href="/accounts/security/"') == 2


def test_recording_keeps_hostile_headers_harmless():
    user = make_user()
    request = Client().get("/").wsgi_request
    request.META["REMOTE_ADDR"] = "unix:/run/gunicorn.sock"
    request.META["HTTP_USER_AGENT"] = "Evil\x00Agent\u202e" + "x" * 1000

    event = record_security_event(
        user=user, kind=SecurityEvent.Kind.SIGN_IN, request=request, detail="a\x00b"
    )

    event.refresh_from_db()
    assert event.ip is None
    assert event.user_agent.startswith("EvilAgent")
    assert "\x00" not in event.user_agent
    assert len(event.user_agent) == 300
    assert event.detail == "ab"


@pytest.mark.parametrize(
    ("user_agent", "described"),
    [
        (FIREFOX, "Firefox on Windows"),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
            "Safari on iOS",
        ),
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/156.0 Safari/537.36",
            "Chrome on Linux",
        ),
        ("curl/8.5.0", "curl/8.5.0"),
        ("", ""),
    ],
)
def test_browsers_are_described_in_plain_words(user_agent, described):
    assert describe_user_agent(user_agent) == described


def test_exports_and_imports_show_on_the_security_page(logged_in, client_user):
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.accounts.test_import_refusals import valid_document

    content = json.dumps(valid_document()).encode()
    imported = logged_in.post(
        "/accounts/import/", {"file": SimpleUploadedFile("export.json", content, "application/json")}
    )
    assert imported.status_code == 302
    assert logged_in.get("/accounts/export/").status_code == 200

    kinds = list(client_user.security_events.order_by("at", "id").values_list("kind", flat=True))
    assert kinds[-2:] == ["import", "export"]
    page = logged_in.get("/accounts/security/").content.decode()
    # The imported settings speak Arabic, so the page does too.
    from django.utils import translation

    with translation.override("ar"):
        assert str(SecurityEvent.Kind.EXPORT.label) in page
        assert str(SecurityEvent.Kind.IMPORT.label) in page
