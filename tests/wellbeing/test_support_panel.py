"""The safety net on Today: a calm panel after a low check-in, with the operator's resources or the
line about emergency services, and a message to the coach only when the person presses the button."""

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from crisis_coach.coaching.services import link_create
from crisis_coach.wellbeing.models import SupportResource
from tests.tasks import run_pending_tasks
from tests.wellbeing.helpers import check_in_data, make_check_in

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

EMERGENCY = "contact your local emergency services"


def today_page(client) -> str:
    return client.get(reverse("reminders:today")).content.decode()


def test_a_low_check_in_shows_the_calm_panel_with_the_emergency_line_when_no_resources(logged_in):
    logged_in.post(reverse("wellbeing:check_in"), check_in_data(mood=1))
    page = today_page(logged_in)
    assert 'data-testid="support-panel"' in page
    assert "This sounds hard" in page
    assert "someone you trust" in page
    assert EMERGENCY in page
    assert "not therapy and not a clinical tool" in page
    assert "not a diagnosis" in page
    assert 'data-testid="support-resources"' not in page


def test_three_low_days_in_a_row_show_the_panel_two_do_not(logged_in, client_user):
    make_check_in(client_user, days_ago=1, mood=2)
    logged_in.post(reverse("wellbeing:check_in"), check_in_data(mood=2))
    assert 'data-testid="support-panel"' not in today_page(logged_in)
    make_check_in(client_user, days_ago=2, mood=2)
    assert 'data-testid="support-panel"' in today_page(logged_in)


def test_a_note_with_words_of_despair_shows_the_panel(logged_in):
    logged_in.post(reverse("wellbeing:check_in"), check_in_data(mood=3, note="I feel there is no way out."))
    assert 'data-testid="support-panel"' in today_page(logged_in)


def test_an_ordinary_check_in_shows_no_panel(logged_in):
    logged_in.post(reverse("wellbeing:check_in"), check_in_data(mood=3, note="A long day."))
    assert 'data-testid="support-panel"' not in today_page(logged_in)


def test_the_panel_lists_the_resources_of_the_persons_country_and_language(logged_in, client_user):
    client_user.country = "NZ"
    client_user.save()
    SupportResource.objects.create(
        country="NZ",
        language="",
        name="Example helpline (demo)",
        how_to_reach="Ask at reception",
        hours="Weekdays",
    )
    SupportResource.objects.create(country="NZ", language="ar", name="Arabic-only service", how_to_reach="x")
    SupportResource.objects.create(country="AU", name="Another country's service", how_to_reach="x")
    SupportResource.objects.create(country="NZ", name="Switched off", how_to_reach="x", is_active=False)
    make_check_in(client_user, mood=1)
    page = today_page(logged_in)
    assert "Example helpline (demo)" in page and "Ask at reception" in page and "Weekdays" in page
    assert "Arabic-only service" not in page
    assert "Another country" not in page
    assert "Switched off" not in page
    assert EMERGENCY in page  # said in every case, calmly


def test_without_a_coach_the_panel_offers_no_message(logged_in, client_user):
    make_check_in(client_user, mood=1)
    assert 'data-testid="support-coach"' not in today_page(logged_in)


def test_the_coach_gets_a_message_only_when_the_person_presses_the_button_once_a_day(
    logged_in, client_user, coach
):
    coach.discreet_mode = False
    coach.save()
    link_create(client=client_user, coach_profile=coach.coach_profile)
    logged_in.post(reverse("wellbeing:check_in"), check_in_data(mood=1))
    page = today_page(logged_in)
    assert 'data-testid="support-coach"' in page
    assert "Tell Casey Coach I’m having a hard time" in page
    run_pending_tasks()
    assert mail.outbox == []  # a low check-in alone sends nothing
    assert not DBTaskResult.objects.exists()

    response = logged_in.post(
        reverse("coaching:hard_time"), {"next": reverse("reminders:today")}, follow=True
    )
    assert "Your coach will get a short message" in response.content.decode()
    run_pending_tasks()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [coach.email]
    assert "Alex Client let you know" in mail.outbox[0].body

    again = logged_in.post(reverse("coaching:hard_time"), {"next": reverse("reminders:today")}, follow=True)
    assert "You already let your coach know today" in again.content.decode()
    run_pending_tasks()
    assert len(mail.outbox) == 1


def test_a_get_sends_nothing(logged_in, client_user, coach):
    link_create(client=client_user, coach_profile=coach.coach_profile)
    assert logged_in.get(reverse("coaching:hard_time")).status_code == 405
    run_pending_tasks()
    assert mail.outbox == []


def test_in_the_coachs_discreet_mode_the_email_does_not_name_the_client(logged_in, client_user, coach):
    coach.discreet_mode = True
    coach.save()
    link_create(client=client_user, coach_profile=coach.coach_profile)
    logged_in.post(reverse("coaching:hard_time"))
    run_pending_tasks()
    assert "Alex" not in mail.outbox[0].subject and "Alex" not in mail.outbox[0].body


def test_the_support_page_shows_the_panel_and_continues_where_the_person_was_going(logged_in):
    page = logged_in.get(reverse("wellbeing:support") + "?next=/network/").content.decode()
    assert 'data-testid="support-panel"' in page
    assert 'href="/network/"' in page
    unsafe = logged_in.get(reverse("wellbeing:support") + "?next=//evil.example/").content.decode()
    assert "evil.example" not in unsafe.split('data-testid="support-continue"')[0].rsplit("<a", 1)[-1]
