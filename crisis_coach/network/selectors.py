"""Reads for the network. Every query starts from the owner: another user's rows are a 404.

Coaches get no access at all: a client's network is private even within a coaching link.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Case, ExpressionWrapper, F, Q, Value, When
from django.db.models.functions import Least
from django.shortcuts import get_object_or_404

from crisis_coach.accounts.models import User
from crisis_coach.network import rules
from crisis_coach.network.models import (
    Commitment,
    CommitmentStatus,
    Community,
    Contact,
    ImportantDate,
    Interaction,
    Participation,
)

# --- access helpers: the only way to fetch one owned object -------------------------------------


def contact_for_user(user: User, public_id) -> Contact:
    return get_object_or_404(Contact, owner=user, public_id=public_id)


def important_date_for_user(user: User, public_id) -> ImportantDate:
    return get_object_or_404(
        ImportantDate.objects.select_related("contact"), contact__owner=user, public_id=public_id
    )


def interaction_for_user(user: User, public_id) -> Interaction:
    return get_object_or_404(
        Interaction.objects.select_related("contact"), contact__owner=user, public_id=public_id
    )


def commitment_for_user(user: User, public_id) -> Commitment:
    return get_object_or_404(
        Commitment.objects.select_related("contact"), contact__owner=user, public_id=public_id
    )


def community_for_user(user: User, public_id) -> Community:
    return get_object_or_404(Community, owner=user, public_id=public_id)


def participation_for_user(user: User, public_id) -> Participation:
    return get_object_or_404(
        Participation.objects.select_related("community"), community__owner=user, public_id=public_id
    )


# --- lists ---------------------------------------------------------------------------------------

# rules.touch_due_on in SQL (PostgreSQL: date + integer is a date), so lists can sort and filter by it.
# The cadence is capped at the form's range first (an old row may hold 2**31 - 1: "date out of range"),
# and the sum at 9999-12-31, the last date Python can read back (PostgreSQL's go much further).
TOUCH_DUE_ON = Case(
    When(last_contacted_on__isnull=True, then=F("added_on")),
    default=Least(
        ExpressionWrapper(
            F("last_contacted_on") + Least(F("cadence_days"), Value(rules.MAX_CADENCE_DAYS)),
            output_field=models.DateField(),
        ),
        Value(datetime.date.max),
    ),
    output_field=models.DateField(),
)


CONTACT_SORTS = {
    "importance": ["-importance", "touch_due", "name"],
    "overdue": ["touch_due", "-importance", "name"],
    "name": ["name", "id"],
}


def contact_list(
    *,
    user: User,
    search: str = "",
    relationship: str = "",
    sort: str = "importance",
    due_only: bool = False,
    today: datetime.date | None = None,
):
    """The owner's contacts, searched, filtered and sorted; `touch_due` annotated for display."""
    contacts = Contact.objects.filter(owner=user).annotate(touch_due=TOUCH_DUE_ON)
    if search:
        contacts = contacts.filter(
            Q(name__icontains=search) | Q(organisation__icontains=search) | Q(role__icontains=search)
        )
    if relationship:
        contacts = contacts.filter(relationship=relationship)
    if due_only:
        contacts = contacts.filter(touch_due__lte=today)
    return contacts.order_by(*CONTACT_SORTS.get(sort, CONTACT_SORTS["importance"]), "id")


def contacts_due_for_touch(*, user: User, today: datetime.date):
    """Who is due for a touch by their cadence, most overdue first, the important ones first on ties."""
    return contact_list(user=user, sort="overdue", due_only=True, today=today)


@dataclass(frozen=True)
class UpcomingDate:
    important_date: ImportantDate
    occurrence: datetime.date
    days_away: int

    @property
    def contact(self) -> Contact:
        return self.important_date.contact


def upcoming_dates(
    *, user: User, today: datetime.date, days: int = rules.UPCOMING_DAYS
) -> list[UpcomingDate]:
    """Important dates in the next `days` days not yet congratulated, soonest first. One query.

    Yearly dates cross the year end, so the filter is the rule in Python over the owner's dates
    (a person keeps tens of them, not millions).
    """
    found = []
    for item in ImportantDate.objects.filter(contact__owner=user).select_related("contact"):
        occurrence = item.next_occurrence(today)
        if rules.is_upcoming(occurrence, today=today, days=days) and not item.is_congratulated(occurrence):
            found.append(UpcomingDate(item, occurrence, (occurrence - today).days))
    found.sort(key=lambda upcoming: (upcoming.occurrence, upcoming.contact.name))
    return found


def commitments_open(*, user: User):
    """Open promises across the owner's contacts, the soonest due first."""
    return (
        Commitment.objects.filter(contact__owner=user, status=CommitmentStatus.OPEN)
        .select_related("contact")
        .order_by("due_on", "id")
    )


def commitments_due_soon(*, user: User, today: datetime.date, days: int = rules.UPCOMING_DAYS):
    """Open promises already late or due within `days`."""
    return commitments_open(user=user).filter(due_on__lte=today + datetime.timedelta(days=days))


def commitments_settled(*, user: User):
    return (
        Commitment.objects.filter(contact__owner=user)
        .exclude(status=CommitmentStatus.OPEN)
        .select_related("contact")
        .order_by("-resolved_on", "-id")
    )


def trust_record_for_user(*, user: User, today: datetime.date) -> rules.TrustRecord:
    rows = Commitment.objects.filter(contact__owner=user).only("status", "due_on", "resolved_on")
    return rules.trust_record(rows, today=today)


def community_list(*, user: User):
    return (
        Community.objects.filter(owner=user)
        .annotate(participation_count=models.Count("participations"))
        .order_by("name", "id")
    )
