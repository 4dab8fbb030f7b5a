"""Writes for the network. Callers pass objects already fetched through selectors' access helpers,
so every function here may assume the caller owns what it is given.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from crisis_coach.accounts.models import User
from crisis_coach.common.addressing import addressed
from crisis_coach.common.conflicts import save_versioned
from crisis_coach.incidents.models import ActionStep, Incident, StepKind
from crisis_coach.incidents.services import step_save
from crisis_coach.network import rules, selectors, who_can_help
from crisis_coach.network.models import (
    Channel,
    Commitment,
    CommitmentStatus,
    Community,
    Contact,
    ImportantDate,
    Interaction,
    Participation,
    RelationshipCadence,
)

CONTACT_FIELDS = {
    "name",
    "organisation",
    "role",
    "relationship",
    "importance",
    "how_met",
    "cadence_days",
    "latest_gap_days",
    "profile_url",
    "email",
    "phone",
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


def contact_create(
    *, owner: User, today: datetime.date | None = None, cadence_defaults: dict | None = None, **fields
) -> Contact:
    """Without an ideal gap (cadence_days), both gaps are the person's default for the relationship
    (selectors.cadence_default_for): the form left empty, the importer, a file without them. A caller
    creating many passes `cadence_defaults` (selectors.cadence_defaults, read once) to save a query each."""
    contact = _contact_new(owner=owner, today=today, cadence_defaults=cadence_defaults, fields=fields)
    contact.full_clean()
    contact.save()
    return contact


def _contact_new(*, owner: User, today, cadence_defaults: dict | None, fields: dict) -> Contact:
    contact = Contact(owner=owner, added_on=today or local_today(owner))
    if fields.get("cadence_days") is None:
        fields.pop("cadence_days", None)
        relationship = fields.get("relationship") or contact.relationship
        if cadence_defaults is not None:
            default = rules.cadence_default(relationship, cadence_defaults)
        else:
            default = selectors.cadence_default_for(user=owner, relationship=relationship)
        contact.cadence_days = default.ideal_days
        if fields.get("latest_gap_days") is None:
            fields.pop("latest_gap_days", None)
            contact.latest_gap_days = default.latest_days
    _set_fields(contact, fields, CONTACT_FIELDS)
    return contact


def contacts_create_many(
    *, owner: User, records: list[dict], today: datetime.date | None = None
) -> list[Contact]:
    """contact_create for many people at once (the contact import): the same defaults (the person's
    gaps read once) and field checks, then one insert per batch. The table's constraints are left to
    the database, which checks them on insert: a full_clean would ask it once per contact and check."""
    cadence_defaults = selectors.cadence_defaults(user=owner)
    today = today or local_today(owner)
    contacts = []
    for fields in records:
        contact = _contact_new(
            owner=owner, today=today, cadence_defaults=cadence_defaults, fields=dict(fields)
        )
        # Not the owner either: a foreign key's check is one more query each, for the same person.
        contact.full_clean(exclude=["owner"], validate_unique=False, validate_constraints=False)
        contacts.append(contact)
    return Contact.objects.bulk_create(contacts, batch_size=500)


def contact_update(*, contact: Contact, expected_version: int, **fields) -> Contact:
    """Save an edit unless the contact changed since `expected_version` (EditConflict)."""
    _set_fields(contact, fields, CONTACT_FIELDS)
    contact.full_clean()
    save_versioned(contact, expected_version=expected_version, fields=fields)
    return contact


def contact_delete(*, contact: Contact) -> None:
    """Deletes the contact with their dates, interactions and commitments."""
    contact.delete()


# --- the two-level cadence: defaults per relationship, and the snooze -----------------------------


@transaction.atomic
def cadence_defaults_save(
    *, owner: User, values: dict[str, rules.CadenceDefault], apply_to_contacts: bool = False
) -> int:
    """Set the person's defaults (relationship -> CadenceDefault). A default equal to the built-in one
    keeps no row, so it follows the built-in. Existing contacts keep their gaps, unless
    `apply_to_contacts`: then those of that relationship whose gaps are still exactly the old default
    take the new one (one UPDATE per changed default). Returns how many contacts changed."""
    own = {row.relationship: row for row in RelationshipCadence.objects.filter(owner=owner)}
    changed = 0
    for relationship, new in values.items():
        row = own.get(relationship)
        old = rules.cadence_default(relationship)
        if row:
            old = rules.CadenceDefault(row.ideal_days, row.latest_days)
        if new == old:
            continue
        if new == rules.cadence_default(relationship):
            if row:
                row.delete()
        else:
            RelationshipCadence.objects.update_or_create(
                owner=owner,
                relationship=relationship,
                defaults={"ideal_days": new.ideal_days, "latest_days": new.latest_days},
            )
        if apply_to_contacts:
            same_gaps = Q(cadence_days=old.ideal_days) & (
                Q(latest_gap_days=old.latest_days) if old.latest_days else Q(latest_gap_days__isnull=True)
            )
            changed += Contact.objects.filter(same_gaps, owner=owner, relationship=relationship).update(
                cadence_days=new.ideal_days,
                latest_gap_days=new.latest_days,
                # An edit form open on one of them now reports a conflict rather than undoing this.
                version=F("version") + 1,
                updated_at=timezone.now(),
            )
    return changed


def contact_snooze(*, contact: Contact, until: datetime.date, today: datetime.date | None = None) -> Contact:
    """Not due until `until`: on that day the contact is due again, by itself (no job runs)."""
    problem = rules.snooze_date_problem(until, today=today or local_today(contact.owner))
    if problem:
        raise ValidationError({"until": problem})
    contact.snoozed_until = until
    contact.save(update_fields=["snoozed_until", "updated_at"])
    return contact


def contact_unsnooze(*, contact: Contact) -> Contact:
    contact.snoozed_until = None
    contact.save(update_fields=["snoozed_until", "updated_at"])
    return contact


# --- interactions --------------------------------------------------------------------------------


def _refresh_last_contacted(contact: Contact) -> None:
    # Recomputed rather than bumped, so back-dated entries and deletions stay right.
    contact.last_contacted_on = contact.interactions.aggregate(last=Max("happened_on"))["last"]
    contact.save(update_fields=["last_contacted_on", "snoozed_until", "updated_at"])


def newest_interaction_on() -> Subquery:
    """The date of a contact's (OuterRef pk) newest interaction, as SQL: what last_contacted_on stores."""
    newest = Interaction.objects.filter(contact=OuterRef("pk")).order_by().values("contact")
    return Subquery(newest.annotate(last=Max("happened_on")).values("last"))


def contacts_last_contacted_refresh(*, contacts: QuerySet[Contact]) -> int:
    """Recompute many contacts' last-contacted date in one UPDATE (manage.py check_integrity --fix);
    after a write to one contact's interactions, _refresh_last_contacted does it."""
    return contacts.update(last_contacted_on=newest_interaction_on(), updated_at=timezone.now())


@transaction.atomic
def interaction_log(
    *, contact: Contact, happened_on: datetime.date, channel: str, summary: str, shared: str = ""
) -> Interaction:
    """Record a touch and move the contact's last-contacted date; a touch ends any snooze."""
    contact.snoozed_until = None
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


INTERACTION_FIELDS = {"happened_on", "channel", "summary", "shared"}


@transaction.atomic
def interaction_update(*, interaction: Interaction, expected_version: int, **fields) -> Interaction:
    """Save an edit unless the touch changed since `expected_version` (EditConflict); a new date
    moves the contact's last-contacted date with it."""
    _set_fields(interaction, fields, INTERACTION_FIELDS)
    interaction.full_clean()
    save_versioned(interaction, expected_version=expected_version, fields=fields)
    _refresh_last_contacted(interaction.contact)
    return interaction


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


PARTICIPATION_FIELDS = {"happened_on", "kind", "notes"}


def participation_update(*, participation: Participation, expected_version: int, **fields) -> Participation:
    """Save an edit unless the entry changed since `expected_version` (EditConflict)."""
    _set_fields(participation, fields, PARTICIPATION_FIELDS)
    participation.full_clean()
    save_versioned(participation, expected_version=expected_version, fields=fields)
    return participation


def participation_delete(*, participation: Participation) -> None:
    participation.delete()


# --- who can help now ----------------------------------------------------------------------------


@transaction.atomic
def touch_plan(*, incident: Incident, contact: Contact, today: datetime.date | None = None) -> ActionStep:
    """The cockpit's "Plan a touch": a relationship step about `contact` in the case's plan, due in a
    few days of the owner's today (never before the setback happened). The caller owns both."""
    today = today or local_today(contact.owner)
    due_on = max(today + datetime.timedelta(days=who_can_help.TOUCH_DUE_IN_DAYS), incident.occurred_on)
    step = ActionStep(
        title=addressed("Get in touch with %(name)s") % {"name": contact.name},
        kind=StepKind.RELATIONSHIP,
        contact=contact,
        due_on=due_on,
    )
    return step_save(incident=incident, step=step)
