"""The welcome after sign-up: language and time zone, a coach's code, then the first setback. Each step
can be skipped, and it is seen once."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from crisis_coach.accounts.models import User
from crisis_coach.coaching.models import CoachingLink
from tests.accounts.test_signup_verification import SIGNUP, confirm_link
from tests.factories import PASSWORD, make_user
from tests.tasks import run_pending_tasks

pytestmark = pytest.mark.django_db
FIRST_SETBACK = reverse("incidents:create") + "?welcome=1"


def sign_up_and_verify(client, **extra) -> str:
    """Sign up through the site and follow the email's link: where the browser is sent."""
    client.post(reverse("account_signup"), {**SIGNUP, **extra})
    run_pending_tasks()
    [message] = mail.outbox
    return client.post(confirm_link(message)).url


def test_a_new_client_is_welcomed_after_verifying_and_only_once(client):
    assert sign_up_and_verify(client) == reverse("accounts:welcome")
    page = client.get(reverse("accounts:welcome")).content.decode()
    assert "Step 1 of 3" in page and 'name="language"' in page and 'name="time_zone"' in page
    assert 'href="/coaching/welcome/"' in page  # skip
    assert User.objects.get(email=SIGNUP["email"]).onboarded_at is not None
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert response.url == reverse("home")


def test_a_coach_who_signs_up_starts_on_the_dashboard_not_the_welcome(client):
    assert sign_up_and_verify(client, is_coach="on") != reverse("accounts:welcome")


def test_accounts_made_any_other_way_are_onboarded(client):
    user = make_user()
    assert user.onboarded_at is not None
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.url == reverse("home")


def test_the_first_step_saves_language_and_zone_then_asks_for_a_code(logged_in, client_user):
    response = logged_in.post(reverse("accounts:welcome"), {"language": "ar", "time_zone": "Asia/Dubai"})
    assert response.url == reverse("coaching:welcome")
    client_user.refresh_from_db()
    assert (client_user.language, client_user.time_zone) == ("ar", "Asia/Dubai")


def test_an_unknown_zone_is_refused_next_to_the_field_and_the_language_kept(logged_in, client_user):
    response = logged_in.post(reverse("accounts:welcome"), {"language": "zh-hant", "time_zone": "Mars/Base"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["time_zone"]
    assert re.search(r'<option value="zh-hant" selected>', response.content.decode())


def test_the_code_step_links_the_coach_and_goes_on_to_the_first_setback(logged_in, client_user, coach):
    page = logged_in.get(reverse("coaching:welcome")).content.decode()
    assert "Step 2 of 3" in page and f'href="{FIRST_SETBACK}"' in page  # skip
    token = re.search(r'name="submission" value="([^"]+)"', page)
    data = {"code": coach.coach_profile.invite_code_display}
    if token:
        data["submission"] = token.group(1)
    response = logged_in.post(reverse("coaching:welcome"), data)
    assert response.url == FIRST_SETBACK
    assert CoachingLink.objects.filter(client=client_user, ended_at__isnull=True).count() == 1
    # Linked already: the step has nothing to ask.
    assert logged_in.get(reverse("coaching:welcome")).url == FIRST_SETBACK


def test_a_wrong_code_is_refused_next_to_the_field(logged_in):
    response = logged_in.post(reverse("coaching:welcome"), {"code": "NOPE-NOPE-NOPE-NOPE"})
    assert response.status_code == 200
    assert "No coach has this code" in response.content.decode()
    assert 'value="NOPE-NOPE-NOPE-NOPE"' in response.content.decode()


def test_the_first_setback_says_step_three_and_offers_not_now(logged_in):
    page = logged_in.get(FIRST_SETBACK).content.decode()
    assert "Step 3 of 3" in page and "Not now: go to Today" in page
    assert "Step 3 of 3" not in logged_in.get(reverse("incidents:create")).content.decode()
