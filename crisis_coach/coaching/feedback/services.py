"""Writes for nudges and ratings. Callers have checked access: a coach's case through
coaching.selectors.shared_case_for_coach, the client's own case or nudge through feedback.selectors."""

import random

from django.db import transaction
from django.utils import timezone

from crisis_coach.coaching.feedback import selectors
from crisis_coach.coaching.models import (
    ANONYMOUS_BATCH,
    CoachingRating,
    CoachNudge,
    CoachProfile,
    RatedCase,
)
from crisis_coach.incidents.models import Incident


class NudgeTooSoon(Exception):
    """The case had a nudge less than NUDGE_EVERY_DAYS ago; `last` is it."""

    def __init__(self, last: CoachNudge):
        super().__init__(f"last nudge {last.created_at:%Y-%m-%d %H:%M}")
        self.last = last


class AlreadyRated(Exception):
    """The case's coaching was rated (or the offer skipped) already: it is asked once only."""


@transaction.atomic
def nudge_send(*, coach, incident: Incident, body: str) -> CoachNudge:
    """A short word from the coach on a shared case, for the client's Today and digest. At most one
    per case in NUDGE_EVERY_DAYS: the case's row is locked first, so two tabs (or two coaches, one
    of them just ended) cannot both pass the check."""
    Incident.objects.select_for_update().filter(pk=incident.pk).values_list("pk", flat=True).get()
    last = selectors.last_nudge(incident)
    if last is not None and selectors.next_nudge_at(last) > timezone.now():
        raise NudgeTooSoon(last)
    return CoachNudge.objects.create(incident=incident, coach=coach, body=body)


@transaction.atomic
def nudge_dismiss(*, nudge: CoachNudge) -> CoachNudge:
    """The client put the nudge away: it leaves Today and the digest. Dismissing twice changes nothing."""
    if nudge.dismissed_at is None:
        nudge.dismissed_at = timezone.now()
        nudge.save(update_fields=["dismissed_at"])
    return nudge


@transaction.atomic
def rating_add(
    *, client, incident: Incident, coach, score: int, comment: str = "", anonymous: bool = False
) -> RatedCase:
    """The client's rating of the coaching on a closed case, once. Named, the coach reads it as it
    is; anonymous, it waits (still linked, so deleting the account removes it) until the coach has
    ANONYMOUS_BATCH waiting, and is then folded into rows naming no one (ratings_fold), in this
    transaction. Returns the RatedCase, which outlives any fold (the double-submit guard points at it)."""
    Incident.objects.select_for_update().filter(pk=incident.pk).values_list("pk", flat=True).get()
    if RatedCase.objects.filter(incident=incident).exists():
        raise AlreadyRated
    if anonymous:
        # One fold at a time per coach: two anonymous ratings at once would each see the other's row
        # missing, and three waiting rows could stay unfolded.
        CoachProfile.objects.select_for_update().filter(user=coach).values_list("pk", flat=True).first()
    rated = RatedCase.objects.create(incident=incident, coach=coach)
    CoachingRating.objects.create(
        coach=coach, client=client, incident=incident, score=score, comment=comment, anonymous=anonymous
    )
    if anonymous:
        ratings_fold(coach=coach)
    return rated


@transaction.atomic
def rating_skip(*, incident: Incident, coach) -> RatedCase:
    """The client said no thanks: the offer goes, and nothing says so to the coach."""
    Incident.objects.select_for_update().filter(pk=incident.pk).values_list("pk", flat=True).get()
    rated, _created = RatedCase.objects.get_or_create(incident=incident, defaults={"coach": coach})
    return rated


@transaction.atomic
def ratings_fold(*, coach) -> int:
    """Once the coach has ANONYMOUS_BATCH or more pending anonymous ratings, replace them with
    aggregated rows: no client, no case, one shared time, in a shuffled order (new ids give no hint
    of which came first). Their pending rows are locked first. Returns how many were folded."""
    pending = list(
        CoachingRating.objects.select_for_update()
        .filter(coach=coach, anonymous=True, aggregated=False)
        .order_by("pk")
    )
    if len(pending) < ANONYMOUS_BATCH:
        return 0
    kept = [(rating.score, rating.comment) for rating in pending]
    random.SystemRandom().shuffle(kept)
    CoachingRating.objects.filter(pk__in=[rating.pk for rating in pending]).delete()
    now = timezone.now()
    CoachingRating.objects.bulk_create(
        CoachingRating(
            coach=coach, score=score, comment=comment, anonymous=True, aggregated=True, created_at=now
        )
        for score, comment in kept
    )
    return len(kept)
