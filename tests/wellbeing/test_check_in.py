"""The daily check-in on Today: one per day, editable that day, folded away once done."""

import re

import pytest
from django.urls import reverse

from crisis_coach.wellbeing.models import CheckIn
from tests.wellbeing.helpers import check_in_data, local_today, make_check_in

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def test_today_shows_the_check_in_form_until_it_is_done(logged_in):
    page = logged_in.get(reverse("reminders:today")).content.decode()
    assert 'data-testid="check-in-form"' in page
    assert 'data-testid="check-in-done"' not in page
    assert page.count('type="radio" name="mood"') == 5
    assert page.count('type="radio" name="control"') == 10
    assert page.count('type="radio" name="sleep"') == 5


def test_checking_in_saves_todays_check_in_and_folds_it_away_on_today(logged_in, client_user):
    response = logged_in.post(
        reverse("wellbeing:check_in"), check_in_data(mood=4, control=7, sleep=2, note="Busy")
    )
    assert response.status_code == 302 and response.url == reverse("reminders:today")
    check_in = CheckIn.objects.get(owner=client_user)
    assert check_in.day == local_today(client_user)
    assert (check_in.mood, check_in.control, check_in.sleep, check_in.note) == (4, 7, 2, "Busy")
    page = logged_in.get(reverse("reminders:today")).content.decode()
    assert 'data-testid="check-in-form"' not in page
    assert "Checked in: mood 4/5, in control 7/10, sleep 2/5" in page
    assert reverse("wellbeing:check_in") in page  # the edit link
    assert 'data-testid="support-panel"' not in page


def test_one_per_day_a_second_form_opened_before_the_first_save_is_a_conflict(logged_in, client_user):
    logged_in.post(reverse("wellbeing:check_in"), check_in_data(mood=4))
    response = logged_in.post(reverse("wellbeing:check_in"), check_in_data(mood=2, version=0))
    assert response.status_code == 303
    assert CheckIn.objects.filter(owner=client_user).count() == 1
    assert CheckIn.objects.get(owner=client_user).mood == 4
    page = logged_in.get(response.url).content.decode()
    assert "The version saved elsewhere" in page
    assert re.search(r'name="mood" value="2"[^>]*checked', page)  # what was typed is kept


def test_todays_check_in_can_be_edited_the_same_day(logged_in, client_user):
    check_in = make_check_in(client_user, mood=3)
    page = logged_in.get(reverse("wellbeing:check_in")).content.decode()
    assert "you can change it until the end of the day" in page
    response = logged_in.post(reverse("wellbeing:check_in"), check_in_data(mood=5, version=check_in.version))
    assert response.status_code == 302
    check_in.refresh_from_db()
    assert (check_in.mood, check_in.version) == (5, 2)


def test_a_stale_edit_is_refused_as_a_conflict(logged_in, client_user):
    check_in = make_check_in(client_user, mood=3)
    logged_in.post(reverse("wellbeing:check_in"), check_in_data(mood=5, version=1))
    response = logged_in.post(reverse("wellbeing:check_in"), check_in_data(mood=1, version=1))
    assert response.status_code == 303
    check_in.refresh_from_db()
    assert check_in.mood == 5


def test_yesterdays_check_in_is_not_edited_a_new_day_gets_its_own(logged_in, client_user, clock):
    yesterday = make_check_in(client_user, days_ago=1, mood=3)
    page = logged_in.get(reverse("reminders:today")).content.decode()
    assert 'data-testid="check-in-form"' in page  # yesterday's does not count for today
    logged_in.post(reverse("wellbeing:check_in"), check_in_data(mood=5, version=0))
    yesterday.refresh_from_db()
    assert yesterday.mood == 3
    assert CheckIn.objects.filter(owner=client_user).count() == 2


def test_bad_input_is_shown_next_to_the_field_and_what_was_typed_is_kept(logged_in, client_user):
    response = logged_in.post(
        reverse("wellbeing:check_in"),
        {"mood": "9", "control": "", "sleep": "3", "note": "Kept", "version": "0"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "id_mood_error" in page and "id_control_error" in page
    assert "Kept" in page
    assert not CheckIn.objects.filter(owner=client_user).exists()


def test_the_list_of_past_check_ins_is_the_owners_own_and_paginated(logged_in, client_user, stranger):
    for days_ago in range(35):
        make_check_in(client_user, days_ago=days_ago, mood=1 + days_ago % 5)
    make_check_in(stranger, note="Stranger's note")
    page = logged_in.get(reverse("wellbeing:check_in_list")).content.decode()
    assert page.count('data-testid="check-in-row"') == 30
    assert "Stranger" not in page
    second = logged_in.get(reverse("wellbeing:check_in_list") + "?page=2").content.decode()
    assert second.count('data-testid="check-in-row"') == 5


def test_a_check_in_belongs_to_the_persons_own_day(client, client_user):
    client_user.time_zone = "Pacific/Kiritimati"  # UTC+14: usually already tomorrow there
    client_user.save()
    client.force_login(client_user)
    client.post(reverse("wellbeing:check_in"), check_in_data())
    assert CheckIn.objects.get(owner=client_user).day == local_today(client_user)
