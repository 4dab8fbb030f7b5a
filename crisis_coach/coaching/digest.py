"""The coach's weekly digest: who needs attention and why, the week's sessions, replies to comments.

Once per ISO week, on the first run (send_reminders, every 15 minutes) at or after the weekday and
time the coach chose (CoachProfile.digest_*), in the coach's own time zone. The once-per-period
guarantee is the client digest's: a reminders.DigestSent row, period "coach-2026-W48", inserted in
the same transaction that sends, so two concurrent runs send once. Like the client digest it goes
only to an address that may be emailed (reminders.services.may_email: "Never" and one-click
unsubscribe stop it too), is skipped when there is nothing to say, and in discreet mode names no
client and no case: each line says why, and links to the case.

What it reads is what the coach may read: shared cases of actively linked clients
(selectors.shared_cases), check-ins only of clients who share them on that case
(Incident.share_check_ins), sessions only with clients still linked.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from crisis_coach.coaching import selectors
from crisis_coach.coaching.models import (
    CoachComment,
    CoachingLink,
    CoachingSession,
    CoachProfile,
    SessionStatus,
)
from crisis_coach.common import addressing
from crisis_coach.incidents.models import CaseReview, HappenedAgain, Incident, ReviewStatus, Stage
from crisis_coach.reminders import links
from crisis_coach.reminders import rules as reminder_rules
from crisis_coach.reminders import selectors as reminder_selectors
from crisis_coach.reminders.models import DigestSent, Frequency
from crisis_coach.reminders.services import DigestRun, may_email, notify_client
from crisis_coach.wellbeing import rules as wellbeing_rules
from crisis_coach.wellbeing.models import CheckIn

logger = logging.getLogger(__name__)

WEEK = datetime.timedelta(days=7)
# A review after the close "went badly" when it happened again, or the client felt at most this in
# control (1–10).
REVIEW_LOW_CONTROL = 3
PERIOD_PREFIX = "coach-"

CHECK_IN_REASONS = {
    wellbeing_rules.VERY_LOW: gettext_lazy("A very low mood in a check-in"),
    wellbeing_rules.LOW_DAYS_IN_A_ROW: gettext_lazy("Low moods several days in a row"),
    wellbeing_rules.WORDS: gettext_lazy("Words of distress in a check-in"),
}


# --- when ------------------------------------------------------------------------------------


def digest_period(local_day: datetime.date) -> str:
    """The DigestSent key of the coach's digest for the ISO week of `local_day` ("coach-2026-W48"):
    the client's weekly key, prefixed, so the two digests of one person never share a row."""
    return PERIOD_PREFIX + reminder_rules.digest_period(Frequency.WEEKLY, today=local_day)


def digest_moment(profile: CoachProfile, *, local_day: datetime.date, zone) -> datetime.datetime:
    """When the digest of `local_day`'s ISO week is due: the chosen weekday and time, in `zone`.
    A time that a spring-forward skips is read as the hour before the change (zoneinfo, fold=0)."""
    monday = local_day - datetime.timedelta(days=local_day.weekday())
    day = monday + datetime.timedelta(days=profile.digest_weekday)
    return datetime.datetime.combine(day, profile.digest_time, tzinfo=zone)


def digest_due(profile: CoachProfile, *, local_now: datetime.datetime) -> bool:
    """Whether this week's digest may go at `local_now` (aware, in the coach's zone)."""
    if not profile.digest_enabled:
        return False
    return local_now >= digest_moment(profile, local_day=local_now.date(), zone=local_now.tzinfo)


def next_digest_at(
    profile: CoachProfile, *, now: datetime.datetime, zone, sent_this_week: bool
) -> datetime.datetime | None:
    """The next moment a digest is due, in `zone`; None when the coach turned it off."""
    if not profile.digest_enabled:
        return None
    local_now = timezone.localtime(now, zone)
    moment = digest_moment(profile, local_day=local_now.date(), zone=zone)
    if moment > local_now and not sent_this_week:
        return moment
    return digest_moment(profile, local_day=local_now.date() + WEEK, zone=zone)


def sent_this_week(coach, *, now: datetime.datetime) -> bool:
    period = digest_period(timezone.localtime(now, coach.zone).date())
    return DigestSent.objects.filter(user=coach, period=period).exists()


# --- what ------------------------------------------------------------------------------------


@dataclass
class CaseLine:
    """A shared case needing the coach, with every reason why."""

    case: Incident
    url: str
    reasons: list[str] = field(default_factory=list)


@dataclass
class SessionLine:
    session: CoachingSession
    url: str


@dataclass
class ReplyLine:
    reply: CoachComment
    url: str


@dataclass
class CoachDigest:
    cases: list[CaseLine]
    sessions: list[SessionLine]
    replies: list[ReplyLine]

    @property
    def count(self) -> int:
        return len(self.cases) + len(self.sessions) + len(self.replies)

    @property
    def is_empty(self) -> bool:
        return self.count == 0


def _case_url(case: Incident) -> str:
    return links.absolute(reverse("coach:case", args=[case.public_id]))


def _session_url(session: CoachingSession) -> str:
    # The session's own page (coaching/sessions); the dashboard should that page ever go.
    try:
        return links.absolute(reverse("coach:session_detail", args=[session.public_id]))
    except NoReverseMatch:
        return links.absolute(reverse("coach:dashboard"))


def _attention_reasons(case: Incident, *, now: datetime.datetime) -> list[str]:
    """The dashboard's own reasons (selectors.AttentionRules, computed in SQL by caseload)."""
    reasons = []
    if case.attention_risk:
        reasons.append(_("High risk, and the conversation not held yet"))
    if case.attention_overdue:
        count = max(case.overdue_count, 1)
        reasons.append(
            ngettext("%(count)d step overdue", "%(count)d steps overdue", count) % {"count": count}
        )
    if case.attention_stale:
        days = (now - case.last_activity).days
        reasons.append(ngettext("Quiet for %(days)d day", "Quiet for %(days)d days", days) % {"days": days})
    return reasons


def _review_reason(review: CaseReview) -> str:
    if review.status == ReviewStatus.SCHEDULED:
        return _("A review after the close is due")
    if review.happened_again == HappenedAgain.YES:
        return _("A review after the close: it happened again")
    return _("A review after the close: %(control)d/10 in control") % {"control": review.control_now}


def _reviews_needing_coach(cases, *, today: datetime.date, now: datetime.datetime):
    """Reviews of the coach's shared cases that are due and unanswered, or answered badly this week."""
    due = Q(status=ReviewStatus.SCHEDULED, due_on__lte=today, incident__stage=Stage.CLOSED)
    badly = Q(status=ReviewStatus.ANSWERED, answered_at__gte=now - WEEK) & (
        Q(happened_again=HappenedAgain.YES) | Q(control_now__lte=REVIEW_LOW_CONTROL)
    )
    return (
        CaseReview.objects.filter(due | badly, incident__in=cases)
        .select_related("incident__owner")
        .order_by("due_on", "id")
    )


def _sharing_check_ins(cases):
    """The open cases whose client shares check-ins with the coach: a closed case's sharing covers
    the days of that case only (selectors.case_period), never the weeks after it."""
    return cases.filter(share_check_ins=True).exclude(stage=Stage.CLOSED)


def _check_in_reasons(cases, *, today: datetime.date) -> dict[int, list[tuple[datetime.date, str]]]:
    """Per client (id) who shares check-ins on an open case: the support signals of the past week's
    check-ins (wellbeing.rules.support_reason, the safety net's own rule), with the day each was
    given, so a case shows only those from the day it happened. Never the note."""
    start = today - WEEK + datetime.timedelta(days=1)
    owners = _sharing_check_ins(cases).values("owner")
    check_ins = (
        CheckIn.objects.filter(
            owner__in=Subquery(owners),
            day__gte=start - datetime.timedelta(days=wellbeing_rules.LOW_DAYS - 1),
        )
        .select_related("owner")
        .only("owner__language", "day", "mood", "note")
        .order_by("owner_id", "day")
    )
    moods: dict[int, list] = {}
    latest: dict[int, list[CheckIn]] = {}
    for check_in in check_ins:
        moods.setdefault(check_in.owner_id, []).append((check_in.day, check_in.mood))
        if check_in.day >= start:
            latest.setdefault(check_in.owner_id, []).append(check_in)
    reasons: dict[int, list[tuple[datetime.date, str]]] = {}
    for owner_id, days in latest.items():
        found = []
        for check_in in days:
            reason = wellbeing_rules.support_reason(
                moods[owner_id], today=check_in.day, note=check_in.note, language=check_in.owner.language
            )
            if reason:
                found.append((check_in.day, str(CHECK_IN_REASONS[reason])))
        if found:
            reasons[owner_id] = found
    return reasons


def coach_digest_for(coach, *, now: datetime.datetime) -> CoachDigest:
    """What the coach's digest says at `now`, read in the coach's time zone (the caller overrides
    it). Six queries at most, whatever the number of clients. For coach_digest_send and tests."""
    today = timezone.localdate(now)
    cases = selectors.shared_cases(coach)
    lines: dict[int, CaseLine] = {}

    def line_for(case: Incident) -> CaseLine:
        if case.pk not in lines:
            lines[case.pk] = CaseLine(case=case, url=_case_url(case))
        return lines[case.pk]

    for case in selectors.caseload(coach, today=today, now=now).filter(needs_attention=True):
        line_for(case).reasons.extend(_attention_reasons(case, now=now))
    for review in _reviews_needing_coach(cases, today=today, now=now):
        line_for(review.incident).reasons.append(_review_reason(review))
    signals = _check_in_reasons(cases, today=today)
    if signals:
        sharing = _sharing_check_ins(cases).filter(owner_id__in=signals).select_related("owner")
    else:
        sharing = Incident.objects.none()  # keeps the count of queries the same: none is made
    for case in sharing.defer("search_text", "search_vector"):
        during = []
        for day, reason in signals[case.owner_id]:
            if day >= case.occurred_on and reason not in during:
                during.append(reason)
        if during:
            line_for(case).reasons.extend(during)

    still_linked = Exists(CoachingLink.objects.active().filter(coach=coach, client=OuterRef("client")))
    sessions = (
        CoachingSession.objects.filter(
            still_linked,
            coach=coach,
            status__in=(SessionStatus.PROPOSED, SessionStatus.ACCEPTED),
            starts_at__gte=now,
            starts_at__lt=now + WEEK,
        )
        .select_related("client")
        .order_by("starts_at", "id")
    )
    replies = (
        CoachComment.objects.filter(
            reply_to__author=coach, created_at__gte=now - WEEK, incident__in=cases.values("pk")
        )
        .exclude(author=coach)
        .select_related("author", "incident")
        .order_by("created_at", "id")
    )
    ordered = sorted(lines.values(), key=lambda line: (line.case.owner.display_name, line.case.title))
    return CoachDigest(
        cases=ordered,
        sessions=[SessionLine(session=session, url=_session_url(session)) for session in sessions],
        replies=[
            ReplyLine(reply=reply, url=_case_url(reply.incident) + "#comments-heading") for reply in replies
        ],
    )


# --- sending ---------------------------------------------------------------------------------


def digest_settings_update(
    *, profile: CoachProfile, enabled: bool, weekday: int, time: datetime.time
) -> None:
    """The coach's own choice of when (and whether) the digest goes. For the /coach/digest/ page."""
    profile.digest_enabled = enabled
    profile.digest_weekday = weekday
    profile.digest_time = time
    profile.save(update_fields=["digest_enabled", "digest_weekday", "digest_time"])


def _render(coach, digest: CoachDigest, reminder_settings) -> dict:
    context = {
        "user": coach,
        "digest": digest,
        "discreet": coach.discreet_mode,
        "dashboard_url": links.absolute(reverse("coach:dashboard")),
        "digest_settings_url": links.absolute(reverse("coach:digest")),
        "account_settings_url": links.absolute(reverse("accounts:settings")),
        "unsubscribe_url": links.unsubscribe_url(reminder_settings),
        **addressing.email_context(),
    }
    # A count either way: the subject is what a lock screen shows.
    subject = ngettext(
        "Crisis Coach: your coaching week, %(count)d thing to look at",
        "Crisis Coach: your coaching week, %(count)d things to look at",
        digest.count,
    ) % {"count": digest.count}
    return {
        "subject": subject,
        "text_body": render_to_string("coaching/email/coach_digest.txt", context),
        "html_body": render_to_string("coaching/email/coach_digest.html", context),
    }


def coach_digest_send(*, profile: CoachProfile, now: datetime.datetime) -> bool:
    """Send this coach's digest for the current week, unless it went already or is not due. True if sent.

    As reminders.services.digest_send: the DigestSent row is inserted before the email goes, in one
    transaction; a concurrent run waits on the unique index and then fails, so only one sends; a
    failed send rolls the row back and a later run tries again."""
    coach = profile.user
    if not profile.digest_enabled or not coach.is_active:
        return False
    local_now = timezone.localtime(now, coach.zone)
    if not digest_due(profile, local_now=local_now):
        return False
    reminder_settings = reminder_selectors.settings_for(coach)
    if not may_email(coach, reminder_settings):
        return False
    period = digest_period(local_now.date())
    if DigestSent.objects.filter(user=coach, period=period).exists():
        return False
    with addressing.speaking_to(coach), timezone.override(coach.zone):
        digest = coach_digest_for(coach, now=now)
        if digest.is_empty:
            return False
        email = _render(coach, digest, reminder_settings)
    try:
        with transaction.atomic():
            DigestSent.objects.create(user=coach, period=period, item_count=digest.count, sent_at=now)
            notify_client(coach, **email)
    except IntegrityError:
        return False  # another run inserted this week first; it sends.
    return True


def coach_digests_send_due(*, now: datetime.datetime) -> DigestRun:
    """Send every coach's digest due at `now`. Safe to run as often and as concurrently as you like.
    Registered with reminders.hooks, so send_reminders (and make worker) runs it every 15 minutes."""
    profiles = (
        CoachProfile.objects.filter(digest_enabled=True, user__is_active=True)
        .select_related("user")
        .order_by("id")
    )
    sent = failed = 0
    for profile in profiles:
        try:
            sent += coach_digest_send(profile=profile, now=now)
        except Exception:
            # One broken mailbox must not stop every other coach's digest; the next run retries it.
            failed += 1
            logger.exception("Coach digest for user %s failed", profile.user_id)
    return DigestRun(sent=sent, failed=failed)
