"""The radar's checks and the prevention plan travel in the export (since version 3) and come back
on import; a file of version 2, or of version 3 made before the radar, imports without them; a bad
answer is refused with its place in the file."""

import datetime

import pytest

from crisis_coach.incidents.models import CrisisType
from crisis_coach.portability.export import build_export
from crisis_coach.portability.importer import ImportRefused, restore, validate
from crisis_coach.wellbeing.models import PreventionStatus, PreventionStep, RadarCheck
from crisis_coach.wellbeing.radar import services
from tests.factories import make_user
from tests.wellbeing.helpers import local_today
from tests.wellbeing.radar_helpers import first_question, make_check

pytestmark = pytest.mark.django_db

BOSS = CrisisType.DIFFICULT_BOSS


def imported(document: dict, into):
    return restore(user=into, plan=validate(document))


def test_checks_and_steps_travel_and_come_back(client_user):
    make_check(client_user, days_ago=31, difficult_boss=1)
    make_check(client_user, difficult_boss=3, age=2)
    step = services.prevention_step_create(
        owner=client_user,
        crisis_type=BOSS,
        title="Keep a factual record",
        detail="Fridays",
        due_on=local_today(client_user) + datetime.timedelta(days=7),
    )
    step.source = "difficult_boss:record"
    step.save()
    dropped = services.prevention_step_create(owner=client_user, crisis_type="age", title="Learn a tool")
    services.prevention_step_set_status(step=dropped, status=PreventionStatus.DROPPED)

    document = build_export(client_user)
    assert [c["scores"][BOSS] for c in document["radar_checks"]] == [33, 100]
    assert {s["title"] for s in document["prevention_steps"]} == {"Keep a factual record", "Learn a tool"}

    newcomer = make_user(display_name="Someone new")
    imported(document, newcomer)
    mine = list(RadarCheck.objects.filter(owner=client_user).order_by("taken_on"))
    theirs = list(RadarCheck.objects.filter(owner=newcomer).order_by("taken_on"))
    assert [(c.taken_on, c.answers, c.scores) for c in theirs] == [
        (c.taken_on, c.answers, c.scores) for c in mine
    ]
    fields = ("crisis_type", "title", "detail", "kind", "due_on", "status", "source")
    assert sorted(PreventionStep.objects.filter(owner=newcomer).values_list(*fields)) == sorted(
        PreventionStep.objects.filter(owner=client_user).values_list(*fields)
    )


def test_a_version_2_file_without_the_radar_imports(client_user):
    document = build_export(client_user)
    for key in ("radar_checks", "prevention_steps"):
        del document[key]
    document["version"] = 2
    newcomer = make_user(display_name="From an old file")
    imported(document, newcomer)
    assert not RadarCheck.objects.filter(owner=newcomer).exists()
    assert not PreventionStep.objects.filter(owner=newcomer).exists()


def test_a_bad_answer_or_step_is_refused_with_its_place(client_user):
    make_check(client_user, difficult_boss=1)
    services.prevention_step_create(owner=client_user, crisis_type=BOSS, title="Keep a record")
    document = build_export(client_user)
    document["radar_checks"][0]["answers"][first_question(BOSS)] = 9
    document["prevention_steps"][0]["status"] = "someday"
    with pytest.raises(ImportRefused) as refused:
        validate(document)
    text = " ".join(str(m) for m in refused.value.messages)
    assert f"radar_checks[0].answers.{first_question(BOSS)}" in text
    assert "prevention_steps[0].status" in text
