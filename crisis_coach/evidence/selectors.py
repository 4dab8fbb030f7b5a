"""Reads for the evidence log. The case comes first, through the owner-scoped selector
(incidents.selectors.incident_for_owner) or, for a coach, coaching's consent-scoped one: an entry
is only ever looked up inside a case its reader may see, so another person's is a 404."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from crisis_coach.evidence.models import EvidenceEntry
from crisis_coach.incidents.models import Incident, Stakeholder


def _about(stakeholders) -> Q:
    """Entries that concern one of `stakeholders`, or where one of them was present."""
    present = EvidenceEntry.present_stakeholders.through.objects.filter(
        evidenceentry_id=OuterRef("pk"), stakeholder__in=stakeholders
    )
    return Q(concerns__in=stakeholders) | Q(Exists(present))


def entries_for_log(incident: Incident, *, stakeholder: Stakeholder | None = None) -> QuerySet[EvidenceEntry]:
    """The case's live entries in the order they happened (a day without a time first), for the
    log's page: who was present is read from the snapshot, so no join per row."""
    entries = incident.evidence.alive().select_related("concerns").order_by(*EvidenceEntry._meta.ordering)
    if stakeholder is not None:
        entries = entries.filter(_about([stakeholder]))
    return entries


def entry_of(incident: Incident, public_id, *, in_trash: bool = False) -> EvidenceEntry:
    """One entry of the case (already reached through its owner-scoped selector), for the edit form
    and the history: 404 if it is not this case's, or not where the caller looks (log or trash)."""
    entries = EvidenceEntry.objects.in_trash() if in_trash else EvidenceEntry.objects.alive()
    return get_object_or_404(
        entries.select_related("concerns").prefetch_related("present_stakeholders", "present_contacts"),
        incident=incident,
        public_id=public_id,
    )


def entries_in_trash(incident: Incident) -> QuerySet[EvidenceEntry]:
    return incident.evidence.in_trash().order_by("-deleted_at")


def trash_count(incident: Incident) -> int:
    return incident.evidence.in_trash().count()


def entry_versions(entry: EvidenceEntry, incident: Incident) -> list:
    """Every saved version of the entry, newest first, each with `concerns_name` (from the case's
    loaded stakeholders: a person removed from the case since shows as nobody)."""
    names = {person.pk: person.name for person in incident.stakeholders.all()}
    versions = list(entry.versions.order_by("-pgh_id"))
    for version in versions:
        version.concerns_name = names.get(version.concerns_id, "")
    return versions


@dataclass
class Report:
    entries: list
    entry_count: int
    edit_count: int
    edited_count: int
    start: date | None
    end: date | None
    stakeholders: list


def evidence_report(
    incident: Incident, *, start: date | None = None, end: date | None = None, stakeholders=()
) -> Report:
    """The entries of a date range about chosen people (all of them when none is chosen), each with
    `edits`, the number of times it was edited (versions after the first), and the totals a reader
    checks the report by. One query."""
    entries = (
        incident.evidence.alive()
        .select_related("concerns")
        .annotate(edits=Count("versions") - 1)
        .order_by(*EvidenceEntry._meta.ordering)
    )
    if start:
        entries = entries.filter(happened_on__gte=start)
    if end:
        entries = entries.filter(happened_on__lte=end)
    stakeholders = list(stakeholders)
    if stakeholders:
        entries = entries.filter(_about(stakeholders))
    rows = list(entries)
    for row in rows:
        row.edits = max(row.edits, 0)
    return Report(
        entries=rows,
        entry_count=len(rows),
        edit_count=sum(row.edits for row in rows),
        edited_count=sum(1 for row in rows if row.edits),
        start=start,
        end=end,
        stakeholders=stakeholders,
    )
