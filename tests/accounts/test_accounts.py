import re

import pytest
from django.core import mail
from django.urls import reverse

from crisis_coach.accounts.models import User
from crisis_coach.coaching.models import CoachProfile
from tests.factories import PASSWORD, make_user
from tests.tasks import run_pending_tasks

pytestmark = pytest.mark.django_db

SIGNUP = {
    "display_name": "Mei Lin",
    "email": "Mei.Lin@Example.test",
    "password1": "a-long-and-unusual-passphrase",
    "password2": "a-long-and-unusual-passphrase",
}


def test_signup_creates_the_account_but_signs_in_only_once_the_address_is_verified(client):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get()
    assert user.email == "mei.lin@example.test"
    assert user.display_name == "Mei Lin"
    assert not user.is_coach
    assert client.get(reverse("accounts:settings")).status_code == 302  # not signed in yet


def test_signup_as_coach_creates_coach_profile_with_invite_code(client):
    client.post(reverse("account_signup"), {**SIGNUP, "is_coach": "on"})
    profile = CoachProfile.objects.get(user__email="mei.lin@example.test")
    assert len(profile.invite_code) == 16


def test_signup_with_mismatched_passwords_keeps_what_was_typed(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "password2": "something-else-entirely"})
    assert response.status_code == 200
    assert "You must type the same password each time." in response.content.decode()
    assert 'value="Mei Lin"' in response.content.decode()
    assert not User.objects.exists()


def test_signup_with_an_address_already_taken_in_any_case_makes_no_second_account(client):
    # The page answers as for a new address (tests/accounts/test_signup_verification.py): nobody
    # learns from it that the address has an account.
    make_user(email="mei.lin@example.test")
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert User.objects.count() == 1


def test_login_with_email_in_any_case(client, client_user):
    response = client.post(
        reverse("account_login"), {"login": client_user.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_login_with_wrong_password_shows_an_error(client, client_user):
    response = client.post(reverse("account_login"), {"login": client_user.email, "password": "nope"})
    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in response.content.decode()


def test_logout_is_a_post(logged_in):
    response = logged_in.post(reverse("account_logout"))
    assert response.status_code == 302
    assert logged_in.get(reverse("accounts:settings")).status_code == 302


def reset_link(message) -> str:
    return re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", message.body).group(1)


def test_password_reset_sends_an_email_with_a_working_link(client, client_user):
    response = client.post(reverse("account_reset_password"), {"email": client_user.email})
    assert response.status_code == 302
    run_pending_tasks()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [client_user.email]
    # The link moves its key into the session and on to a page without it (no key in a Referer).
    form_page = client.get(reset_link(message), follow=True)
    set_password_url = form_page.redirect_chain[-1][0]
    assert set_password_url.endswith("-set-password/")
    assert 'name="password1"' in form_page.content.decode()
    done = client.post(
        set_password_url, {"password1": "another-long-passphrase", "password2": "another-long-passphrase"}
    )
    assert done.status_code == 302
    client_user.refresh_from_db()
    assert client_user.check_password("another-long-passphrase")


def test_a_used_reset_link_no_longer_works(client, client_user):
    client.post(reverse("account_reset_password"), {"email": client_user.email})
    run_pending_tasks()
    link = reset_link(mail.outbox[0])
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        set_password_url, {"password1": "another-long-passphrase", "password2": "another-long-passphrase"}
    )

    again = client.get(link, follow=True)
    assert 'name="password1"' not in again.content.decode()
    client_user.refresh_from_db()
    assert client_user.check_password("another-long-passphrase")


def test_password_reset_for_unknown_address_looks_the_same_and_sends_nothing(client):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")
    assert run_pending_tasks() == 0
    assert mail.outbox == []


def test_password_change(logged_in, client_user):
    response = logged_in.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "fresh-long-passphrase", "password2": "fresh-long-passphrase"},
    )
    assert response.status_code == 302
    client_user.refresh_from_db()
    assert client_user.check_password("fresh-long-passphrase")
    assert logged_in.get(reverse("accounts:settings")).status_code == 200  # still signed in here


def test_password_change_with_a_wrong_current_password_changes_nothing(logged_in, client_user):
    response = logged_in.post(
        reverse("account_change_password"),
        {
            "oldpassword": "not-my-password",
            "password1": "fresh-long-passphrase",
            "password2": "fresh-long-passphrase",
        },
    )
    assert response.status_code == 200
    client_user.refresh_from_db()
    assert client_user.check_password(PASSWORD)


def test_settings_saves_name_language_and_time_zone(logged_in, client_user):
    response = logged_in.post(
        reverse("accounts:settings"),
        {
            "display_name": "Alex C.",
            "language": "zh-hant",
            "address_as": "neutral",
            "time_zone": "Asia/Taipei",
        },
    )
    assert response.status_code == 302
    client_user.refresh_from_db()
    assert (client_user.display_name, client_user.language, client_user.time_zone) == (
        "Alex C.",
        "zh-hant",
        "Asia/Taipei",
    )
    page = logged_in.get(reverse("accounts:settings"))
    assert '<html lang="zh-hant"' in page.content.decode()


def test_settings_rejects_an_unknown_time_zone_and_keeps_the_name(logged_in, client_user):
    response = logged_in.post(
        reverse("accounts:settings"),
        {"display_name": "Changed Name", "language": "en", "time_zone": "Mars/Olympus_Mons"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert 'value="Changed Name"' in response.content.decode()
    client_user.refresh_from_db()
    assert client_user.time_zone == "UTC"


def test_language_switch_turns_the_page_right_to_left_and_is_remembered(logged_in, client_user):
    logged_in.post(reverse("accounts:set_language"), {"language": "ar", "next": "/accounts/settings/"})
    client_user.refresh_from_db()
    assert client_user.language == "ar"
    page = logged_in.get(reverse("accounts:settings")).content.decode()
    assert 'dir="rtl"' in page
    assert "theme.rtl.css" in page


def test_anonymous_visitor_follows_accept_language(client):
    page = client.get(reverse("account_login"), headers={"accept-language": "ar"}).content.decode()
    assert '<html lang="ar" dir="rtl" data-bs-theme="auto">' in page


@pytest.mark.parametrize(
    "url_name",
    [
        "accounts:settings",
        "account_change_password",
        "reminders:today",
        "incidents:list",
        "network:contacts",
    ],
)
def test_private_pages_send_anonymous_visitors_to_log_in(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login") + "?next=")


def test_signed_in_home_goes_to_today(logged_in):
    assert logged_in.get("/").url == reverse("reminders:today")


def test_base_layout_is_accessible(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'href="#main"' in page
    assert '<main id="main"' in page
    assert "<nav" in page and "<footer" in page
    # Every visible input has a label.
    for field in ("id_display_name", "id_email", "id_password1", "id_password2", "id_is_coach"):
        assert f'for="{field}"' in page
