"""Writes for the evidence log. Callers have already checked access (selectors.entry_of and the
incidents' owner-scoped selectors): only the case's owner writes; a coach only ever reads.

Every saved content makes a version (the model's trigger); these services only make sure that what
a trigger cannot see, who was present, is in the row as `present_names` before it is written.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from crisis_coach.common.conflicts import save_versioned
from crisis_coach.evidence.models import CONTENT_FIELDS, EvidenceEntry
from crisis_coach.incidents.models import Incident
from crisis_coach.incidents.services import TRASH_DAYS

# How names are joined in the snapshot: one per line, so a name with a comma stays one name.
NAMES_SEPARATOR = "\n"


def present_names(stakeholders, contacts) -> str:
    """The snapshot of who was present: the case's people first, then the network's, each sorted."""
    names = sorted(s.name for s in stakeholders) + sorted(c.name for c in contacts)
    return NAMES_SEPARATOR.join(names)


@transaction.atomic
def entry_create(
    *,
    incident: Incident,
    happened_on,
    what_happened: str,
    happened_at=None,
    proof: str = "",
    concerns=None,
    present_stakeholders=(),
    present_contacts=(),
    written_at=None,
) -> EvidenceEntry:
    """Log a fact of `incident` (its owner only). `written_at` is now unless given (the demo data)."""
    entry = EvidenceEntry.objects.create(
        incident=incident,
        happened_on=happened_on,
        happened_at=happened_at,
        what_happened=what_happened,
        proof=proof,
        concerns=concerns,
        present_names=present_names(present_stakeholders, present_contacts),
        written_at=written_at or timezone.now(),
    )
    entry.present_stakeholders.set(present_stakeholders)
    entry.present_contacts.set(present_contacts)
    return entry


@transaction.atomic
def entry_update(
    *,
    entry: EvidenceEntry,
    expected_version: int | None,
    present_stakeholders,
    present_contacts,
    edited_at=None,
    **content,
) -> EvidenceEntry:
    """Save an edit unless the entry changed since `expected_version` (EditConflict). Only a change
    of content (who was present included) counts as an edit: it sets edited_at, and the trigger
    keeps the version. Saving what is already there changes nothing. `edited_at` is now unless
    given (the demo data)."""
    # What is stored, not what `entry` holds: an edit form has already put its values on it.
    names = [_attname(name) for name in CONTENT_FIELDS]
    before = EvidenceEntry.objects.filter(pk=entry.pk).values(*names).first() or {}
    for name, value in content.items():
        setattr(entry, name, value)
    entry.present_names = present_names(present_stakeholders, present_contacts)
    after = {name: getattr(entry, name) for name in names}
    if after == before:
        return entry
    entry.edited_at = edited_at or timezone.now()
    save_versioned(entry, expected_version=expected_version, fields=[*CONTENT_FIELDS, "edited_at"])
    entry.present_stakeholders.set(present_stakeholders)
    entry.present_contacts.set(present_contacts)
    return entry


def _attname(name: str) -> str:
    return EvidenceEntry._meta.get_field(name).attname


def entry_trash(*, entry: EvidenceEntry) -> None:
    """Into the case's trash; restorable for TRASH_DAYS, then purged. Not an edit: no new version."""
    EvidenceEntry.objects.filter(pk=entry.pk).update(deleted_at=timezone.now())


def entry_restore(*, entry: EvidenceEntry) -> None:
    EvidenceEntry.objects.filter(pk=entry.pk).update(deleted_at=None)


def trash_purge_entries(*, cutoff=None) -> int:
    """Delete for good the entries trashed before `cutoff` (TRASH_DAYS ago), with their versions."""
    cutoff = cutoff or timezone.now() - timedelta(days=TRASH_DAYS)
    deleted, per_model = EvidenceEntry.objects.filter(deleted_at__lt=cutoff).delete()
    return per_model.get(EvidenceEntry._meta.label, 0)
