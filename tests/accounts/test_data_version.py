"""A person's data version (accounts migration 0013) moves on every write to what her pages show, in
the same transaction, and only hers: her page parts are cached under it (common/page_cache.py).

The rows come from the demo (every table it fills), each written with no service, the way a bulk
UPDATE or the importer writes; the test names each row's people through the ORM, not through the
triggers' own queries.
"""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import F

from crisis_coach.accounts.models import User
from crisis_coach.coaching.models import CaseAccess, CoachingRating, RatedCase
from crisis_coach.coaching.services import link_create, link_end
from crisis_coach.demo.seed import seed_demo
from crisis_coach.network.models import ContactImport
from crisis_coach.reminders.models import ReminderSettings
from tests.factories import make_contact, make_user

data_version = importlib.import_module("crisis_coach.accounts.migrations.0013_data_version")


def version(person) -> int:
    return User.objects.values_list("data_version", flat=True).get(pk=person.pk)


def people_of(row) -> set[int]:
    """Whose pages show this row, read through its foreign keys."""
    for path in ("owner", "user", "incident__owner", "contact__owner", "community__owner"):
        target = row
        for part in path.split("__"):
            target = getattr(target, part, None)
        if target is not None:
            return {target.pk}
    return {pk for pk in (getattr(row, "client_id", None), getattr(row, "coach_id", None)) if pk}


def project_tables() -> set[str]:
    return {
        model._meta.db_table
        for model in apps.get_models()
        if model.__module__.startswith("crisis_coach.") and model._meta.managed
    }


def test_every_table_of_the_project_is_watched_or_says_why_not(db):
    classified = set(data_version.PEOPLE) | set(data_version.NOT_WATCHED)
    assert project_tables() - classified == set()
    assert set(data_version.PEOPLE) & set(data_version.NOT_WATCHED) == set()
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    assert classified - tables == set()  # no stale names


def rows_the_demo_lacks(now):
    """One row of each watched table that the demo leaves empty, for its first client."""
    client = User.objects.filter(incidents__isnull=False, coach_profile__isnull=True).order_by("pk").first()
    incident = client.incidents.order_by("pk").first()
    coach = User.objects.filter(coach_profile__isnull=False).order_by("pk").first()
    ContactImport.objects.create(
        owner=client, file_name="contacts.csv", file_format="csv", source_text="", error="", created_at=now
    )
    ReminderSettings.objects.get_or_create(user=client, defaults={"updated_at": now})
    CaseAccess.objects.create(coach=coach, incident=incident)
    RatedCase.objects.create(coach=coach, incident=incident)
    CoachingRating.objects.create(coach=coach, client=client, incident=incident, score=5, comment="")


def test_a_write_to_each_watched_table_moves_its_peoples_version_and_no_one_elses(db, clock_moment):
    seed_demo()
    rows_the_demo_lacks(now=clock_moment.at)
    stranger = make_user(display_name="Someone Else")
    by_table = {model._meta.db_table: model for model in apps.get_models()}
    missed = []
    for table in data_version.PEOPLE:
        model = by_table[table]
        row = model.objects.order_by("pk").first()
        if row is None:
            missed.append(f"{table}: the demo has no row")
            continue
        people = people_of(row)
        assert people, table
        before = {pk: version(User(pk=pk)) for pk in people | {stranger.pk}}
        key = model._meta.pk.attname
        model.objects.filter(pk=row.pk).update(**{key: F(key)})  # a write that changes nothing is still one
        moved = all(version(User(pk=pk)) > before[pk] for pk in people)
        if not moved or version(stranger) != before[stranger.pk]:
            missed.append(table)
    assert missed == [], "; ".join(missed)


def test_an_insert_and_a_delete_move_it_too(client_user):
    read = version(client_user)
    contact = make_contact(client_user)
    created = version(client_user)
    assert created > read
    contact.delete()
    assert version(client_user) > created


def test_her_own_row_moves_it_but_a_sign_in_does_not(client_user):
    read = version(client_user)
    User.objects.filter(pk=client_user.pk).update(theme="dark")
    changed = version(client_user)
    assert changed > read
    User.objects.filter(pk=client_user.pk).update(last_login=F("date_joined"))
    assert version(client_user) == changed


def test_a_row_saved_whole_never_takes_it_back(client_user):
    person = User.objects.get(pk=client_user.pk)
    read = person.data_version
    User.objects.filter(pk=client_user.pk).update(theme="dark")  # the database moves it on
    person.save()  # writes back the number it read
    assert version(client_user) > read + 1


@pytest.fixture
def link(coach, client_user):
    return link_create(client=client_user, coach_profile=coach.coach_profile)


def test_a_coach_renamed_shows_on_the_clients_pages(coach, client_user, link):
    read = version(client_user)
    User.objects.filter(pk=coach.pk).update(display_name="Coach Renamed")
    assert version(client_user) > read


def test_an_ended_link_moves_both_sides(coach, client_user, link):
    client_read, coach_read = version(client_user), version(coach)
    link_end(link=link, ended_by=client_user)
    assert version(client_user) > client_read
    assert version(coach) > coach_read
