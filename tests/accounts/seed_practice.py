"""A coach's practice with one client: rows written directly (the services are being built beside this)."""

import datetime

from django.utils import timezone

from crisis_coach.coaching.models import (
    CoachingRating,
    CoachingSession,
    CoachNote,
    CoachNudge,
    Playbook,
    PlaybookStep,
    PlaybookStepUse,
    RatedCase,
    SessionStatus,
)
from crisis_coach.incidents.models import Incident
from tests.factories import make_incident, make_step


def seed_practice(client_user, coach) -> dict:
    """Link-free rows of issue 20 between `client_user` and `coach`: a playbook and a step from it,
    an agreed and a past session (with a private note on it), a nudge, the sharing by section,
    the coach's digest settings, and a named rating of a closed case."""
    now = timezone.now()
    profile = coach.coach_profile
    profile.digest_enabled, profile.digest_weekday, profile.digest_time = False, 4, datetime.time(7, 30)
    profile.save()
    playbook = Playbook.objects.create(
        coach=coach,
        name="Restructuring: the first fortnight",
        crisis_types=["restructuring", "business_change"],
        prompts="What is decided, and what is still open?\nWho else is affected?",
    )
    first = PlaybookStep.objects.create(
        playbook=playbook, position=0, title="Ask HR for the timeline", kind="quick_win", due_in_days=2,
        detail="In writing.\n",
    )  # fmt: skip
    PlaybookStep.objects.create(playbook=playbook, position=1, title="Update the CV", kind="career")
    Playbook.objects.create(coach=coach, name="Old pack", archived_at=now - datetime.timedelta(days=5))

    case = make_incident(
        client_user, title="Team merged", crisis_type="restructuring", shared_with_coach=True
    )
    Incident.objects.filter(pk=case.pk).update(share_evidence=True, share_check_ins=True)
    step = make_step(case, title="Ask HR for the timeline", kind="quick_win", from_playbook=playbook.name)
    PlaybookStepUse.objects.create(step=step, playbook=playbook, playbook_step=first)

    upcoming = CoachingSession.objects.create(
        client=client_user, coach=coach, proposed_by=coach, starts_at=now + datetime.timedelta(days=3),
        duration_minutes=45, place="https://meet.example.test/abc", status=SessionStatus.ACCEPTED,
        answered_at=now, agenda="Team merged:\n- Ask HR for the timeline",
    )  # fmt: skip
    past = CoachingSession.objects.create(
        client=client_user, coach=coach, proposed_by=client_user, starts_at=now - datetime.timedelta(days=7),
        status=SessionStatus.ACCEPTED, summary="We agreed on two steps.", summary_written_at=now,
    )  # fmt: skip
    note = CoachNote.objects.create(coach=coach, client=client_user, session=past, body="SECRET session note")
    nudge = CoachNudge.objects.create(incident=case, coach=coach, body="How did the HR talk go?")

    closed = make_incident(client_user, title="Closed and rated")
    rating = CoachingRating.objects.create(
        coach=coach, client=client_user, incident=closed, score=4, comment="RATING comment"
    )
    RatedCase.objects.create(incident=closed, coach=coach)
    return {
        "playbook": playbook, "case": case, "step": step, "upcoming": upcoming, "past": past,
        "note": note, "nudge": nudge, "closed": closed, "rating": rating,
    }  # fmt: skip
