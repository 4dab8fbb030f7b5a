"""The evidence log: logging a fact (often days after it happened), editing it with its history
kept, the trash, the filter by person, and what the form refuses."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from crisis_coach.evidence.models import EvidenceEntry
from crisis_coach.evidence.services import entry_update
from tests.evidence.helpers import form_data, make_entry
from tests.factories import make_contact, make_incident, make_stakeholder

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(client_user):
    return make_incident(client_user, crisis_type="difficult_boss", title="My manager")


def _log(incident):
    return reverse("evidence:log", args=[incident.public_id])


def test_cockpit_links_to_the_evidence_log(logged_in, incident):
    page = logged_in.get(reverse("incidents:detail", args=[incident.public_id])).content.decode()
    assert _log(incident) in page


def test_logging_a_backdated_entry_with_who_was_there(logged_in, client_user, incident):
    boss = make_stakeholder(incident, name="Mr Li")
    witness = make_stakeholder(incident, name="Ana", relation="colleague")
    mentor = make_contact(client_user, name="Dana Mentor")
    data = form_data(
        happened_on="2026-11-18",
        happened_at="09:30",
        concerns=str(boss.pk),
        present_stakeholders=[str(witness.pk)],
        present_contacts=[str(mentor.pk)],
    )
    response = logged_in.post(reverse("evidence:add", args=[incident.public_id]), data)
    assert response.status_code == 302

    entry = EvidenceEntry.objects.get(incident=incident)
    assert entry.happened_on == datetime.date(2026, 11, 18)
    assert entry.happened_at == datetime.time(9, 30)
    assert entry.concerns == boss
    assert list(entry.present_stakeholders.all()) == [witness]
    assert list(entry.present_contacts.all()) == [mentor]
    assert entry.present_names == "Ana\nDana Mentor"
    assert entry.written_at.date() == datetime.date(2026, 11, 25)
    page = logged_in.get(_log(incident)).content.decode()
    assert "Mr Li raised his voice" in page and "Teams chat with Ana" in page
    assert "Dana Mentor" in page
    assert "edited" not in page


def test_the_form_asks_for_facts_not_feelings(logged_in, incident):
    page = logged_in.get(reverse("evidence:add", args=[incident.public_id])).content.decode()
    assert "Facts, not feelings" in page


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"happened_on": "2026-11-26"}, "happened_on"),  # tomorrow
        ({"happened_on": "2026-11-25", "happened_at": "23:00"}, "happened_at"),  # later today
        ({"happened_on": "not a date"}, "happened_on"),
        ({"what_happened": "  "}, "what_happened"),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_kept(logged_in, incident, fields, field):
    data = form_data(**fields)
    response = logged_in.post(reverse("evidence:add", args=[incident.public_id]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    assert "Teams chat with Ana, 18 Nov" in page  # what was typed is kept
    assert not EvidenceEntry.objects.exists()


def test_today_in_the_persons_time_zone_counts(logged_in, client_user, incident, clock):
    # 2026-11-25 12:00 UTC is already 01:00 on the 26th in Auckland: "today" there is not the future.
    clock.shift(datetime.timedelta(hours=2))
    client_user.time_zone = "Pacific/Auckland"
    client_user.save()
    response = logged_in.post(
        reverse("evidence:add", args=[incident.public_id]), form_data(happened_on="2026-11-26")
    )
    assert response.status_code == 302, response.context["form"].errors


def test_an_edit_keeps_the_earlier_version_and_shows_edited(logged_in, incident, clock):
    entry = make_entry(incident, what_happened="He said the report was late.")
    clock.shift(datetime.timedelta(days=2))
    url = reverse("evidence:edit", args=[incident.public_id, entry.public_id])
    data = form_data(
        happened_on="2026-11-17", what_happened="He said, twice, the report was late.", version=1
    )
    assert logged_in.post(url, data).status_code == 302

    entry.refresh_from_db()
    assert entry.what_happened == "He said, twice, the report was late."
    assert entry.edited_at.date() == datetime.date(2026, 11, 27)
    assert entry.version == 2
    assert entry.versions.count() == 2
    assert "edited" in logged_in.get(_log(incident)).content.decode()

    history = logged_in.get(reverse("evidence:history", args=[incident.public_id, entry.public_id]))
    page = history.content.decode()
    assert "He said the report was late." in page and "He said, twice, the report was late." in page
    assert "Earlier version" in page and "Current version" in page
    versions = history.context["versions"]
    assert [v.what_happened for v in versions] == [
        "He said, twice, the report was late.",
        "He said the report was late.",
    ]
    # The history's times are the app's clock at each write, not the database's.
    assert versions[0].edited_at.date() == datetime.date(2026, 11, 27)
    assert versions[1].written_at.date() == datetime.date(2026, 11, 25)


def test_saving_without_a_change_is_not_an_edit(logged_in, incident):
    entry = make_entry(incident, what_happened="Same.", proof="")
    url = reverse("evidence:edit", args=[incident.public_id, entry.public_id])
    data = form_data(what_happened="Same.", proof="", version=1)
    assert logged_in.post(url, data).status_code == 302
    entry.refresh_from_db()
    assert entry.edited_at is None and entry.versions.count() == 1


def test_each_version_shows_who_was_present_then(incident):
    ana = make_stakeholder(incident, name="Ana")
    ben = make_stakeholder(incident, name="Ben")
    entry = make_entry(incident, present_stakeholders=[ana])
    entry_update(
        entry=entry,
        expected_version=1,
        present_stakeholders=[ana, ben],
        present_contacts=[],
        what_happened=entry.what_happened,
    )
    assert list(entry.versions.order_by("pgh_id").values_list("present_names", flat=True)) == [
        "Ana",
        "Ana\nBen",
    ]


def test_an_edit_cannot_move_it_after_it_was_written(logged_in, incident, clock):
    entry = make_entry(incident)
    clock.shift(datetime.timedelta(days=3))
    url = reverse("evidence:edit", args=[incident.public_id, entry.public_id])
    response = logged_in.post(url, form_data(happened_on="2026-11-27", version=1))
    assert response.status_code == 200
    assert "first written" in response.context["form"].errors["happened_on"][0]


def test_an_edit_from_a_stale_form_is_a_conflict_and_keeps_what_was_typed(logged_in, incident):
    entry = make_entry(incident)
    url = reverse("evidence:edit", args=[incident.public_id, entry.public_id])
    assert logged_in.post(url, form_data(what_happened="First tab.", version=1)).status_code == 302
    response = logged_in.post(url, form_data(what_happened="Second tab.", version=1))
    assert response.status_code == 303
    page = logged_in.get(response["Location"]).content.decode()
    assert "changed elsewhere" in page and "Second tab." in page and "First tab." in page
    entry.refresh_from_db()
    assert entry.what_happened == "First tab."


def test_the_log_is_in_the_order_things_happened_and_filters_by_person(logged_in, incident):
    boss = make_stakeholder(incident, name="Mr Li")
    ana = make_stakeholder(incident, name="Ana")
    make_entry(incident, happened_on=datetime.date(2026, 11, 20), what_happened="Third", concerns=boss)
    make_entry(
        incident, happened_on=datetime.date(2026, 11, 2), what_happened="First", present_stakeholders=[boss]
    )
    make_entry(incident, happened_on=datetime.date(2026, 11, 10), what_happened="Second", concerns=ana)

    listed = logged_in.get(_log(incident)).context["page"].object_list
    assert [e.what_happened for e in listed] == ["First", "Second", "Third"]
    about_boss = logged_in.get(_log(incident), {"person": str(boss.public_id)}).context["page"].object_list
    assert [e.what_happened for e in about_boss] == ["First", "Third"]
    # A person who is not in the case reads as "Everyone".
    odd = logged_in.get(_log(incident), {"person": "nonsense"})
    assert odd.status_code == 200 and len(odd.context["page"].object_list) == 3


def test_delete_asks_then_moves_to_the_cases_trash_and_restores_with_history(logged_in, incident):
    entry = make_entry(incident)
    entry_update(
        entry=entry, expected_version=1, present_stakeholders=[], present_contacts=[], proof="Changed"
    )
    url = reverse("evidence:delete", args=[incident.public_id, entry.public_id])
    assert "Move to trash" in logged_in.get(url).content.decode()
    assert logged_in.post(url).status_code == 302
    entry.refresh_from_db()
    assert entry.deleted_at is not None
    assert entry.versions.count() == 2  # a deletion is not an edit
    assert not logged_in.get(_log(incident)).context["page"].object_list
    trash = logged_in.get(reverse("evidence:trash", args=[incident.public_id])).content.decode()
    assert "In the Monday meeting" in trash
    # A trashed entry is not edited nor shown in its history page until restored.
    assert (
        logged_in.get(reverse("evidence:edit", args=[incident.public_id, entry.public_id])).status_code == 404
    )

    restore = reverse("evidence:restore", args=[incident.public_id, entry.public_id])
    assert logged_in.post(restore).status_code == 302
    entry.refresh_from_db()
    assert entry.deleted_at is None and entry.versions.count() == 2
    assert logged_in.post(restore).status_code == 404  # no longer in the trash


def test_purge_trash_deletes_entries_after_the_trash_days_only(incident, clock):
    old = make_entry(incident, what_happened="Old")
    recent = make_entry(incident, what_happened="Recent")
    kept = make_entry(incident, what_happened="Kept")
    EvidenceEntry.objects.filter(pk=old.pk).update(
        deleted_at=datetime.datetime(2026, 10, 20, tzinfo=datetime.UTC)
    )
    EvidenceEntry.objects.filter(pk=recent.pk).update(
        deleted_at=datetime.datetime(2026, 11, 20, tzinfo=datetime.UTC)
    )

    call_command("purge_trash", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert set(EvidenceEntry.objects.values_list("what_happened", flat=True)) == {"Recent", "Kept"}
    assert kept.versions.exists()


def test_removing_a_person_from_the_case_is_no_edit_and_the_history_stays_readable(logged_in, incident):
    from crisis_coach.incidents.services import stakeholder_delete

    boss = make_stakeholder(incident, name="Mr Li")
    entry = make_entry(incident, concerns=boss, present_stakeholders=[boss])
    stakeholder_delete(stakeholder=boss)
    entry.refresh_from_db()
    assert entry.concerns is None and entry.edited_at is None
    assert entry.versions.count() == 1
    history = logged_in.get(reverse("evidence:history", args=[incident.public_id, entry.public_id]))
    assert history.status_code == 200
    assert "Mr Li" in history.content.decode()  # who was present, as written then


def test_the_history_names_whom_each_version_concerned(logged_in, incident):
    boss = make_stakeholder(incident, name="Mr Li")
    ana = make_stakeholder(incident, name="Ana")
    entry = make_entry(incident, concerns=boss)
    entry_update(entry=entry, expected_version=1, present_stakeholders=[], present_contacts=[], concerns=ana)
    versions = logged_in.get(reverse("evidence:history", args=[incident.public_id, entry.public_id])).context[
        "versions"
    ]
    assert [v.concerns_name for v in versions] == ["Ana", "Mr Li"]


def test_a_conflict_names_who_was_present_in_the_version_saved_elsewhere(logged_in, incident):
    ana = make_stakeholder(incident, name="Ana")
    ben = make_stakeholder(incident, name="Ben")
    entry = make_entry(incident, present_stakeholders=[ana])
    url = reverse("evidence:edit", args=[incident.public_id, entry.public_id])
    first = form_data(present_stakeholders=[str(ana.pk), str(ben.pk)], version=1)
    assert logged_in.post(url, first).status_code == 302
    stale = logged_in.post(url, form_data(present_stakeholders=[str(ana.pk)], version=1))
    conflict = logged_in.get(stale["Location"]).context["conflict"]
    (row,) = [row for row in conflict["rows"] if "people in this case" in str(row["label"])]
    assert row["value"] == "Ana, Ben" and row["differs"]
