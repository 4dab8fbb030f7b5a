import datetime

import pytest
from django.urls import reverse

from crisis_coach.incidents.models import ActionStep, StepStatus
from crisis_coach.reminders.views import EXPANDED_PER_PAGE, GROUP_SHOWN
from tests.factories import make_incident, make_step
from tests.reminders.conftest import local_today

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def section(page: str, key: str) -> str:
    """The HTML of one group of Today (empty when the group is absent)."""
    start = page.find(f'data-testid="group-{key}"')
    if start == -1:
        return ""
    end = page.find("</section>", start)
    return page[start:end]


def test_today_groups_due_items_overdue_today_and_next_7_days(logged_in, due_things):
    page = logged_in.get(reverse("reminders:today")).content.decode()
    overdue, today, soon = section(page, "overdue"), section(page, "today"), section(page, "soon")
    assert "Apologise to the client" in overdue
    assert "Send the recovery plan" in today
    assert "Get in touch with Dana Mentor" in today  # never contacted: due from the day added
    assert "Book the retraining" in soon
    assert "Conversation with Grace Lin" in soon or "Conversation with Grace Lin" in today
    assert "Send Dana the report" in soon
    assert "Birthday of Dana Mentor" in soon


def test_today_leaves_out_done_undated_far_trashed_closed_and_other_peoples_items(
    logged_in, due_things, hidden_things
):
    page = logged_in.get(reverse("reminders:today")).content.decode()
    for title in (
        "Already done step",
        "Undated step",
        "Far away step",
        "Step in the trash",
        "Step of a closed case",
        "Stranger&#x27;s step",
    ):
        assert title not in page


def test_home_page_is_today_for_a_signed_in_user(logged_in):
    response = logged_in.get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("reminders:today")


def test_empty_today_tells_a_new_user_what_will_appear_and_links_to_log_a_setback(logged_in):
    response = logged_in.get(reverse("reminders:today"))
    page = response.content.decode()
    assert 'data-testid="today-empty"' in page
    assert "conversations you have planned" in page
    assert reverse("incidents:create") in page
    assert "Log a setback" in page


def test_today_uses_the_users_time_zone(client, client_user):
    # Whatever the server's clock says, "today" is the user's local date.
    client_user.time_zone = "Pacific/Kiritimati"  # UTC+14: often a day ahead of UTC
    client_user.save()
    client.force_login(client_user)
    step = make_step(make_incident(client_user), title="Local day step", due_on=local_today(client_user))
    page = client.get(reverse("reminders:today")).content.decode()
    assert step.title in section(page, "today")


def test_done_marks_the_step_done_and_comes_back_to_today(logged_in, due_things):
    step = due_things["overdue_step"]
    url = reverse("reminders:step_done", args=[step.incident.public_id, step.public_id])
    response = logged_in.post(url)
    assert response.status_code == 302
    assert response.url == reverse("reminders:today")
    step.refresh_from_db()
    assert step.status == StepStatus.DONE
    assert step.done_at is not None
    page = logged_in.get(response.url).content.decode()
    assert "Apologise to the client" not in section(page, "overdue")


def test_done_must_be_a_post(logged_in, due_things):
    step = due_things["overdue_step"]
    url = reverse("reminders:step_done", args=[step.incident.public_id, step.public_id])
    assert logged_in.get(url).status_code == 405
    step.refresh_from_db()
    assert step.status == StepStatus.TODO


def test_stranger_cannot_mark_someone_elses_step_done(client, stranger, due_things):
    client.force_login(stranger)
    step = due_things["overdue_step"]
    response = client.post(reverse("reminders:step_done", args=[step.incident.public_id, step.public_id]))
    assert response.status_code == 404
    step.refresh_from_db()
    assert step.status == StepStatus.TODO


def test_step_of_another_incident_is_a_404(logged_in, client_user, due_things):
    other = make_incident(client_user, title="Another setback")
    step = due_things["overdue_step"]
    response = logged_in.post(reverse("reminders:step_done", args=[other.public_id, step.public_id]))
    assert response.status_code == 404


def test_today_requires_login(client):
    response = client.get(reverse("reminders:today"))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


# Session, user, coach profile (is_coach, cached), the savepoint pair (ATOMIC_REQUESTS inside a
# test), then one query each: steps, conversations, commitments, contacts due, important dates,
# the coach's pending proposals, and an address still waiting for its verification link.
# 13 since the reviews after the close that are due (one query, however many).
# 14 since the quick wins that had not worked yet, asked again a week on (one query, however many).
# 15 since the daily check-in (today's and the two days before it, for the safety rule: one query).
# 17 since the prevention plan's due steps and whether the monthly radar is due (one query each).
# 18 since the coach's nudges (coaching's agenda source through reminders.hooks, one query however many).
# 19 since the coaching sessions, as a client and as a coach (the same hook, one query however many).
# 20 since whether a case shares the check-ins with the coach ("Only you see it" or the coach's name).
TODAY_QUERIES = 20


# With 50 of each, the overdue and today groups show their first GROUP_SHOWN items each.
@pytest.mark.parametrize(("size", "shown"), [(1, 5), (50, 2 * GROUP_SHOWN)])
def test_today_query_count_does_not_grow(logged_in, client_user, django_assert_num_queries, size, shown):
    from crisis_coach.network import services as network_services
    from crisis_coach.network.models import Commitment, Contact
    from crisis_coach.network.rules import yearly_occurrence
    from tests.factories import make_conversation, make_stakeholder

    today = local_today(client_user)
    incident = make_incident(client_user)
    manager = make_stakeholder(incident)
    ActionStep.objects.bulk_create(
        ActionStep(incident=incident, title=f"Step {n:02}", due_on=today - datetime.timedelta(days=n % 9))
        for n in range(size)
    )
    checked = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=8)
    ActionStep.objects.bulk_create(
        ActionStep(
            incident=incident,
            title=f"Quick win {n:02}",
            kind="quick_win",
            status=StepStatus.DONE,
            done_at=checked,
            check_result="not_yet",
            checked_at=checked,
        )
        for n in range(size)
    )
    for _ in range(size):
        make_conversation(incident, manager, planned_for=datetime.datetime.now(datetime.UTC))
    contacts = Contact.objects.bulk_create(
        Contact(owner=client_user, name=f"Person {n:02}") for n in range(size)
    )
    Commitment.objects.bulk_create(Commitment(contact=c, what="Call", due_on=today) for c in contacts)
    network_services.important_date_create(
        contact=contacts[0],
        kind="birthday",
        label="",
        date=yearly_occurrence(today, 1992),  # a leap year, so a 29 February birthday is today too
        repeats_yearly=True,
    )
    with django_assert_num_queries(TODAY_QUERIES):
        response = logged_in.get(reverse("reminders:today"))
    assert response.content.decode().count('data-testid="agenda-item"') == shown
    assert response.content.decode().count('data-testid="follow-up"') == min(size, GROUP_SHOWN)


def test_log_a_touch_from_today_comes_back_to_today(logged_in, due_things):
    contact = due_things["contact"]
    today_url = reverse("reminders:today")
    response = logged_in.post(reverse("network:touch_log", args=[contact.public_id]), {"next": today_url})
    assert response.status_code == 302 and response.url == today_url
    assert "Get in touch with Dana Mentor" not in logged_in.get(today_url).content.decode()


def test_keep_a_promise_from_today(logged_in, due_things):
    commitment = due_things["commitment"]
    today_url = reverse("reminders:today")
    response = logged_in.post(
        reverse("network:commitment_kept", args=[commitment.public_id]), {"next": today_url}
    )
    assert response.url == today_url
    assert "Send Dana the report" not in logged_in.get(today_url).content.decode()


def overdue_steps(user, count: int) -> list[ActionStep]:
    """`count` overdue steps, the oldest first: "Late 00" is the most overdue."""
    today = local_today(user)
    incident = make_incident(user)
    return ActionStep.objects.bulk_create(
        ActionStep(incident=incident, title=f"Late {n:02}", due_on=today - datetime.timedelta(days=count - n))
        for n in range(count)
    )


def test_a_long_group_shows_its_first_items_and_a_show_all_link(logged_in, client_user, due_things):
    overdue_steps(client_user, GROUP_SHOWN + 5)  # plus the fixture's own overdue step
    page = logged_in.get(reverse("reminders:today")).content.decode()
    overdue = section(page, "overdue")
    assert overdue.count('data-testid="agenda-item"') == GROUP_SHOWN
    assert "Late 00" in overdue and f"Late {GROUP_SHOWN + 4}" not in overdue  # the most overdue first
    assert f"Show all {GROUP_SHOWN + 6}" in overdue and "6 more" in overdue
    assert f"{reverse('reminders:today')}?show=overdue#group-overdue" in overdue
    assert 'data-testid="show-all"' not in section(page, "today")  # short groups show everything


def test_show_all_opens_one_group_page_by_page(logged_in, client_user, due_things):
    overdue_steps(client_user, EXPANDED_PER_PAGE + 4)
    url = reverse("reminders:today") + "?show=overdue"
    overdue = section(logged_in.get(url).content.decode(), "overdue")
    assert overdue.count('data-testid="agenda-item"') == EXPANDED_PER_PAGE
    assert "Page 1 of 2" in overdue and 'data-testid="show-fewer"' in overdue
    second = section(logged_in.get(url + "&page=2").content.decode(), "overdue")
    assert second.count('data-testid="agenda-item"') == 5
    assert "Apologise to the client" in second  # two days late: the least overdue, last


def test_done_in_an_opened_group_comes_back_to_it(logged_in, client_user):
    step = overdue_steps(client_user, GROUP_SHOWN + 1)[0]
    back = reverse("reminders:today") + "?show=overdue&page=1"
    page = logged_in.get(back).content.decode()
    assert f'name="next" value="{back.replace("&", "&amp;")}"' in page
    url = reverse("reminders:step_done", args=[step.incident.public_id, step.public_id])
    assert logged_in.post(url, {"next": back}).url == back


@pytest.mark.parametrize("elsewhere", ["https://evil.example/", "//evil.example/", "/incidents/"])
def test_done_never_redirects_off_today(logged_in, due_things, elsewhere):
    step = due_things["overdue_step"]
    url = reverse("reminders:step_done", args=[step.incident.public_id, step.public_id])
    assert logged_in.post(url, {"next": elsewhere}).url == reverse("reminders:today")
