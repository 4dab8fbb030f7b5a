"""The evidence log in the export and the import (schema.EVIDENCE, since version 3).

Each incident's `evidence[]` holds its entries, each with `present_stakeholders` and
`present_contacts` (ids of the same file) and `versions[]`, every saved version oldest first, so
that an imported entry keeps the history it had. Files of versions 1 and 2 have no `evidence`.
"""

import uuid

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from crisis_coach.evidence.models import EvidenceEntry
from crisis_coach.incidents.models import Stakeholder
from crisis_coach.portability import schema
from crisis_coach.portability.schema import clean_record

Version = EvidenceEntry.versions.rel.related_model  # EvidenceVersion, made by django-pghistory


def _fields(obj, spec: dict, people: dict) -> dict:
    out = {}
    for name in spec:
        if name == "id":
            out[name] = str(obj.public_id)
        elif name == "concerns":
            out[name] = people.get(obj.concerns_id)
        else:
            out[name] = schema.json_value(getattr(obj, name))
    return out


def export_evidence(user, contact_ids: dict, stakeholder_ids: dict) -> dict[int, list[dict]]:
    """Every entry of the user's incidents (the trash too), by incident pk: one query, and three
    more when there are entries. `stakeholder_ids` maps every stakeholder's pk to its public id."""
    people = {pk: str(public_id) for pk, public_id in stakeholder_ids.items()}
    entries = (
        EvidenceEntry.objects.filter(incident__owner=user)
        .order_by("incident_id", *EvidenceEntry._meta.ordering)
        .prefetch_related(
            Prefetch("present_stakeholders", queryset=Stakeholder.objects.only("id")),
            "present_contacts",
            Prefetch("versions", queryset=Version.objects.order_by("pgh_id")),
        )
    )
    docs: dict[int, list[dict]] = {}
    for entry in entries:
        doc = _fields(entry, schema.EVIDENCE, people)
        doc["present_stakeholders"] = [people[s.pk] for s in entry.present_stakeholders.all()]
        doc["present_contacts"] = [str(contact_ids[c.pk]) for c in entry.present_contacts.all()]
        doc["versions"] = [_fields(v, schema.EVIDENCE_VERSION, people) for v in entry.versions.all()]
        docs.setdefault(entry.incident_id, []).append(doc)
    return docs


def _ids(item: dict, key: str, allowed: set, path: str, problems: list[str]) -> list:
    values = item.get(key, [])
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        problems.append(_("%(path)s: expected a list.") % {"path": f"{path}.{key}"})
        return []
    known = {str(value) for value in allowed}
    if any(value not in known for value in values):
        problems.append(
            _("%(path)s: refers to something that is not in this file.") % {"path": f"{path}.{key}"}
        )
        return []
    return [uuid.UUID(value) for value in values]


def _ref(record: dict, people: set, path: str, problems: list[str]) -> None:
    if record["concerns"] is not None and record["concerns"] not in people:
        problems.append(
            _("%(path)s: refers to something that is not in this file.") % {"path": f"{path}.concerns"}
        )


def validate_evidence(item: dict, path: str, people: set, contact_ids: set, problems: list[str]) -> list:
    """The incident's `evidence[]`, cleaned and its references checked ([] when absent)."""
    items = item.get("evidence", [])
    if not isinstance(items, list):
        problems.append(_("%(path)s: expected a list.") % {"path": f"{path}.evidence"})
        return []
    cleaned = []
    for index, raw in enumerate(items):
        here = f"{path}.evidence[{index}]"
        record = clean_record(schema.EVIDENCE, raw, here, problems)
        if record is None:
            continue
        _ref(record, people, here, problems)
        record["present_stakeholders"] = _ids(raw, "present_stakeholders", people, here, problems)
        record["present_contacts"] = _ids(raw, "present_contacts", contact_ids, here, problems)
        versions = raw.get("versions", [])
        if not isinstance(versions, list):
            problems.append(_("%(path)s: expected a list.") % {"path": f"{here}.versions"})
            versions = []
        record["versions"] = []
        for number, version in enumerate(versions):
            there = f"{here}.versions[{number}]"
            kept = clean_record(schema.EVIDENCE_VERSION, version, there, problems)
            if kept is not None:
                _ref(kept, people, there, problems)
                record["versions"].append(kept)
        cleaned.append(record)
    return cleaned


def restore_evidence(incident, records: list[dict], people: dict, contacts: dict) -> None:
    """Write the incident's entries; `people` and `contacts` map the file's ids to restored rows.
    The insert trigger keeps a first version of each; where the file has the versions, they replace it."""
    if not records:
        return
    fields = [name for name in schema.EVIDENCE if name not in ("id", "concerns")]
    entries = EvidenceEntry.objects.bulk_create(
        EvidenceEntry(
            incident=incident, concerns=people.get(r["concerns"]), **{name: r[name] for name in fields}
        )
        for r in records
    )
    stakeholders_through = EvidenceEntry.present_stakeholders.through
    contacts_through = EvidenceEntry.present_contacts.through
    stakeholders_through.objects.bulk_create(
        stakeholders_through(evidenceentry=entry, stakeholder=people[ref])
        for entry, r in zip(entries, records, strict=True)
        for ref in r["present_stakeholders"]
    )
    contacts_through.objects.bulk_create(
        contacts_through(evidenceentry=entry, contact=contacts[ref])
        for entry, r in zip(entries, records, strict=True)
        for ref in r["present_contacts"]
    )
    with_history = [(entry, r) for entry, r in zip(entries, records, strict=True) if r["versions"]]
    Version.objects.filter(pgh_obj__in=[entry for entry, _r in with_history]).delete()
    version_fields = [name for name in schema.EVIDENCE_VERSION if name != "concerns"]
    Version.objects.bulk_create(
        Version(
            pgh_obj=entry,
            pgh_label="insert" if number == 0 else "update",
            concerns_id=people[v["concerns"]].pk if v["concerns"] else None,
            **{name: v[name] for name in version_fields},
        )
        for entry, r in with_history
        for number, v in enumerate(r["versions"])
    )
