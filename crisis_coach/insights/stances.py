"""The insights page's "where the key people stand": for one case, each key person's stance at each
date a reading was kept (StanceChange), so the way trust came back (or did not) reads along a row.

The person picks the case; by default it is their most recently active one with people in it. Two
queries, whatever the number of cases, people and readings."""

from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from crisis_coach.incidents.models import Incident, Stance, StanceChange
from crisis_coach.insights.charts import Category, category_grid

CASE_CHOICES = 20  # the picker offers the most recently active cases
MAX_DATES = 12  # the latest reading dates; the stance before the first of them carries in
MAX_PEOPLE = 12  # the most influential people

# Each band keeps 3:1 against the light, the dark and the printed page (a shape's contrast) and 4.5:1 under
# the white word written on it (text's): a luminance between about 0.13 and 0.18 does both. So the red is
# lighter than the theme's danger, and "not sure yet" a muted violet rather than a pale grey.
STANCE_COLOURS = {
    Stance.SUPPORTIVE: "#2e7553",
    Stance.NEUTRAL: "#5b6675",
    Stance.CRITICAL: "#cc3d2e",
    Stance.UNKNOWN: "#75699b",
}


def cases_with_readings(user) -> list[Incident]:
    """The owner's live cases that have a stance reading, most recently active first (one query)."""
    readings = StanceChange.objects.filter(incident=OuterRef("pk"))
    return list(
        Incident.objects.alive()
        .filter(owner=user)
        .filter(Exists(readings))
        .order_by(F("last_activity_at").desc(nulls_last=True), "-created_at")
        .only("public_id", "title")[:CASE_CHOICES]
    )


def stance_grid(readings: list[StanceChange], *, zone) -> tuple[list[str], list, list[list[str | None]]]:
    """(people's names, reading dates, each person's stance at the end of each date) from a case's
    readings, oldest first. Before a person's first reading their cell is None."""
    days = sorted({timezone.localdate(r.at, zone) for r in readings})[-MAX_DATES:]
    people: dict[int, object] = {}
    for reading in readings:
        people.setdefault(reading.stakeholder_id, reading.stakeholder)
    chosen = sorted(
        people.values(), key=lambda s: (s.influence is None, -(s.influence or 0), s.created_at, s.pk)
    )[:MAX_PEOPLE]
    cells = []
    for person in chosen:
        own = [(timezone.localdate(r.at, zone), r.stance) for r in readings if r.stakeholder_id == person.pk]
        row, index, stance = [], 0, None
        for day in days:
            while index < len(own) and own[index][0] <= day:
                stance = own[index][1]
                index += 1
            row.append(stance)
        cells.append(row)
    return [p.name for p in chosen], days, cells


def stance_charts(user, *, chosen: str | None, rtl: bool) -> dict:
    """The chart and its case picker for the insights page."""
    cases = cases_with_readings(user)
    if not cases:
        return {"stance_cases": [], "stance_case": None, "stance_chart": None}
    case = next((c for c in cases if str(c.public_id) == chosen), cases[0])
    readings = list(
        StanceChange.objects.filter(incident=case)
        .select_related("stakeholder")
        .only(
            "stakeholder_id",
            "at",
            "stance",
            "stakeholder__name",
            "stakeholder__influence",
            "stakeholder__created_at",
        )  # fmt: skip
        .order_by("at", "id")
    )
    names, days, cells = stance_grid(readings, zone=user.zone)
    chart = category_grid(
        key="stances",
        title=_("Where the key people stand"),
        description=_(
            "For each person of this setback, their stance on each day it was recorded, oldest first; "
            "a change of colour is a change of stance."
        ),
        rows=names,
        columns=[date_format(day, "DATE_FORMAT") for day in days],
        cells=cells,
        categories=[Category(value, str(label), STANCE_COLOURS[value]) for value, label in Stance.choices],
        rtl=rtl,
    )
    return {"stance_cases": cases, "stance_case": case, "stance_chart": chart}
