"""seed_large writes the bench's datasets with COPY, its triggers off (crisis_coach/demo/copy_rows.py):
what it writes must still be what the app would have written, or `make bench` measures other pages."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Exists, OuterRef

from crisis_coach.accounts.models import User
from crisis_coach.coaching.models import CoachingLink
from crisis_coach.demo.management.commands.seed_large import (
    BENCH_COACH_EMAIL,
    CASELOAD_COACH_EMAIL,
    PRACTICE_COACH_EMAIL,
    SEEDED,
    bench_client_email,
    practices,
    seed_people,
)
from crisis_coach.evidence.models import EvidenceVersion
from crisis_coach.incidents.case_summary import summary_columns
from crisis_coach.incidents.models import Incident, NoteVersion, Stage

pytestmark = pytest.mark.django_db


def seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_large", clients=2, cases=3, workers=1, stdout=out, **options)
    with connection.cursor() as cursor:  # in this test's transaction, the seeder's setting outlives it
        cursor.execute("SET LOCAL session_replication_role = origin")
    return out.getvalue()


def test_every_row_points_at_rows_that_exist():
    """The foreign-key checks are off while it writes: the rows must hold without them."""
    seed()
    dangling = {
        f"{model.__name__}.{field.name}": model.objects.exclude(**{f"{field.attname}__isnull": True})
        .exclude(Exists(field.related_model.objects.filter(pk=OuterRef(field.attname))))
        .count()
        for model in SEEDED
        for field in model._meta.concrete_fields
        if field.is_relation
    }
    assert dangling and not any(dangling.values()), dangling


def test_every_case_gets_its_rows_its_summary_and_its_history():
    seed()
    cases = Incident.objects.filter(owner__email=bench_client_email(1))
    assert cases.count() == 3
    case = cases.order_by("pk").first()
    assert (case.stakeholders.count(), case.steps.count(), case.events.count()) == (5, 10, 20)
    assert case.stance_changes.count() == 5
    # Each note's and entry's first version, as the insert triggers keep it (their "history").
    notes = NoteVersion.objects.filter(pgh_obj__incident=case, pgh_label="insert")
    assert sorted(notes.values_list("pgh_obj_id", "text", "written_at")) == sorted(
        case.events.values_list("pk", "text", "written_at")
    )
    entries = EvidenceVersion.objects.filter(pgh_obj__incident=case, pgh_label="insert")
    assert sorted(entries.values_list("pgh_obj_id", "what_happened", "happened_on")) == sorted(
        case.evidence.values_list("pk", "what_happened", "happened_on")
    )
    # The stored summary is the one the app's own recomputation gives, search words included.
    stored = Incident.objects.filter(pk=case.pk).values(*summary_columns())[0]
    recomputed = (
        Incident.objects.filter(pk=case.pk)
        .annotate(**{f"new_{name}": expression for name, expression in summary_columns().items()})
        .values(*(f"new_{name}" for name in summary_columns()))[0]
    )
    assert stored == {name.removeprefix("new_"): value for name, value in recomputed.items()}
    assert case.title.split(" #")[0].upper() in stored["search_text"]  # computed, not the empty default
    closed = cases.filter(stage=Stage.CLOSED).first()
    assert closed.reviews.count() > 0  # the reviews after the close, as closing a case schedules


def test_the_seeded_people_s_cached_pages_do_not_outlive_the_seeding():
    """Its triggers are off, so it moves the versions they would have moved (page_cache.key)."""
    seed_people(2)
    person = User.objects.get(email=bench_client_email(0))
    coach = User.objects.get(email=BENCH_COACH_EMAIL)
    before = (person.data_version, coach.coach_profile.caseload_version)
    seed()
    person.refresh_from_db()
    coach.coach_profile.refresh_from_db()
    assert person.data_version > before[0] and coach.coach_profile.caseload_version > before[1]


def test_a_second_run_leaves_a_complete_dataset_as_it_is():
    seed()
    assert "already present" in seed()
    assert Incident.objects.count() == 6


def test_a_seeding_cut_short_goes_on_with_the_clients_left():
    seed_people(2)  # the people were made, then the seeding stopped
    first = User.objects.get(email=bench_client_email(0))
    seed()
    assert first.incidents.count() == 3 and Incident.objects.count() == 6


def test_beyond_500_clients_a_small_practice_and_a_whole_caseload_take_the_rest():
    assert [(email, len(numbers)) for email, _, numbers in practices(5000)] == [
        (BENCH_COACH_EMAIL, 500), (PRACTICE_COACH_EMAIL, 50), (CASELOAD_COACH_EMAIL, 4450)
    ]  # fmt: skip
    assert [email for email, _, _ in practices(500)] == [BENCH_COACH_EMAIL]


def test_clients_moved_to_another_coach_go_back_to_their_practice():
    seed()
    stranger = User.objects.create(email="elsewhere@bench.test")
    CoachingLink.objects.update(coach=stranger)
    seed_people(2)
    assert set(CoachingLink.objects.active().values_list("coach__email", flat=True)) == {BENCH_COACH_EMAIL}
