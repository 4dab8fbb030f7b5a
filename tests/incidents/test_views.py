from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from crisis_coach.incidents.models import ActionStep, Conversation, EventKind, Incident, Stage, Stakeholder
from tests.factories import make_incident, make_stakeholder, make_step, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

NEW_INCIDENT = {
    "title": "Lost the Lee & Co account",
    "what_happened": "I missed their counter-offer.",
    "occurred_on": "2026-11-20",
    "crisis_type": "work_mistake",
    "severity": "4",
    "control_at_start": "3",
}


def test_logging_a_setback_starts_assess_and_the_timeline(logged_in, client_user):
    response = logged_in.post(reverse("incidents:create"), NEW_INCIDENT)
    incident = Incident.objects.get(owner=client_user)
    assert response.url == reverse("incidents:assess", args=[incident.public_id])
    assert (incident.stage, incident.severity, incident.control_at_start) == (Stage.ASSESS, 4, 3)
    assert list(incident.events.values_list("kind", flat=True)) == [EventKind.LOGGED]


def test_the_form_explains_every_crisis_type(logged_in):
    page = logged_in.get(reverse("incidents:create")).content.decode()
    assert page.count('class="form-check crisis-type-option"') == 9
    assert "A new hire, a tool or an outside service is taking over your work." in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This field is required."),
        ("severity", "9", "Select a valid choice. 9 is not one of the available choices."),
        ("occurred_on", "next tuesday-ish", "Enter a valid date."),
        (
            "crisis_type",
            "alien_abduction",
            "Select a valid choice. alien_abduction is not one of the available choices.",
        ),
    ],
)
def test_bad_input_gets_a_field_error_and_keeps_what_was_typed(logged_in, field, value, message):
    response = logged_in.post(reverse("incidents:create"), {**NEW_INCIDENT, field: value})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    page = response.content.decode()
    assert "I missed their counter-offer." in page
    if value:
        assert value in page
    assert not Incident.objects.exists()


def test_list_filters_by_status_and_type_newest_first(logged_in, client_user):
    old = make_incident(
        client_user, title="Old boss trouble", crisis_type="difficult_boss", occurred_on=date(2026, 1, 5)
    )
    new = make_incident(client_user, title="Fresh mistake", occurred_on=date(2026, 11, 1))
    Incident.objects.filter(pk=old.pk).update(stage=Stage.CLOSED)
    page = logged_in.get(reverse("incidents:list")).content.decode()
    assert page.index(new.title) < page.index(old.title)
    assert old.title not in logged_in.get(reverse("incidents:list") + "?status=open").content.decode()
    closed = logged_in.get(reverse("incidents:list") + "?status=closed").content.decode()
    assert old.title in closed and new.title not in closed
    by_type = logged_in.get(reverse("incidents:list") + "?crisis_type=difficult_boss").content.decode()
    assert old.title in by_type and new.title not in by_type


def test_list_drops_a_garbled_filter_without_an_error(logged_in, client_user):
    boss = make_incident(client_user, title="Boss trouble", crisis_type="difficult_boss")
    other = make_incident(client_user, title="Fresh mistake")
    response = logged_in.get(reverse("incidents:list"), {"status": "nope", "crisis_type": "difficult_boss"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "is-invalid" not in page and "invalid-feedback" not in page
    assert boss.title in page and other.title not in page  # the kind that fits still applies
    assert '<option value="" selected>All</option>' in page
    assert '<option value="difficult_boss" selected>' in page
    for name in ("status", "crisis_type"):
        assert f'<label for="id_{name}"' in page and f'id="id_{name}"' in page


def test_list_shows_overdue_steps_and_is_paginated(logged_in, client_user):
    incidents = [make_incident(client_user, title=f"Setback {n:02}") for n in range(21)]
    make_step(incidents[-1], due_on=timezone.localdate(timezone=client_user.zone) - timedelta(days=2))
    first = logged_in.get(reverse("incidents:list"))
    assert len(first.context["page"].object_list) == 20
    assert "1 overdue step" in first.content.decode()
    second = logged_in.get(reverse("incidents:list") + "?page=2")
    assert len(second.context["page"].object_list) == 1


def _seed_incidents(owner, count):
    for n in range(count):
        incident = make_incident(owner, title=f"Setback {n}")
        make_step(incident, due_on=date(2026, 1, 1))


def test_incident_list_query_count_does_not_grow(client):
    small, large = make_user(), make_user()
    _seed_incidents(small, 1)
    _seed_incidents(large, 50)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts, cached_counts = [], []
    for user in (small, large):
        client.force_login(user)
        for found in (counts, cached_counts):  # the first load fills the cache, the second reads it
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("incidents:list")).status_code == 200
            found.append(len(queries))
        # Served from the cache (common/page_cache.py), the list reads no case.
        assert not any("incidents_incident" in query["sql"] for query in queries.captured_queries)
    assert counts[0] == counts[1]
    assert cached_counts[0] == cached_counts[1] < counts[0]


def _big_case(owner, size):
    incident = make_incident(owner)
    for n in range(size):
        person = make_stakeholder(incident, name=f"Person {n}", influence=(n % 5) + 1)
        make_step(
            incident,
            title=f"Step {n}",
            due_on=timezone.localdate(timezone=owner.zone) + timedelta(days=n % 10),
        )
        Conversation.objects.create(incident=incident, stakeholder=person)
        incident.events.create(kind=EventKind.NOTE, text=f"note {n}")
    return incident


@pytest.mark.parametrize("page", ["detail", "assess", "confront", "resolve"])
def test_incident_pages_do_the_same_number_of_queries_with_1_and_50_rows(client, page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (1, 50):
        owner = make_user()
        incident = _big_case(owner, size)
        client.force_login(owner)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(f"incidents:{page}", args=[incident.public_id])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 16


def test_conversation_with_a_stakeholder_of_another_incident_is_refused(logged_in, client_user):
    mine = make_incident(client_user)
    make_stakeholder(mine)
    elsewhere = make_stakeholder(make_incident(client_user, title="Other"), name="Outsider")
    response = logged_in.post(
        reverse("incidents:conversation_plan", args=[mine.public_id]),
        {"stakeholder": elsewhere.pk, "planned_for": "2026-11-25T10:00", "acknowledge": "I was late"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert "I was late" in response.content.decode()
    assert not Conversation.objects.exists()


def test_step_with_a_garbage_due_date_keeps_the_title(logged_in, client_user):
    incident = make_incident(client_user)
    response = logged_in.post(
        reverse("incidents:step_add", args=[incident.public_id]),
        {"title": "Call the client", "kind": "remedy", "status": "todo", "due_on": "31/02/2026"},
    )
    assert response.status_code == 200
    assert response.context["step_form"].errors["due_on"] == ["Enter a valid date."]
    assert 'value="Call the client"' in response.content.decode()


def test_second_tab_is_told_of_the_conflict_and_sees_both_versions(logged_in, client_user):
    incident = make_incident(client_user)
    edit_url = reverse("incidents:edit", args=[incident.public_id])
    tab_one = {**NEW_INCIDENT, "title": "Title from tab one", "version": "1"}
    tab_two = {**NEW_INCIDENT, "title": "Title from tab two", "version": "1"}
    assert logged_in.post(edit_url, tab_one).status_code == 302
    response = logged_in.post(edit_url, tab_two, follow=True)  # to the edit page (a GET), with both
    assert response.status_code == 200 and response.redirect_chain[0][1] == 303
    page = response.content.decode()
    assert "changed elsewhere" in page
    assert "Title from tab one" in page  # theirs, shown for comparison
    assert 'value="Title from tab two"' in page  # yours, still in the form
    incident.refresh_from_db()
    assert incident.title == "Title from tab one"
    # Saving again from the conflict page deliberately keeps yours.
    assert logged_in.post(edit_url, {**tab_two, "version": "2"}).status_code == 302
    incident.refresh_from_db()
    assert (incident.title, incident.version) == ("Title from tab two", 3)


def test_assessment_conflict_is_detected(logged_in, client_user):
    incident = make_incident(client_user)
    url = reverse("incidents:assessment_save", args=[incident.public_id])
    # Both tabs opened the page before any assessment existed (version 0).
    form = {"harm_reputation": "3", "root_cause": "Tab one", "version": "0"}
    assert logged_in.post(url, form).status_code == 302
    response = logged_in.post(url, {**form, "root_cause": "Tab two"}, follow=True)
    assert response.request["PATH_INFO"] == reverse("incidents:assess", args=[incident.public_id])
    assert "changed elsewhere" in response.content.decode()
    assert incident.assessment.root_cause == "Tab one"


def test_htmx_adds_a_stakeholder_in_place(logged_in, client_user):
    incident = make_incident(client_user)
    response = logged_in.post(
        reverse("incidents:stakeholder_add", args=[incident.public_id]),
        {"name": "Grace Lin", "relation": "manager", "influence": "5", "stance": "neutral"},
        headers={"hx-request": "true"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<section id="stakeholders"')
    assert "Grace Lin" in page and "<html" not in page
    assert Stakeholder.objects.get().influence == 5


def test_htmx_ticks_a_step_in_place_and_without_js_redirects(logged_in, client_user):
    incident = make_incident(client_user)
    step = make_step(incident)
    url = reverse("incidents:step_status", args=[incident.public_id, step.public_id])
    response = logged_in.post(url, {"status": "done"}, headers={"hx-request": "true"})
    assert response.content.decode().lstrip().startswith("<li")
    step.refresh_from_db()
    assert step.status == "done" and step.done_at is not None
    response = logged_in.post(url, {"status": "todo", "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url.startswith("/incidents/")


def test_steps_can_be_reordered(logged_in, client_user):
    incident = make_incident(client_user)
    first, second = make_step(incident, title="A", position=1), make_step(incident, title="B", position=2)
    logged_in.post(
        reverse("incidents:step_move", args=[incident.public_id, second.public_id]), {"direction": "up"}
    )
    assert list(incident.steps.values_list("title", flat=True)) == ["B", "A"]
    assert first.pk


def test_playbook_step_is_added_with_a_due_date_in_two_weeks(logged_in, client_user):
    incident = make_incident(client_user)
    logged_in.post(reverse("incidents:playbook_add", args=[incident.public_id]), {"key": "visible_result"})
    step = ActionStep.objects.get()
    assert step.kind == "quick_win"
    assert step.due_on == timezone.localdate(timezone=client_user.zone) + timedelta(days=14)
    assert (
        logged_in.post(
            reverse("incidents:playbook_add", args=[incident.public_id]), {"key": "nope"}
        ).status_code
        == 404
    )


def test_deleting_asks_first_then_trash_restore_and_purge(logged_in, client_user):
    incident = make_incident(client_user)
    delete_url = reverse("incidents:delete", args=[incident.public_id])
    assert "Move to trash" in logged_in.get(delete_url).content.decode()
    incident.refresh_from_db()
    assert incident.deleted_at is None
    logged_in.post(delete_url)
    assert incident.title in logged_in.get(reverse("incidents:trash")).content.decode()
    logged_in.post(reverse("incidents:restore", args=[incident.public_id]))
    assert logged_in.get(reverse("incidents:detail", args=[incident.public_id])).status_code == 200

    recent, expired = make_incident(client_user, title="Recent"), make_incident(client_user, title="Expired")
    Incident.objects.filter(pk=recent.pk).update(deleted_at=timezone.now() - timedelta(days=29))
    Incident.objects.filter(pk=expired.pk).update(deleted_at=timezone.now() - timedelta(days=31))
    call_command("purge_trash")
    assert set(Incident.objects.values_list("title", flat=True)) == {incident.title, "Recent"}


def test_deleting_a_stakeholder_asks_for_confirmation(logged_in, client_user):
    incident = make_incident(client_user)
    person = make_stakeholder(incident)
    url = reverse("incidents:stakeholder_delete", args=[incident.public_id, person.public_id])
    assert "Yes, delete" in logged_in.get(url).content.decode()
    assert Stakeholder.objects.exists()
    logged_in.post(url)
    assert not Stakeholder.objects.exists()


def test_the_whole_flow_closes_with_time_to_resolution_and_can_reopen(logged_in, client_user):
    incident = make_incident(
        client_user, occurred_on=timezone.localdate(timezone=client_user.zone) - timedelta(days=6)
    )
    pid = incident.public_id
    logged_in.post(
        reverse("incidents:stakeholder_add", args=[pid]),
        {"name": "Grace", "relation": "manager", "influence": "5", "stance": "neutral"},
    )
    logged_in.post(
        reverse("incidents:assessment_save", args=[pid]),
        {
            "harm_reputation": "4", "harm_relationship": "4", "harm_business": "3", "harm_career": "3",
            "reversibility": "effort", "urgency": "high", "root_cause": "No tracker", "version": "0",
        },
    )  # fmt: skip
    incident.refresh_from_db()
    assert incident.stage == Stage.CONFRONT
    assert incident.assessment.risk_level == "high"
    grace = Stakeholder.objects.get()
    logged_in.post(
        reverse("incidents:conversation_plan", args=[pid]),
        {"stakeholder": grace.pk, "planned_for": "2026-11-20T10:00"},
    )
    talk = Conversation.objects.get()
    logged_in.post(
        reverse("incidents:conversation_record", args=[pid, talk.public_id]),
        {
            "held_at": "2026-11-20T10:30",
            "outcome": "positive",
            "outcome_notes": "She gave me the next account.",
            "version": "1",
        },
    )
    incident.refresh_from_db()
    assert incident.stage == Stage.RESOLVE
    logged_in.post(reverse("incidents:playbook_add", args=[pid]), {"key": "own_it"})
    step = ActionStep.objects.get()
    logged_in.post(reverse("incidents:step_status", args=[pid, step.public_id]), {"status": "done"})
    response = logged_in.post(
        reverse("incidents:reflection_save", args=[pid]),
        {
            "strengths": "Honesty",
            "lessons": "Track offers",
            "next_step": "Lead a new account",
            "control_at_close": "8",
            "version": "0",
        },
    )
    incident.refresh_from_db()
    assert response.url == reverse("incidents:detail", args=[pid])
    assert (incident.stage, incident.resolution_days) == (Stage.CLOSED, 6)
    assert "Closed after 6 days." in logged_in.get(response.url).content.decode()
    kinds = list(incident.events.values_list("kind", flat=True))
    assert kinds[0] == EventKind.LOGGED and kinds[-1] == EventKind.CLOSED
    assert EventKind.HELD in kinds and EventKind.STEP_DONE in kinds

    logged_in.post(reverse("incidents:reopen", args=[pid]))
    incident.refresh_from_db()
    assert (incident.stage, incident.resolution_days) == (Stage.RESOLVE, None)
    assert incident.reflection.lessons == "Track offers"  # kept as a draft


def test_a_note_with_bad_input_keeps_the_page_and_reports_the_error(logged_in, client_user):
    incident = make_incident(client_user)
    response = logged_in.post(reverse("incidents:note_add", args=[incident.public_id]), {"text": "x" * 2001})
    assert response.status_code == 200
    assert "at most 2000 characters" in response.content.decode()


def test_a_setback_cannot_be_dated_in_the_future(logged_in, client_user):
    tomorrow = (timezone.localdate(timezone=client_user.zone) + timedelta(days=1)).isoformat()
    response = logged_in.post(reverse("incidents:create"), {**NEW_INCIDENT, "occurred_on": tomorrow})
    assert "This date is in the future" in response.content.decode()
    assert not Incident.objects.exists()


def test_a_conversation_cannot_be_recorded_as_held_in_the_future(logged_in, client_user):
    incident = make_incident(client_user)
    talk = Conversation.objects.create(incident=incident, stakeholder=make_stakeholder(incident))
    url = reverse("incidents:conversation_record", args=[incident.public_id, talk.public_id])
    next_year = (timezone.now() + timedelta(days=365)).strftime("%Y-%m-%dT%H:%M")
    response = logged_in.post(
        url, {"held_at": next_year, "outcome": "positive", "outcome_notes": "Went well"}
    )
    assert "This is in the future" in response.content.decode()
    assert "Went well" in response.content.decode()
    talk.refresh_from_db()
    assert talk.held_at is None


def test_the_closing_reflection_asks_for_a_feeling_in_control_instead_of_assuming_one(logged_in, client_user):
    incident = make_incident(client_user)
    response = logged_in.post(
        reverse("incidents:reflection_save", args=[incident.public_id]),
        {"strengths": "a", "lessons": "b", "next_step": "c", "control_at_close": ""},
    )
    assert response.context["reflection_form"].errors["control_at_close"] == ["This field is required."]


def test_ticking_the_last_step_with_htmx_reloads_to_the_closed_setback(logged_in, client_user):
    from crisis_coach.incidents.models import Reflection

    incident = make_incident(client_user)
    step = make_step(incident)
    Reflection.objects.create(
        incident=incident, strengths="a", lessons="b", next_step="c", control_at_close=7
    )
    url = reverse("incidents:step_status", args=[incident.public_id, step.public_id])
    response = logged_in.post(url, {"status": "done"}, headers={"hx-request": "true"})
    assert response.headers["HX-Redirect"] == reverse("incidents:detail", args=[incident.public_id])
    incident.refresh_from_db()
    assert incident.stage == Stage.CLOSED
