"""Reviews after the close: when they fall due, and the reads of them.

A case that closes gets three short reviews, REVIEW_OFFSETS_DAYS after the day it closed in its
owner's time zone. Closing it again after a reopen moves the ones still waiting to the new close;
one answered or skipped stays as it was. The writes that answer or skip a review are in
services.py (they write the plan, the stakeholders and the timeline like any other change).
"""

from datetime import date, timedelta

from django.db.models import Case, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from crisis_coach.incidents.models import (
    REVIEW_OFFSETS_DAYS,
    CaseReview,
    Incident,
    ReviewStatus,
    Stage,
)

_TITLES = {
    7: _("A week after the close"),
    30: _("A month after the close"),
    90: _("Three months after the close"),
}


def review_title(offset_days: int) -> str:
    """What a review is called on Today, in the digest and on its page."""
    if offset_days in _TITLES:
        return str(_TITLES[offset_days])
    return ngettext("%(days)s day after the close", "%(days)s days after the close", offset_days) % {
        "days": offset_days
    }


def review_dates(closed_on: date) -> dict[int, date]:
    """The day each review falls due, for a case closed on `closed_on` (a local date)."""
    return {offset: closed_on + timedelta(days=offset) for offset in REVIEW_OFFSETS_DAYS}


def reviews_schedule(incident: Incident, *, closed_on: date) -> None:
    """Give a case that has just closed its reviews, or move those still waiting to this close.
    Two queries, whatever the case had before."""
    dates = review_dates(closed_on)
    CaseReview.objects.bulk_create(
        [CaseReview(incident=incident, offset_days=offset, due_on=due) for offset, due in dates.items()],
        ignore_conflicts=True,
    )
    CaseReview.objects.filter(incident=incident, status=ReviewStatus.SCHEDULED).update(
        due_on=Case(*(When(offset_days=offset, then=Value(due)) for offset, due in dates.items()))
    )


def reviews_schedule_missing(incidents: QuerySet[Incident]) -> int:
    """The reviews of every closed case among `incidents` that lacks some, from the day it closed in
    its owner's time zone: for the importer (a file made before reviews existed) and the seeders,
    which create closed cases directly. Never moves an existing review. Two queries."""
    closed = incidents.filter(stage=Stage.CLOSED, closed_at__isnull=False).select_related("owner")
    reviews = [
        CaseReview(incident=incident, offset_days=offset, due_on=due)
        for incident in closed.only("pk", "closed_at", "owner__time_zone")
        for offset, due in review_dates(timezone.localdate(incident.closed_at, incident.owner.zone)).items()
    ]
    return len(CaseReview.objects.bulk_create(reviews, ignore_conflicts=True, batch_size=2000))


def review_answerable(review: CaseReview, *, today: date) -> bool:
    """A review may be answered once it is due, while its case is closed; one skipped still may be
    (the person changed their mind), one answered is corrected instead."""
    return review.status != ReviewStatus.ANSWERED and review.due_on <= today and review.incident.is_closed


# --- reads ------------------------------------------------------------------------------------


def review_of(incident: Incident, public_id) -> CaseReview:
    """One review of the owner's case (incident_for_owner already checked the owner); 404 otherwise."""
    review = get_object_or_404(
        CaseReview.objects.select_related("step"), incident=incident, public_id=public_id
    )
    review.incident = incident  # the case as loaded, with its stakeholders
    return review


def reviews_due(*, user, today: date) -> QuerySet[CaseReview]:
    """The owner's reviews waiting to be answered on `today`: due, of live cases still closed."""
    return (
        CaseReview.objects.filter(
            incident__owner=user,
            incident__deleted_at__isnull=True,
            incident__stage=Stage.CLOSED,
            status=ReviewStatus.SCHEDULED,
            due_on__lte=today,
        )
        .select_related("incident")
        .order_by("due_on", "offset_days", "id")
    )


def reviews_listed(incident: Incident, *, today: date) -> list[CaseReview]:
    """The case's reviews in order, each with its title and whether it may be answered today, for
    the case's page (one query)."""
    listed = list(incident.reviews.order_by("offset_days"))
    for review in listed:
        review.incident = incident
        review.title = review_title(review.offset_days)
        review.answerable = review_answerable(review, today=today)
    return listed
