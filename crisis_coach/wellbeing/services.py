"""Writes for the check-in. Callers pass the signed-in person and their own local day."""

import datetime

from django.db import IntegrityError, transaction

from crisis_coach.common.conflicts import EditConflict, save_versioned
from crisis_coach.wellbeing.models import CheckIn

FIELDS = ("mood", "control", "sleep", "note")


def check_in_save(
    *, owner, day: datetime.date, expected_version: int, mood: int, control: int, sleep: int, note: str = ""
) -> CheckIn:
    """Today's check-in: made on the first save of the day, edited after (the form says which by the
    version it was opened from: 0 for none yet). A stale form raises EditConflict with what is saved:
    the other tab's check-in of the day, or its later edit."""
    values = {"mood": mood, "control": control, "sleep": sleep, "note": note}
    existing = CheckIn.objects.filter(owner=owner, day=day).first()
    if existing is None:
        try:
            with transaction.atomic():
                return CheckIn.objects.create(owner=owner, day=day, **values)
        except IntegrityError:  # another tab checked in a moment ago
            raise EditConflict(CheckIn.objects.get(owner=owner, day=day)) from None
    if not expected_version:
        raise EditConflict(existing)
    for name, value in values.items():
        setattr(existing, name, value)
    save_versioned(existing, expected_version=expected_version, fields=FIELDS)
    return existing
