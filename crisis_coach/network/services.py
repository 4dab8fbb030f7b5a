"""Writes for the network. Callers pass objects already fetched through selectors' access helpers,
so every function here may assume the caller owns what it is given.
"""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from crisis_coach.accounts.models import User
from crisis_coach.common.conflicts import save_versioned
from crisis_coach.network.models import (
    Channel,
    Commitment,
    CommitmentStatus,
    Community,
    Contact,
    ImportantDate,
    Interaction,
    Participation,
)

CONTACT_FIELDS = {
    "name",
    "organisation",
    "role",
    "relationship",
    "importance",
    "how_met",
    "cadence_days",
    "profile_url",
    "notes",
}


def local_today(user: User) -> datetime.date:
    return timezone.localdate(timezone=user.zone)


def _set_fields(obj, fields: dict, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(obj, name, value)


# --- contacts ------------------------------------------------------------------------------------


def contact_create(*, owner: User, today: datetime.date | None = None, **fields) -> Contact:
    contact = Contact(owner=owner, added_on=today or local_today(owner))
    _set_fields(contact, fields, CONTACT_FIELDS)
    contact.full_clean()
    contact.save()
    return contact


def contact_update(*, contact: Contact, expected_version: int, **fields) -> Contact:
    """Save an edit unless the contact changed since `expected_version` (EditConflict)."""
    _set_fields(contact, fields, CONTACT_FIELDS)
    contact.full_clean()
    save_versioned(contact, expected_version=expected_version, fields=fields)
    return contact


def contact_delete(*, contact: Contact) -> None:
    """Deletes the contact with their dates, interactions and commitments."""
    contact.delete()


# --- interactions --------------------------------------------------------------------------------


def _refresh_last_contacted(contact: Contact) -> None:
    # Recomputed rather than bumped, so back-dated entries and deletions stay right.
    contact.last_contacted_on = contact.interactions.aggregate(last=Max("happened_on"))["last"]
    contact.save(update_fields=["last_contacted_on", "updated_at"])


@transaction.atomic
def interaction_log(
    *, contact: Contact, happened_on: datetime.date, channel: str, summary: str, shared: str = ""
) -> Interaction:
    """Record a touch and move the contact's last-contacted date."""
    interaction = Interaction(
        contact=contact, happened_on=happened_on, channel=channel, summary=summary, shared=shared
    )
    interaction.full_clean()
    interaction.save()
    _refresh_last_contacted(contact)
    return interaction


def touch_log_quick(*, contact: Contact, today: datetime.date | None = None) -> Interaction:
    """The one-click "Log a touch" from the keep-in-touch list."""
    return interaction_log(
        contact=contact,
        happened_on=today or local_today(contact.owner),
        channel=Channel.MESSAGE,
        summary=_("Checked in"),
    )


@transaction.atomic
def interaction_delete(*, interaction: Interaction) -> None:
    contact = interaction.contact
    interaction.delete()
    _refresh_last_contacted(contact)


# --- important dates -----------------------------------------------------------------------------

DATE_FIELDS = {"kind", "label", "date", "repeats_yearly"}


def important_date_create(*, contact: Contact, **fields) -> ImportantDate:
    important_date = ImportantDate(contact=contact)
    _set_fields(important_date, fields, DATE_FIELDS)
    important_date.full_clean()
    important_date.save()
    return important_date


def important_date_update(*, important_date: ImportantDate, expected_version: int, **fields) -> ImportantDate:
    """Save an edit unless the date changed since `expected_version` (EditConflict)."""
    _set_fields(important_date, fields, DATE_FIELDS)
    important_date.full_clean()
    save_versioned(important_date, expected_version=expected_version, fields=fields)
    return important_date


def important_date_delete(*, important_date: ImportantDate) -> None:
    important_date.delete()


@transaction.atomic
def important_date_congratulate(
    *, important_date: ImportantDate, today: datetime.date | None = None
) -> Interaction:
    """ "Sent congratulations": logs the touch and takes this occurrence off the upcoming list."""
    contact = important_date.contact
    today = today or local_today(contact.owner)
    important_date.congratulated_for = important_date.next_occurrence(today)
    important_date.save(update_fields=["congratulated_for"])
    return interaction_log(
        contact=contact,
        happened_on=today,
        channel=Channel.MESSAGE,
        summary=_("Sent congratulations: %(occasion)s") % {"occasion": important_date.title},
    )


# --- commitments ---------------------------------------------------------------------------------


def commitment_create(*, contact: Contact, what: str, due_on: datetime.date) -> Commitment:
    commitment = Commitment(contact=contact, what=what, due_on=due_on)
    commitment.full_clean()
    commitment.save()
    return commitment


def commitment_update(
    *, commitment: Commitment, expected_version: int, what: str, due_on: datetime.date
) -> Commitment:
    """Save an edit unless the promise changed since `expected_version` (EditConflict)."""
    commitment.what = what
    commitment.due_on = due_on
    commitment.full_clean()
    save_versioned(commitment, expected_version=expected_version, fields=("what", "due_on"))
    return commitment


def _commitment_settle(commitment: Commitment, status: str, today: datetime.date | None) -> Commitment:
    commitment.status = status
    commitment.resolved_on = today or local_today(commitment.contact.owner)
    commitment.save(update_fields=["status", "resolved_on"])
    return commitment


def commitment_mark_kept(*, commitment: Commitment, today: datetime.date | None = None) -> Commitment:
    """Kept today; it counts as on time only if today is on or before the due day."""
    return _commitment_settle(commitment, CommitmentStatus.KEPT, today)


def commitment_mark_broken(*, commitment: Commitment, today: datetime.date | None = None) -> Commitment:
    return _commitment_settle(commitment, CommitmentStatus.BROKEN, today)


def commitment_reopen(*, commitment: Commitment) -> Commitment:
    """Undo a mistaken click."""
    commitment.status = CommitmentStatus.OPEN
    commitment.resolved_on = None
    commitment.save(update_fields=["status", "resolved_on"])
    return commitment


def commitment_delete(*, commitment: Commitment) -> None:
    commitment.delete()


# --- communities ---------------------------------------------------------------------------------

COMMUNITY_FIELDS = {"name", "kind", "url", "notes"}


def community_create(*, owner: User, **fields) -> Community:
    community = Community(owner=owner)
    _set_fields(community, fields, COMMUNITY_FIELDS)
    community.full_clean()
    community.save()
    return community


def community_update(*, community: Community, expected_version: int, **fields) -> Community:
    """Save an edit unless the community changed since `expected_version` (EditConflict)."""
    _set_fields(community, fields, COMMUNITY_FIELDS)
    community.full_clean()
    save_versioned(community, expected_version=expected_version, fields=fields)
    return community


def community_delete(*, community: Community) -> None:
    """Deletes the community with its participation log."""
    community.delete()


def participation_log(
    *, community: Community, happened_on: datetime.date, kind: str, notes: str = ""
) -> Participation:
    participation = Participation(community=community, happened_on=happened_on, kind=kind, notes=notes)
    participation.full_clean()
    participation.save()
    return participation


def participation_delete(*, participation: Participation) -> None:
    participation.delete()
