"""Reads for nudges and ratings. A coach reaches a case only through
coaching.selectors.shared_case_for_coach; a client reaches her own rows only through these helpers,
which filter by owner and answer 404 for anyone else.

Pending anonymous ratings (anonymous, not yet aggregated) are never read for the coach: they count
and show only once services.ratings_fold has rewritten them as aggregated rows naming no one.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from crisis_coach.coaching.models import (
    NUDGE_EVERY_DAYS,
    CoachingLink,
    CoachingRating,
    CoachNudge,
    RatedCase,
)
from crisis_coach.incidents.models import Incident, Stage

# A nudge is about a case stalling now: it stays on Today (and in the digest) for a week at most,
# or until the client dismisses it.
NUDGE_SHOWN_DAYS = 7


# --- Nudges ------------------------------------------------------------------------------------


def last_nudge(incident: Incident) -> CoachNudge | None:
    """The case's newest nudge, from any coach: the limit is per case."""
    return CoachNudge.objects.filter(incident=incident).order_by("-created_at", "-id").first()


def next_nudge_at(nudge: CoachNudge) -> datetime.datetime:
    return nudge.created_at + datetime.timedelta(days=NUDGE_EVERY_DAYS)


@dataclass(frozen=True)
class NudgeState:
    """What the case review shows before the coach types: the last nudge and, while the limit
    holds, when the next one may go (then the page offers no form)."""

    last: CoachNudge | None
    next_at: datetime.datetime | None

    @property
    def waiting(self) -> bool:
        return self.next_at is not None


def nudge_state(incident: Incident, *, now: datetime.datetime | None = None) -> NudgeState:
    """One query: the case's last nudge, and the time the next may go if that is still ahead."""
    last = last_nudge(incident)
    if last is None:
        return NudgeState(last=None, next_at=None)
    next_at = next_nudge_at(last)
    return NudgeState(last=last, next_at=next_at if next_at > (now or timezone.now()) else None)


def nudges_for_client(user, *, now: datetime.datetime | None = None) -> QuerySet[CoachNudge]:
    """The nudges `user` has not dismissed, on her live open cases, from the last NUDGE_SHOWN_DAYS."""
    since = (now or timezone.now()) - datetime.timedelta(days=NUDGE_SHOWN_DAYS)
    return (
        CoachNudge.objects.filter(
            incident__owner=user,
            incident__deleted_at__isnull=True,
            dismissed_at__isnull=True,
            created_at__gte=since,
        )
        .exclude(incident__stage=Stage.CLOSED)
        .select_related("incident", "coach")
        .order_by("-created_at", "-id")
    )


def nudge_of_client(user, public_id) -> CoachNudge:
    """One of the client's own nudges, to dismiss it. 404 for anyone else's."""
    return get_object_or_404(CoachNudge, incident__owner=user, public_id=public_id)


# --- Ratings: the client's side ----------------------------------------------------------------


def case_of_client(user, public_id) -> Incident:
    """The client's own live case, for rating its coaching. 404 for anyone else, coaches included."""
    return get_object_or_404(Incident.objects.alive(), owner=user, public_id=public_id)


def rating_offer(incident: Incident) -> CoachingLink | None:
    """The link whose coach the client may rate on this case, or None: the case is closed, shared
    with her current coach, and was neither rated nor skipped. One query, and none for an open case."""
    if incident.stage != Stage.CLOSED or not incident.shared_with_coach or incident.deleted_at:
        return None
    return (
        CoachingLink.objects.active()
        .filter(client_id=incident.owner_id)
        .filter(~Exists(RatedCase.objects.filter(incident_id=incident.pk)))
        .select_related("coach")
        .first()
    )


# --- Ratings: the coach's side -----------------------------------------------------------------


def _counted(coach) -> QuerySet[CoachingRating]:
    """Named ratings and folded anonymous ones: never a pending anonymous row."""
    return CoachingRating.objects.filter(coach=coach).filter(Q(anonymous=False) | Q(aggregated=True))


@dataclass(frozen=True)
class RatingSummary:
    average: float | None
    count: int

    @property
    def shown(self) -> bool:
        # Whenever one rating counts: a named one shows its score anyway, and anonymous ones count
        # only folded, ANONYMOUS_BATCH at a time, so the average never gives one of them away.
        return self.count > 0


def rating_summary(coach) -> RatingSummary:
    """The average and count of the coach's counted ratings (one query)."""
    totals = _counted(coach).aggregate(average=Avg("score"), count=Count("id"))
    return RatingSummary(average=totals["average"], count=totals["count"])


def feedback_for_coach(coach) -> QuerySet[CoachingRating]:
    """What /coach/feedback/ lists: named ratings (newest first, with the client and the date), then
    the anonymous comments, which the page shows alone: no score (the coach sees anonymous scores
    only in the average), no date, no name. Not the case's title either: the client may rename or
    stop sharing the case, and the rating must not keep showing it."""
    return (
        _counted(coach)
        .filter(Q(anonymous=False) | ~Q(comment=""))
        .select_related("client")
        .order_by("aggregated", "-created_at", "-id")
    )
