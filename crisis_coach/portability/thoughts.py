"""A case's thought records in the export and the import (schema.THOUGHT_RECORD, since version 3).

Each incident's `thought_records[]` holds its records, oldest first. Nothing else in the file points
at them, so they carry no id. Files of versions 1 and 2 have none, and a version-3 file made before
thought records existed leaves the key out: both import without them.
"""

from django.utils.translation import gettext as _

from crisis_coach.portability import schema
from crisis_coach.portability.schema import clean_record
from crisis_coach.wellbeing.models import ThoughtRecord


def export_thought_records(user) -> dict[int, list[dict]]:
    """Every thought record of the user's incidents (the trash too), by incident pk: one query."""
    records = ThoughtRecord.objects.filter(incident__owner=user).order_by("incident_id", "created_at", "id")
    docs: dict[int, list[dict]] = {}
    for record in records:
        doc = {name: schema.json_value(getattr(record, name)) for name in schema.THOUGHT_RECORD}
        doc["traps"] = list(record.traps)
        docs.setdefault(record.incident_id, []).append(doc)
    return docs


def validate_thought_records(item: dict, path: str, problems: list[str]) -> list[dict]:
    """The incident's `thought_records[]`, cleaned ([] when absent)."""
    items = item.get("thought_records", [])
    if not isinstance(items, list):
        problems.append(_("%(path)s: expected a list.") % {"path": f"{path}.thought_records"})
        return []
    cleaned = []
    for index, raw in enumerate(items):
        record = clean_record(schema.THOUGHT_RECORD, raw, f"{path}.thought_records[{index}]", problems)
        if record is not None:
            cleaned.append(record)
    return cleaned


def restore_thought_records(incident, records: list[dict]) -> None:
    """Write the incident's records, written when the file says (now, where it does not say)."""
    if not records:
        return
    ThoughtRecord.objects.bulk_create(
        ThoughtRecord(
            incident=incident,
            **{name: r[name] for name in schema.THOUGHT_RECORD if name != "created_at"},
            **({"created_at": r["created_at"]} if r["created_at"] else {}),
        )
        for r in records
    )
