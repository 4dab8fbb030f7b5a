"""Reads for sessions. A client reaches their own sessions (with a former coach too: their record);
a coach only the sessions of a client still linked to them. Anyone else gets 404."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crisis_coach.coaching.models import CoachingLink, CoachingSession, CoachNote, SessionStatus
from crisis_coach.coaching.selectors import require_coach, shared_cases
from crisis_coach.incidents import presenters, rules
from crisis_coach.incidents.models import Stage
from crisis_coach.incidents.selectors import case_queryset
from crisis_coach.reminders import hooks
from crisis_coach.reminders import rules as reminder_rules
from crisis_coach.reminders.selectors import AgendaItem

CLIENT = "client"
COACH = "coach"
ROUTES = {CLIENT: "coaching:session_detail", COACH: "coach:session_detail"}
LIVE = (SessionStatus.PROPOSED, SessionStatus.ACCEPTED)
# What a calendar app is told of each state (iCalendar STATUS): a declined or cancelled session
# stays in the feed under its UID, so the app removes the event instead of keeping a stale one.
ICS_STATUS = {
    SessionStatus.PROPOSED: "TENTATIVE",
    SessionStatus.ACCEPTED: "CONFIRMED",
    SessionStatus.DECLINED: "CANCELLED",
    SessionStatus.CANCELLED: "CANCELLED",
}
# The feed keeps a month of past sessions: enough for a calendar to see the last changes.
CALENDAR_PAST_DAYS = 31


def _linked() -> Exists:
    return Exists(CoachingLink.objects.active().filter(client=OuterRef("client"), coach=OuterRef("coach")))


def _sessions() -> QuerySet[CoachingSession]:
    return CoachingSession.objects.select_related("client", "coach")


def side_of(session: CoachingSession, user) -> str:
    return CLIENT if session.client_id == user.pk else COACH


def session_for(user, public_id, side: str, *, live_link: bool = False) -> CoachingSession:
    """The session as `side` sees it, or 404. The coach's side needs the client still linked to them;
    the client's side too when `live_link` (to act on it: answering a coach who is gone means nothing)."""
    if side == COACH:
        require_coach(user)
        found = _sessions().filter(_linked(), coach=user)
    else:
        found = _sessions().filter(client=user)
        if live_link:
            found = found.filter(_linked())
    return get_object_or_404(found, public_id=public_id)


def sessions_for(user, side: str, *, past: bool) -> QuerySet[CoachingSession]:
    """The list: upcoming ones soonest first, or past ones latest first."""
    found = _sessions().filter(_linked(), coach=user) if side == COACH else _sessions().filter(client=user)
    now = timezone.now()
    if past:
        return found.filter(starts_at__lt=now).order_by("-starts_at", "-id")
    return found.filter(starts_at__gte=now).order_by("starts_at", "id")


def notes_for_session(coach, session: CoachingSession) -> QuerySet[CoachNote]:
    """The coach's private notes on this session. Only ever for that coach's own page."""
    return CoachNote.objects.filter(coach=coach, session=session)


def still_linked(session: CoachingSession) -> bool:
    return (
        CoachingLink.objects.active().filter(client_id=session.client_id, coach_id=session.coach_id).exists()
    )


def other_name(session: CoachingSession, side: str) -> str:
    if side == COACH:
        return session.client.display_name
    return session.coach.display_name if session.coach else session.coach_name


def awaiting_answer_of_client(user) -> CoachingSession | None:
    """The soonest session still ahead that the client's linked coach proposed and she has not
    answered (the line on /coaching/). One query."""
    return (
        _sessions()
        .filter(_linked(), client=user, status=SessionStatus.PROPOSED, starts_at__gt=timezone.now())
        .exclude(proposed_by=user)
        .order_by("starts_at", "id")
        .first()
    )


def waiting_for(session: CoachingSession, user) -> bool:
    """Proposed by the other side and still ahead: this person's answer is awaited."""
    return (
        session.status == SessionStatus.PROPOSED
        and session.proposed_by_id != user.pk
        and not session.has_started
    )


# --- the agenda's first draft ------------------------------------------------------------------


def agenda_draft(*, client, coach) -> str:
    """What the session could go through: each open case the client shares with this coach, its next
    best action and its overdue steps, in the proposer's language. Nothing of an unshared case."""
    today = timezone.localdate(timezone=client.zone)
    now = timezone.now()
    cases = (
        case_queryset()
        .filter(pk__in=shared_cases(coach).filter(owner=client).exclude(stage=Stage.CLOSED).values("pk"))
        .order_by("occurred_on", "id")
    )
    blocks = []
    for incident in cases:
        lines = [f"• {incident.title}"]
        action = rules.next_best_action(incident, today=today, now=now)
        # The next best action's own sentence already says it is the next thing ("Next step: …").
        lines.append("  " + str(presenters.show_next_action(incident, action).message))
        for step in rules.overdue_steps(incident, today):
            lines.append("  " + _("Overdue: %(title)s") % {"title": step.title})
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# --- Today, the digest and the calendar feed (reminders.hooks) ---------------------------------


def agenda_items(
    user, *, today: datetime.date, until: datetime.date | None, calendar: bool
) -> list[AgendaItem]:
    """The person's sessions, as a client and as a coach, with a linked other side. One query.

    Today and the digest: proposed and agreed sessions from today to `until`, with "Waiting for your
    answer" on those the other side proposed; and, whatever their date, every one still ahead that
    waits for this person's answer, in Today's group (the answer is what is due). The feed: every
    session of the last month and ahead, declined and cancelled ones as STATUS:CANCELLED."""
    start = datetime.datetime.combine(today, datetime.time.min, user.zone)
    found = _sessions().filter(_linked()).filter(Q(client=user) | Q(coach=user))
    if calendar:
        found = found.filter(starts_at__gte=start - datetime.timedelta(days=CALENDAR_PAST_DAYS))
    else:
        end = datetime.datetime.combine(until + datetime.timedelta(days=1), datetime.time.min, user.zone)
        awaited = Q(status=SessionStatus.PROPOSED, starts_at__gt=timezone.now()) & ~Q(proposed_by=user)
        found = found.filter(status__in=LIVE).filter(Q(starts_at__gte=start, starts_at__lt=end) | awaited)
    items = [_item(session, user) for session in found.order_by("starts_at", "id")]
    if not calendar:
        for item in items:
            if waiting_for(item.obj, user):
                item.bucket = reminder_rules.TODAY
    return items


def _item(session: CoachingSession, user) -> AgendaItem:
    side = side_of(session, user)
    note = ""
    if session.status == SessionStatus.PROPOSED:
        note = _("Waiting for your answer") if waiting_for(session, user) else _("Waiting for their answer")
    return AgendaItem(
        kind="session",
        due=timezone.localtime(session.starts_at, user.zone).date(),
        at=session.starts_at,
        ends_at=session.ends_at,
        title=_("Session with %(name)s") % {"name": other_name(session, side)},
        context=session.place,
        route=ROUTES[side],
        route_args=(session.public_id,),
        obj=session,
        status=ICS_STATUS[session.status],
        sequence=session.sequence,
        note=note,
    )


def register_agenda_source() -> None:
    """Sessions on Today, in the digest and in both people's feeds (CoachingConfig.ready)."""
    hooks.register_agenda_source(
        "session",
        agenda_items,
        label=gettext_lazy("Session"),
        discreet_title=gettext_lazy("Coaching session"),
        order=0.1,  # within a day: with the conversations, which have a time too
    )
