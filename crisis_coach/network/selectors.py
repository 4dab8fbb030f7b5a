"""Reads for the network. Every query starts from the owner: another user's rows are a 404.

Coaches get no access at all: a client's network is private even within a coaching link.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Case, ExpressionWrapper, F, Func, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest, Least
from django.shortcuts import get_object_or_404

from crisis_coach.accounts.models import User
from crisis_coach.network import rules
from crisis_coach.network import who_can_help as who_can_help_rules
from crisis_coach.network.models import (
    Commitment,
    CommitmentStatus,
    Community,
    Contact,
    ContactImport,
    ImportantDate,
    Interaction,
    Participation,
    RelationshipCadence,
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


def contact_import_for_user(user: User, public_id) -> ContactImport:
    return get_object_or_404(ContactImport, owner=user, public_id=public_id)


def contact_import_heading_for_user(user: User, public_id) -> ContactImport:
    """The job without its file and rows, which a cached page of it reads only on a miss."""
    return get_object_or_404(
        ContactImport.objects.defer("source_text", "rows"), owner=user, public_id=public_id
    )


def participation_for_user(user: User, public_id) -> Participation:
    return get_object_or_404(
        Participation.objects.select_related("community"), community__owner=user, public_id=public_id
    )


# --- lists ---------------------------------------------------------------------------------------

# rules.touch_due_on in SQL (PostgreSQL: date + integer is a date), so lists can sort and filter by it.
# The cadence is capped at the form's range first (an old row may hold 2**31 - 1: "date out of range"),
# and the sum at 9999-12-31, the last date Python can read back (PostgreSQL's go much further).
IDEAL_DUE_ON = Case(
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
# rules.touch_overdue_on, the same way; NULL with no latest gap.
LATEST_DUE_ON = Case(
    When(latest_gap_days__isnull=True, then=Value(None, output_field=models.DateField())),
    When(
        last_contacted_on__isnull=True,
        then=Least(
            ExpressionWrapper(
                F("added_on")
                + Greatest(
                    Least(F("latest_gap_days"), Value(rules.MAX_CADENCE_DAYS))
                    - Least(F("cadence_days"), Value(rules.MAX_CADENCE_DAYS)),
                    Value(0),
                ),
                output_field=models.DateField(),
            ),
            Value(datetime.date.max),
        ),
    ),
    default=Least(
        ExpressionWrapper(
            F("last_contacted_on") + Least(F("latest_gap_days"), Value(rules.MAX_CADENCE_DAYS)),
            output_field=models.DateField(),
        ),
        Value(datetime.date.max),
    ),
    output_field=models.DateField(),
)
# rules.snoozed_day: PostgreSQL's GREATEST skips NULLs, so an unsnoozed contact keeps its own day.
TOUCH_DUE_ON = Greatest(IDEAL_DUE_ON, F("snoozed_until"), output_field=models.DateField())
TOUCH_OVERDUE_ON = Case(
    When(latest_gap_days__isnull=True, then=Value(None, output_field=models.DateField())),
    default=Greatest(LATEST_DUE_ON, F("snoozed_until"), output_field=models.DateField()),
    output_field=models.DateField(),
)


def with_touch_days(contacts, today: datetime.date | None = None):
    """`touch_due` and `touch_overdue` (rules.touch_status's days, the snooze included) on each row,
    and with `today`, `touch_is_overdue` to list the overdue first."""
    contacts = contacts.annotate(touch_due=TOUCH_DUE_ON, touch_overdue=TOUCH_OVERDUE_ON)
    if today is not None:
        contacts = contacts.annotate(
            touch_is_overdue=Case(
                When(touch_overdue__lte=today, then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )
    return contacts


CONTACT_SORTS = {
    "importance": ["-importance", "touch_due", "name"],
    # Past the latest gap first, then the longest due.
    "overdue": ["-touch_is_overdue", "touch_due", "-importance", "name"],
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
    contacts = with_touch_days(Contact.objects.filter(owner=user), today)
    if search:
        contacts = contacts.filter(
            Q(name__icontains=search) | Q(organisation__icontains=search) | Q(role__icontains=search)
        )
    if relationship:
        contacts = contacts.filter(relationship=relationship)
    if due_only:
        contacts = contacts.filter(touch_due__lte=today)
    order = CONTACT_SORTS.get(sort, CONTACT_SORTS["importance"])
    if today is None:
        order = [field for field in order if field != "-touch_is_overdue"]
    return contacts.order_by(*order, "id")


def has_contacts(*, user: User) -> bool:
    """Whether the owner has any contact at all (the empty states tell "none yet" from "none due")."""
    return Contact.objects.filter(owner=user).exists()


def contacts_due_for_touch(*, user: User, today: datetime.date):
    """Who is due for a touch (not snoozed): those past their latest gap first, then the longest due,
    the important ones first on ties."""
    return contact_list(user=user, sort="overdue", due_only=True, today=today)


def add_touch_status(contacts, today: datetime.date):
    """Each row's rules.TouchStatus as `touch`, for templates (which cannot pass `today`)."""
    contacts = list(contacts)
    for contact in contacts:
        contact.touch = contact.touch_status(today)
        contact.overdue_days = contact.touch.days_due
    return contacts


def cadence_defaults(*, user: User) -> dict[str, rules.CadenceDefault]:
    """The person's own defaults by relationship (RelationshipCadence); the rest are rules' built-ins."""
    return {
        row.relationship: rules.CadenceDefault(row.ideal_days, row.latest_days)
        for row in RelationshipCadence.objects.filter(owner=user)
    }


def cadence_default_for(*, user: User, relationship: str) -> rules.CadenceDefault:
    row = RelationshipCadence.objects.filter(owner=user, relationship=relationship).first()
    if row is not None:
        return rules.CadenceDefault(row.ideal_days, row.latest_days)
    return rules.cadence_default(relationship)


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


# --- a contact's history: touches, promises, dates and setbacks in one timeline -----------------


@dataclass(frozen=True)
class HistoryEntry:
    """One row of a contact's timeline; `kind` says which of the four `item` is."""

    kind: str  # "interaction", "commitment", "date" or "setback"
    on: datetime.date
    item: models.Model

    @property
    def sort_key(self) -> tuple:
        return (self.on, HISTORY_KINDS.index(self.kind), self.item.pk)


# On one day: the touch first, then the promise, the date, the setback (read newest first, reversed).
HISTORY_KINDS = ["setback", "date", "commitment", "interaction"]


class ContactHistory:
    """The timeline as a sequence the paginator can page through, newest first.

    Each kind is read already sorted the way the timeline sorts it, so the first n rows of the
    merge are among the first n of each kind: a page reads at most (offset + page size) rows of
    each kind, in one query per kind, plus one for the count, however long the history is.
    """

    def __init__(self, contact: Contact):
        self.contact = contact

    def _sources(self):
        contact = self.contact
        return {
            "interaction": (contact.interactions.order_by("-happened_on", "-pk"), "happened_on"),
            "commitment": (
                contact.commitments.annotate(on=Coalesce("resolved_on", "due_on")).order_by("-on", "-pk"),
                "on",
            ),
            "date": (contact.important_dates.order_by("-date", "-pk"), "date"),
            # The owner's own live setbacks only (a stakeholder row always belongs to the owner's case;
            # the owner filter says so in SQL too).
            "setback": (
                contact.stakeholder_roles.filter(
                    incident__owner_id=contact.owner_id, incident__deleted_at__isnull=True
                )
                .select_related("incident")
                .annotate(on=F("incident__occurred_on"))
                .order_by("-on", "-pk"),
                "on",
            ),
        }

    def count(self) -> int:
        # One query: each kind's count as a scalar subquery (COUNT as a plain function: no GROUP BY).
        counts = {
            kind: Subquery(
                rows.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"),
                output_field=models.IntegerField(),
            )
            for kind, (rows, _date) in self._sources().items()
        }
        totals = Contact.objects.filter(pk=self.contact.pk).values(**counts).get()
        return sum(totals.values())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("a history is read a page at a time")
        stop = index.stop
        entries = []
        for kind, (rows, date_field) in self._sources().items():
            entries.extend(HistoryEntry(kind, getattr(item, date_field), item) for item in rows[:stop])
        entries.sort(key=lambda entry: entry.sort_key, reverse=True)
        return entries[index]


def contact_history(*, contact: Contact) -> ContactHistory:
    """Everything that happened with a contact (already the caller's), newest first, to paginate."""
    return ContactHistory(contact)


# --- who can help now (who_can_help.py holds the data and the rule) ------------------------------


def who_can_help(*, incident, today: datetime.date) -> list[who_can_help_rules.Suggestion]:
    """Up to five of the case owner's contacts who might help with it, best first; each suggestion's
    `key` is the contact. One query: the case's stakeholders and steps come loaded with it
    (incidents.selectors.incident_for_owner), and the candidates are the owner's contacts of a
    fitting kind, each with their promise record counted alongside (hundreds of rows at most).

    Left out: contacts already stakeholders of the case, and those an open step of its plan is
    already about (a touch planned from here leaves the list).
    """
    taken = {stakeholder.contact_id for stakeholder in incident.stakeholders.all()}
    taken |= {step.contact_id for step in incident.steps.all() if step.is_open and step.is_in_plan}
    taken.discard(None)
    fits = who_can_help_rules.fits_for(incident.crisis_type)
    counted = Q(commitments__status__in=[CommitmentStatus.KEPT, CommitmentStatus.BROKEN]) | Q(
        commitments__status=CommitmentStatus.OPEN, commitments__due_on__lt=today
    )
    kept = Q(
        commitments__status=CommitmentStatus.KEPT, commitments__resolved_on__lte=F("commitments__due_on")
    )
    contacts = (
        Contact.objects.filter(owner_id=incident.owner_id, relationship__in=list(fits))
        .exclude(pk__in=taken)
        .annotate(promises_counted=models.Count("commitments", filter=counted))
        .annotate(promises_kept=models.Count("commitments", filter=kept))
        .order_by("name", "pk")
    )
    candidates = [
        who_can_help_rules.Candidate(
            key=contact,
            name=contact.name,
            relationship=contact.relationship,
            importance=contact.importance,
            last_contacted_on=contact.last_contacted_on,
            promises_counted=contact.promises_counted,
            promises_kept_on_time=contact.promises_kept,
        )
        for contact in contacts
    ]
    return who_can_help_rules.rank(candidates, crisis_type=incident.crisis_type, today=today)
