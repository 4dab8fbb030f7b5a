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


def test_signup_creates_account_and_logs_in(client):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "mei.lin@example.test"
    assert user.display_name == "Mei Lin"
    assert not user.is_coach
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_signup_as_coach_creates_coach_profile_with_invite_code(client):
    client.post(reverse("account_signup"), {**SIGNUP, "is_coach": "on"})
    profile = CoachProfile.objects.get(user__email="mei.lin@example.test")
    assert len(profile.invite_code) == 16


def test_signup_with_mismatched_passwords_keeps_what_was_typed(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "password2": "something-else-entirely"})
    assert response.status_code == 200
    assert "The two passwords do not match." in response.content.decode()
    assert 'value="Mei Lin"' in response.content.decode()
    assert not User.objects.exists()


def test_signup_refuses_an_address_already_taken_in_any_case(client):
    make_user(email="mei.lin@example.test")
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert User.objects.count() == 1


def test_login_with_email_in_any_case(client, client_user):
    response = client.post(
        reverse("account_login"), {"username": client_user.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_login_with_wrong_password_shows_an_error(client, client_user):
    response = client.post(reverse("account_login"), {"username": client_user.email, "password": "nope"})
    assert response.status_code == 200
    assert "correct email address and password" in response.content.decode()


def test_logout_is_a_post(logged_in):
    response = logged_in.post(reverse("account_logout"))
    assert response.status_code == 302
    assert logged_in.get(reverse("accounts:settings")).status_code == 302


def test_password_reset_sends_an_email_with_a_working_link(client, client_user):
    response = client.post(reverse("account_reset_password"), {"email": client_user.email})
    assert response.status_code == 302
    run_pending_tasks()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [client_user.email]
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another-long-passphrase", "new_password2": "another-long-passphrase"},
    )
    assert done.status_code == 302
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
        {
            "old_password": PASSWORD,
            "new_password1": "fresh-long-passphrase",
            "new_password2": "fresh-long-passphrase",
        },
    )
    assert response.status_code == 302
    client_user.refresh_from_db()
    assert client_user.check_password("fresh-long-passphrase")


def test_settings_saves_name_language_and_time_zone(logged_in, client_user):
    response = logged_in.post(
        reverse("accounts:settings"),
        {"display_name": "Alex C.", "language": "zh-hant", "time_zone": "Asia/Taipei"},
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
    assert "bootstrap.rtl.min.css" in page


def test_anonymous_visitor_follows_accept_language(client):
    page = client.get(reverse("account_login"), headers={"accept-language": "ar"}).content.decode()
    assert '<html lang="ar" dir="rtl">' in page


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
