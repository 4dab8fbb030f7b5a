"""Writes for coaching. Callers have checked access: the client's own incident through
incidents.selectors.incident_for_owner, a coach's case through selectors.shared_case_for_coach."""

import datetime

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from crisis_coach.accounts.services import record_security_event
from crisis_coach.coaching import rules as coaching_rules
from crisis_coach.coaching import tasks
from crisis_coach.coaching.models import (
    CaseAccess,
    CoachComment,
    CoachingLink,
    CoachNote,
    CoachProfile,
    LinkStatus,
    new_invite_code,
)
from crisis_coach.coaching.sessions.services import sessions_call_off_on_link_end
from crisis_coach.common import ratelimit, retention
from crisis_coach.common.addressing import addressed
from crisis_coach.incidents import services as incident_services
from crisis_coach.incidents.case_summary import case_summary_refresh
from crisis_coach.incidents.models import (
    ActionStep,
    Conversation,
    EventKind,
    Incident,
    ProposalState,
    TimelineEvent,
)


class LinkError(Exception):
    """A link the rules forbid; the message is for the person."""


def coach_profile_create(*, user, bio: str = "") -> CoachProfile:
    """Make `user` a coach (idempotent). Called at sign-up and by the demo data."""
    profile, _created = CoachProfile.objects.get_or_create(user=user, defaults={"bio": bio})
    return profile


@transaction.atomic
def invite_code_regenerate(*, profile: CoachProfile) -> CoachProfile:
    """A fresh invite code; the old one stops working at once. Existing links are not touched."""
    profile.invite_code = new_invite_code()
    profile.save(update_fields=["invite_code"])
    return profile


@transaction.atomic
def link_create(*, client, coach_profile: CoachProfile) -> CoachingLink:
    """Link the client to this coach. One active coach at a time: an existing link must be ended first."""

    if coach_profile.user_id == client.pk:
        raise LinkError(addressed("This is your own code. You cannot be your own coach."))
    if CoachingLink.objects.active().filter(client=client).exists():
        raise LinkError(addressed("You already have a coach. End that link first."))
    try:
        with transaction.atomic():
            link = CoachingLink.objects.create(client=client, coach=coach_profile.user)
    except IntegrityError as error:  # Two tabs at once: the database's unique constraint decides.
        raise LinkError(addressed("You already have a coach. End that link first.")) from error
    _record_link_change(link=link, kind="coach_linked")
    return link


@transaction.atomic
def link_end(*, link: CoachingLink, ended_by) -> CoachingLink:
    """End the link (client or coach). The coach loses every case at once, and the client's cases
    are unshared, so consent given to this coach never passes silently to a later one."""
    if not link.is_active:
        return link
    link.status = LinkStatus.ENDED
    link.ended_at = timezone.now()
    link.ended_by = ended_by
    link.save(update_fields=["status", "ended_at", "ended_by"])
    unshared = Incident.objects.filter(owner_id=link.client_id, shared_with_coach=True)
    ids = list(unshared.values_list("pk", flat=True))
    Incident.objects.filter(pk__in=ids).update(shared_with_coach=False, **coaching_rules.unshared_fields())
    case_summary_refresh(Incident.objects.filter(pk__in=ids))  # the shared sections' words leave the search
    sessions_call_off_on_link_end(link=link)
    _record_link_change(link=link, kind="coach_unlinked")
    return link


def _record_link_change(*, link: CoachingLink, kind: str) -> None:
    """Who can see the client's cases changed: a line on the client's security page.

    No request is passed: when the coach ends the link, the coach's address must not reach the client.
    """
    record_security_event(user=link.client, kind=kind, detail=link.coach.display_name)


@transaction.atomic
def incident_set_shared(*, incident: Incident, shared: bool, sections=None) -> None:
    """The client's share switch for one incident. Not an edit of the case: no version bump.

    Sharing shows the plan, and the `sections` chosen beyond it (rules.CHOSEN_SECTIONS; None keeps
    the choice as it is, the plan only for a case not shared yet). Unsharing forgets the choice
    (rules.unshared_fields). The case's stored search columns are recomputed at once, so the
    coach's search finds a section's words only while it is shared."""
    fields = {"shared_with_coach": shared}
    if not shared:
        fields.update(coaching_rules.unshared_fields())
    elif sections is not None:
        fields.update(coaching_rules.share_fields(sections))
    Incident.objects.filter(pk=incident.pk).update(**fields)
    case_summary_refresh(Incident.objects.filter(pk=incident.pk))


@transaction.atomic
def incidents_set_shared_all(*, client, shared: bool) -> int:
    """Share (or unshare) every live incident of the client at once. Returns how many changed.
    A case already shared keeps its sections; one shared now shows the plan only."""
    changed = Incident.objects.alive().filter(owner=client).exclude(shared_with_coach=shared)
    ids = list(changed.values_list("pk", flat=True))
    fields = (
        {"shared_with_coach": shared}
        if shared
        else {"shared_with_coach": False, **coaching_rules.unshared_fields()}
    )
    count = Incident.objects.filter(pk__in=ids).update(**fields)
    case_summary_refresh(Incident.objects.filter(pk__in=ids))
    return count


# A coach's visit to a case is one view for the client, however many times the page reloads in it
# (every comment, proposal or note comes back to the case page).
CASE_ACCESS_WINDOW = datetime.timedelta(minutes=10)

_CASE_ACCESS_INSERT = f"""
    INSERT INTO {CaseAccess._meta.db_table} (coach_id, incident_id, at)
    SELECT %(coach)s, %(incident)s, %(now)s
    WHERE NOT EXISTS (
        SELECT 1 FROM {CaseAccess._meta.db_table}
        WHERE incident_id = %(incident)s AND coach_id = %(coach)s AND at > %(since)s
    )
"""


def case_access_record(*, coach, incident: Incident) -> bool:
    """Log a coach's view of a shared case for the client, unless this coach already viewed it in
    the last CASE_ACCESS_WINDOW. True when a view was logged. Callers: the case review and the
    coach's case report, after shared_case_for_coach.

    One statement (the check rides on the access_incident_at index): a reload costs no insert and
    no foreign-key lock on the incident, which every reload used to take.
    """
    now = timezone.now()
    params = {"coach": coach.pk, "incident": incident.pk, "now": now, "since": now - CASE_ACCESS_WINDOW}
    with connection.cursor() as cursor:
        cursor.execute(_CASE_ACCESS_INSERT, params)
        return cursor.rowcount == 1


def case_accesses_purge(*, before, max_batches: int | None = None) -> int:
    """Delete the log of coaches' views of every case dated before `before`, in batches (the access_at
    index); the client's page then counts only the views since. Callers: the retention runs of
    common/retention.py only, which registers it."""
    return retention.delete_in_batches(CaseAccess.objects.all(), before=before, max_batches=max_batches)


@transaction.atomic
def coach_comment_add(
    *,
    coach,
    incident: Incident,
    body: str,
    step: ActionStep | None = None,
    conversation: Conversation | None = None,
    case_url: str = "",
    notify: bool = True,
) -> CoachComment:
    """A coach's comment on a shared case: shown to the client, written to the timeline, and emailed
    (in the client's language) by the task worker. The demo data passes notify=False."""
    comment = CoachComment.objects.create(
        incident=incident, author=coach, body=body, step=step, conversation=conversation
    )
    TimelineEvent.objects.create(
        incident=incident, kind=EventKind.COACH_COMMENT, subject=coach.display_name[:200], text=body
    )
    if notify:
        # Queued in this transaction (the queue is a table): the email exists if and only if the comment does.
        tasks.send_comment_email.enqueue(comment_id=comment.pk, case_url=case_url)
    return comment


@transaction.atomic
def comment_reply_add(*, author, comment: CoachComment, body: str) -> CoachComment:
    """The client's reply to a coach's comment; the coach reads it on the case review."""
    reply = CoachComment.objects.create(incident=comment.incident, author=author, reply_to=comment, body=body)
    incident_services.case_changed(comment.incident)  # a reply from the client counts as their activity
    return reply


@transaction.atomic
def step_propose(
    *,
    coach,
    incident: Incident,
    title: str,
    detail: str = "",
    kind: str,
    due_on=None,
    case_url: str = "",
    notify: bool = True,
) -> ActionStep:
    """A step the coach suggests. It waits outside the plan until the client accepts it; the client
    is emailed (in their language) by the task worker. The demo data passes notify=False."""
    step = ActionStep.objects.create(
        incident=incident,
        title=title,
        detail=detail,
        kind=kind,
        due_on=due_on,
        proposed_by=coach,
        proposal_state=ProposalState.PENDING,
    )
    incident_services.case_changed(incident)  # the coach can search for the steps they proposed
    if notify:
        tasks.send_proposal_email.enqueue(step_id=step.pk, case_url=case_url)
    return step


@transaction.atomic
def step_proposal_accept(*, step: ActionStep) -> ActionStep:
    """The client takes the coach's step into the plan, at the end, and the stage follows."""
    return incident_services.proposed_step_join_plan(step=step)


@transaction.atomic
def step_proposal_decline(*, step: ActionStep) -> ActionStep:
    step.proposal_state = ProposalState.DECLINED
    step.save(update_fields=["proposal_state"])
    return step


@transaction.atomic
def coach_note_add(*, coach, client, body: str, incident: Incident | None = None, session=None) -> CoachNote:
    """A private note: about the client in general, about one case when `incident` is given, or about
    one session when `session` is (the session page's notes). Never shown to the client."""
    return CoachNote.objects.create(coach=coach, client=client, incident=incident, session=session, body=body)


@transaction.atomic
def coach_note_delete(*, note: CoachNote) -> None:
    note.delete()


# The support panel's "tell my coach" (wellbeing/_support_panel.html): once a day at most, so a
# second press (or a reload) never floods the coach, and the person is told it went already.
HARD_TIME_PER_DAY = 1
HARD_TIME_WINDOW_SECONDS = 24 * 3600


@transaction.atomic
def hard_time_message_send(*, client, today: datetime.date) -> bool:
    """Queue the "I'm having a hard time" email to the client's current coach, when the client pressed
    the button (a POST; never automatically). False when there is no active link, or one went today."""
    link = CoachingLink.objects.active().filter(client=client).first()
    if link is None:
        return False
    key = f"hard-time:{client.pk}:{today.isoformat()}"
    if not ratelimit.hit(key, limit=HARD_TIME_PER_DAY, window_seconds=HARD_TIME_WINDOW_SECONDS):
        return False
    tasks.send_hard_time_email.enqueue(link_id=link.pk)
    return True
