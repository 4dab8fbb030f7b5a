"""The daily check-ins in the export and the import (schema.CHECK_IN, since version 3).

The document's top-level `check_ins[]` holds every check-in of the person, oldest day first. Files of
versions 1 and 2 have none, and import without them. Support resources are operator data, never
exported.
"""

from django.utils.translation import gettext as _

from crisis_coach.portability import schema
from crisis_coach.wellbeing.models import CheckIn


def export_check_ins(user) -> list[dict]:
    """Every check-in of `user`, oldest first: one query."""
    return [
        {name: schema.json_value(getattr(check_in, name)) for name in schema.CHECK_IN}
        for check_in in CheckIn.objects.filter(owner=user).order_by("day")
    ]


def validate_check_ins(doc: dict, problems: list[str]) -> list[dict]:
    """The file's check-ins, cleaned; one per day (the database's rule, checked before it is asked)."""
    items = doc.get("check_ins", [])
    if not isinstance(items, list):
        problems.append(_("%(path)s: expected a list.") % {"path": "check_ins"})
        return []
    cleaned, days = [], set()
    for index, item in enumerate(items):
        path = f"check_ins[{index}]"
        record = schema.clean_record(schema.CHECK_IN, item, path, problems)
        if record is None:
            continue
        if record["day"] in days:
            problems.append(_("%(path)s: a second check-in on the same day.") % {"path": path})
        days.add(record["day"])
        cleaned.append(record)
    return cleaned


def restore_check_ins(user, records: list[dict]) -> None:
    """One insert for them all; each keeps when it was made."""
    check_ins = [
        CheckIn(owner=user, **{name: value for name, value in record.items() if value is not None})
        for record in records
    ]
    CheckIn.objects.bulk_create(check_ins)
