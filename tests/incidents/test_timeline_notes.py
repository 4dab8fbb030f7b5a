"""The timeline's own notes: dated in the past when it happened earlier (never in the future), edited
with every earlier version kept, and system events that stay as they were written."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis_coach.incidents.models import EventKind, TimelineEvent
from crisis_coach.incidents.services import timeline_note_add, timeline_note_edit
from tests.factories import make_incident, make_note

pytestmark = pytest.mark.django_db


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def add_note(logged_in, incident, **fields):
    return logged_in.post(reverse("incidents:note_add", args=[incident.public_id]), fields)


def test_a_note_without_a_date_happened_now(logged_in, client_user):
    incident = make_incident(client_user)
    add_note(logged_in, incident, text="Called HR.")
    note = incident.events.get(kind=EventKind.NOTE)
    assert abs(note.at - timezone.now()) < timedelta(minutes=1)
    assert note.written_at == note.at


def test_a_backdated_note_keeps_when_it_happened_and_when_it_was_written(logged_in, client_user):
    incident = make_incident(client_user)
    happened = timezone.now() - timedelta(days=3)
    response = add_note(logged_in, incident, text="She shouted at me in the corridor.", at=local(happened))
    assert response.status_code == 302
    note = incident.events.get(kind=EventKind.NOTE)
    assert note.at.date() == happened.date() and note.written_at > note.at
    page = logged_in.get(reverse("incidents:detail", args=[incident.public_id])).content.decode()
    assert "written" in page


def test_a_note_dated_in_the_future_is_refused_next_to_the_field_with_the_text_kept(logged_in, client_user):
    incident = make_incident(client_user)
    response = add_note(
        logged_in, incident, text="Meeting tomorrow.", at=local(timezone.now() + timedelta(days=1))
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "This is in the future." in page and "Meeting tomorrow." in page
    assert not incident.events.filter(kind=EventKind.NOTE).exists()


def test_the_note_form_defaults_to_now(logged_in, client_user):
    incident = make_incident(client_user)
    page = logged_in.get(reverse("incidents:detail", args=[incident.public_id])).content.decode()
    assert f'name="at" value="{local(timezone.now())}"' in page


def edit_url(note):
    return reverse("incidents:note_edit", args=[note.incident.public_id, note.pk])


def test_editing_a_note_keeps_its_earlier_version_and_shows_edited(logged_in, client_user, clock):
    incident = make_incident(client_user)
    note = make_note(incident, "First words.")
    clock.shift(timedelta(hours=2))
    earlier = timezone.now() - timedelta(days=1)
    response = logged_in.post(
        edit_url(note), {"text": "Better words.", "at": local(earlier), "version": str(note.version)}
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.text == "Better words." and note.edited_at is not None and note.version == 2
    assert [v.text for v in note.versions.order_by("pgh_id")] == ["First words.", "Better words."]
    cockpit = logged_in.get(reverse("incidents:detail", args=[incident.public_id])).content.decode()
    history_url = reverse("incidents:note_history", args=[incident.public_id, note.pk])
    assert history_url in cockpit and "edited" in cockpit
    history = logged_in.get(history_url).content.decode()
    assert history.index("Better words.") < history.index("First words.")  # newest first


def test_a_stale_note_edit_is_a_conflict_that_keeps_what_was_typed(logged_in, client_user):
    incident = make_incident(client_user)
    note = make_note(incident, "First words.")
    timeline_note_edit(event=note, text="Changed in another tab.", at=note.at, expected_version=1)
    response = logged_in.post(
        edit_url(note), {"text": "Mine.", "at": local(note.at), "version": "1"}, follow=True
    )
    page = response.content.decode()
    assert "This was changed elsewhere" in page and "Mine." in page
    note.refresh_from_db()
    assert note.text == "Changed in another tab."


def test_a_note_edited_into_the_future_is_refused(logged_in, client_user):
    incident = make_incident(client_user)
    note = make_note(incident, "First words.")
    response = logged_in.post(
        edit_url(note),
        {"text": "First words.", "at": local(timezone.now() + timedelta(days=2)), "version": "1"},
    )
    assert response.status_code == 200 and "This is in the future." in response.content.decode()


@pytest.mark.parametrize("view", ["note_edit", "note_history"])
def test_system_events_cannot_be_edited_their_edit_url_is_404(logged_in, client_user, view):
    incident = make_incident(client_user)
    logged = incident.events.get(kind=EventKind.LOGGED)
    url = reverse(f"incidents:{view}", args=[incident.public_id, logged.pk])
    assert logged_in.get(url).status_code == 404
    assert (
        logged_in.post(url, {"text": "Rewritten", "at": local(logged.at), "version": "1"}).status_code == 404
    )
    assert TimelineEvent.objects.get(pk=logged.pk).text == ""


def test_the_service_refuses_to_edit_a_system_event(client_user):
    incident = make_incident(client_user)
    logged = incident.events.get(kind=EventKind.LOGGED)
    with pytest.raises(ValueError):
        timeline_note_edit(event=logged, text="Rewritten", at=logged.at, expected_version=1)


def test_a_note_of_another_case_is_404_through_the_wrong_parent(logged_in, client_user):
    incident, other = make_incident(client_user), make_incident(client_user, title="Another")
    note = timeline_note_add(incident=other, text="Elsewhere.")
    assert (
        logged_in.get(reverse("incidents:note_edit", args=[incident.public_id, note.pk])).status_code == 404
    )


@pytest.mark.parametrize("intruder", ["stranger", "coach"])
def test_strangers_and_coaches_get_404_on_a_note_edit_and_its_history(client, client_user, intruder, request):
    incident = make_incident(client_user)
    note = make_note(incident, "Mine.")
    client.force_login(request.getfixturevalue(intruder))
    for view in ("note_edit", "note_history"):
        url = reverse(f"incidents:{view}", args=[incident.public_id, note.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"text": "pwned", "at": local(note.at), "version": "1"}).status_code == 404
    assert TimelineEvent.objects.get(pk=note.pk).text == "Mine."


@pytest.mark.parametrize("versions", [1, 50])
def test_a_notes_history_costs_the_same_queries_with_1_or_50_versions(
    logged_in, client_user, versions, django_assert_num_queries
):
    incident = make_incident(client_user)
    note = make_note(incident, "v0")
    for n in range(1, versions):
        note = timeline_note_edit(event=note, text=f"v{n}", at=note.at, expected_version=note.version)
    # session, user, savepoint pair, the case and its three prefetches, the note, its versions
    with django_assert_num_queries(HISTORY_QUERIES):
        response = logged_in.get(reverse("incidents:note_history", args=[incident.public_id, note.pk]))
    assert response.content.decode().count('class="list-group-item note-version"') == versions


HISTORY_QUERIES = 11
