"""Writes for sessions. Callers fetched the session through selectors.session_for (its side's
access); these functions check what the state allows and tell the other person (a task).

Every change a calendar should pick up (time, place, length, status) bumps `sequence`, the feed's
SEQUENCE; every write bumps `version`, so a page opened before it cannot act on what it never saw.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from crisis_coach.coaching.models import CoachingSession, SessionStatus
from crisis_coach.coaching.sessions import tasks
from crisis_coach.common.conflicts import save_versioned

PROPOSED = "proposed"
ACCEPTED = "accepted"
DECLINED = "declined"
CANCELLED = "cancelled"
MOVED = "moved"
SUMMARY = "summary"
CHANGES = (PROPOSED, ACCEPTED, DECLINED, CANCELLED, MOVED, SUMMARY)


class SessionError(Exception):
    """What the session's state does not allow now; the message is for the person."""


def _notify(session: CoachingSession, *, actor, change: str) -> None:
    """Queue the email to the other side, in this transaction: sent if and only if the change holds."""
    recipient_id = session.coach_id if actor.pk == session.client_id else session.client_id
    if recipient_id is not None:
        tasks.send_session_email.enqueue(session_id=session.pk, recipient_id=recipient_id, change=change)


@transaction.atomic
def session_propose(
    *,
    client,
    coach,
    proposed_by,
    starts_at,
    duration_minutes: int,
    place: str = "",
    agenda: str = "",
    notify: bool = True,
) -> CoachingSession:
    session = CoachingSession.objects.create(
        client=client,
        coach=coach,
        coach_name=coach.display_name[:150],
        proposed_by=proposed_by,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place,
        agenda=agenda,
    )
    if notify:
        _notify(session, actor=proposed_by, change=PROPOSED)
    return session


def _transition(session: CoachingSession, *, allowed, expected_version: int | None, **values) -> None:
    """One conditional UPDATE: only from an allowed state and, given a version, the one the page showed."""
    rows = CoachingSession.objects.filter(pk=session.pk, status__in=allowed)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if not rows.update(sequence=F("sequence") + 1, version=F("version") + 1, **values):
        raise SessionError(_("This session changed meanwhile. Here it is as it is now."))
    session.refresh_from_db()


@transaction.atomic
def session_answer(*, session: CoachingSession, by, accept: bool, expected_version: int | None) -> None:
    """The other side agrees or declines. The proposer cannot answer their own proposal."""
    if session.proposed_by_id == by.pk:
        raise SessionError(_("You proposed this session: the other side answers it."))
    if session.has_started:
        raise SessionError(_("This session's time has passed. Change the time to propose a new one."))
    status = SessionStatus.ACCEPTED if accept else SessionStatus.DECLINED
    _transition(
        session,
        allowed=[SessionStatus.PROPOSED],
        expected_version=expected_version,
        status=status,
        answered_at=timezone.now(),
    )
    _notify(session, actor=by, change=ACCEPTED if accept else DECLINED)


@transaction.atomic
def session_cancel(*, session: CoachingSession, by) -> None:
    """Either side calls off a proposed or agreed session, before an agreed one takes place."""
    if session.is_held:
        raise SessionError(_("This session has taken place, so it can no longer be called off."))
    live = [SessionStatus.PROPOSED, SessionStatus.ACCEPTED]
    _transition(session, allowed=live, expected_version=None, status=SessionStatus.CANCELLED)
    _notify(session, actor=by, change=CANCELLED)


@transaction.atomic
def sessions_call_off_on_link_end(*, link) -> int:
    """Coaching ended: the sessions still ahead between the two are called off (not left "agreed" in
    the client's record, nor brought back by a later link). Ending coaching is the news; no email."""
    return CoachingSession.objects.filter(
        client_id=link.client_id,
        coach_id=link.coach_id,
        status__in=[SessionStatus.PROPOSED, SessionStatus.ACCEPTED],
        starts_at__gt=timezone.now(),
    ).update(status=SessionStatus.CANCELLED, sequence=F("sequence") + 1, version=F("version") + 1)


MOVE_FIELDS = ("starts_at", "duration_minutes", "place")


@transaction.atomic
def session_move(*, session: CoachingSession, by, expected_version: int, **values) -> bool:
    """A new time, length or place: proposed again, by whoever changed it, for the other to answer.
    False (and nothing written) when nothing changed."""
    if session.status not in (SessionStatus.PROPOSED, SessionStatus.ACCEPTED):
        raise SessionError(_("This session was declined or cancelled. Propose a new one instead."))
    if session.is_held:
        raise SessionError(_("This session has taken place. Propose a new one instead."))
    if all(getattr(session, name) == values[name] for name in MOVE_FIELDS):
        return False
    for name in MOVE_FIELDS:
        setattr(session, name, values[name])
    session.status = SessionStatus.PROPOSED
    session.proposed_by = by
    session.answered_at = None
    session.sequence += 1
    save_versioned(
        session,
        expected_version=expected_version,
        fields=[*MOVE_FIELDS, "status", "proposed_by", "answered_at", "sequence"],
    )
    _notify(session, actor=by, change=MOVED)
    return True


@transaction.atomic
def session_agenda_update(*, session: CoachingSession, agenda: str, expected_version: int) -> None:
    session.agenda = agenda
    save_versioned(session, expected_version=expected_version, fields=["agenda"])


@transaction.atomic
def session_summary_write(*, session: CoachingSession, by, summary: str, expected_version: int) -> None:
    """The coach's shared summary; the client is told the first time and on each later change."""
    session.summary = summary
    session.summary_written_at = timezone.now() if summary.strip() else None
    save_versioned(session, expected_version=expected_version, fields=["summary", "summary_written_at"])
    if summary.strip():
        _notify(session, actor=by, change=SUMMARY)
