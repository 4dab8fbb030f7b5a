"""Deleting an account and the coach practice: a client takes their sessions, nudges and ratings with
them (an aggregated anonymous rating names no one and stays); a coach takes their playbooks, notes and
the ratings they received, and the clients keep their sessions, with the coach's name."""

import pytest

from crisis_coach.coaching.models import (
    CoachingRating,
    CoachingSession,
    CoachNote,
    CoachNudge,
    Playbook,
    PlaybookStep,
    PlaybookStepUse,
    RatedCase,
)
from crisis_coach.incidents.models import ActionStep
from tests.accounts.seed_practice import seed_practice
from tests.accounts.test_account_delete import DELETE, rows_pointing_at
from tests.factories import PASSWORD, make_incident, make_user

pytestmark = pytest.mark.django_db


def _more_ratings(client_user, coach) -> dict:
    """An anonymous rating still waiting (linked), and one folded in with others (naming no one)."""
    waiting_case = make_incident(client_user, title="Rated anonymously")
    waiting = CoachingRating.objects.create(
        coach=coach, client=client_user, incident=waiting_case, score=2, anonymous=True
    )
    RatedCase.objects.create(incident=waiting_case, coach=coach)
    folded = CoachingRating.objects.create(coach=coach, score=5, anonymous=True, aggregated=True)
    return {"waiting": waiting, "folded": folded}


def test_a_client_who_leaves_takes_sessions_nudges_ratings_and_playbook_uses(client, client_user, coach):
    seed = seed_practice(client_user, coach)
    ratings = _more_ratings(client_user, coach)
    someone = make_user()
    theirs = CoachingSession.objects.create(
        client=someone, coach=coach, starts_at=seed["upcoming"].starts_at, coach_name=""
    )
    pk = client_user.pk
    client.force_login(client_user)

    assert client.post(DELETE, {"password": PASSWORD}).status_code == 302

    assert rows_pointing_at(pk) == []
    assert list(CoachingSession.objects.all()) == [theirs]
    assert not CoachNudge.objects.exists()
    assert not CoachNote.objects.exists()  # the coach's notes about them, the session's too
    # Named and waiting ratings went with the client and their cases; the folded one names no one.
    assert list(CoachingRating.objects.all()) == [ratings["folded"]]
    assert not RatedCase.objects.exists()
    assert not PlaybookStepUse.objects.exists()
    # The coach's playbook is the coach's: it stays, with its steps.
    assert sorted(Playbook.objects.filter(coach=coach).values_list("name", flat=True)) == [
        "Old pack", "Restructuring: the first fortnight",
    ]  # fmt: skip
    assert PlaybookStep.objects.filter(playbook=seed["playbook"]).count() == 2


def test_a_coach_who_leaves_takes_playbooks_notes_and_ratings_and_the_client_keeps_sessions(
    client, client_user, coach
):
    seed = seed_practice(client_user, coach)
    _more_ratings(client_user, coach)
    # A session whose stored name was never filled keeps the name of the coach it was with.
    assert CoachingSession.objects.filter(coach=coach, coach_name="").count() == 2
    CoachingSession.objects.filter(pk=seed["past"].pk).update(coach_name="Casey C. (as then)")
    other_coach = make_user(is_coach=True, display_name="Other Coach")
    kept_rating = CoachingRating.objects.create(coach=other_coach, score=3, anonymous=True, aggregated=True)
    name, pk = coach.display_name, coach.pk
    client.force_login(coach)

    assert client.post(DELETE, {"password": PASSWORD}).status_code == 302

    assert rows_pointing_at(pk) == []
    assert not Playbook.objects.exists() and not PlaybookStep.objects.exists()
    assert not PlaybookStepUse.objects.exists()
    assert not CoachNote.objects.exists()
    assert list(CoachingRating.objects.all()) == [kept_rating]  # every rating the coach received went
    assert not RatedCase.objects.exists()
    sessions = CoachingSession.objects.filter(client=client_user).order_by("starts_at")
    assert [(s.coach, s.proposed_by, s.coach_name) for s in sessions] == [
        (None, client_user, "Casey C. (as then)"),
        (None, None, name),
    ]
    assert sessions[1].agenda == "Team merged:\n- Ask HR for the timeline"
    assert sessions[0].summary == "We agreed on two steps."
    # The client's step from the playbook is theirs: it stays, and still says where it came from.
    step = ActionStep.objects.get(pk=seed["step"].pk)
    assert step.from_playbook == "Restructuring: the first fortnight"
    # A nudge the coach sent stays on the client's case, from no one.
    assert list(CoachNudge.objects.values_list("coach", "body")) == [(None, "How did the HR talk go?")]
