"""The insights page's "thought records": for one case, how strong the feeling was before each
thought record and after it (wellbeing.ThoughtRecord), side by side, oldest first.

The person's own page only: thought records are private (a coach never sees them, issue 21), so
nothing on a coach's pages or in the case report reads them. The person picks the case; by default it
is the one with the newest record. One query without thought records, two with them."""

from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from crisis_coach.incidents.models import Incident
from crisis_coach.insights.charts import Series, bar_chart
from crisis_coach.wellbeing.models import ThoughtRecord

CASE_CHOICES = 20  # the picker offers the cases with the most recent records
MAX_RECORDS = 12  # the case's latest records


def cases_with_thought_records(user) -> list[Incident]:
    """The owner's live cases that have a thought record, the newest record's case first (one query)."""
    records = ThoughtRecord.objects.filter(incident=OuterRef("pk"))
    return list(
        Incident.objects.alive()
        .filter(owner=user)
        .filter(Exists(records))
        .annotate(latest_record=Max("thought_records__created_at"))
        .order_by("-latest_record", "-created_at")
        .only("public_id", "title")[:CASE_CHOICES]
    )


def thought_charts(user, *, chosen: str | None, rtl: bool) -> dict:
    """The chart and its case picker for the insights page."""
    cases = cases_with_thought_records(user)
    if not cases:
        return {"thought_cases": [], "thought_case": None, "thought_chart": None}
    case = next((c for c in cases if str(c.public_id) == chosen), cases[0])
    latest = list(
        ThoughtRecord.objects.filter(incident=case)
        .order_by("-created_at", "-id")
        .only("created_at", "emotion", "intensity_before", "intensity_after")[:MAX_RECORDS]
    )
    records = latest[::-1]
    labels = [
        f"{date_format(timezone.localtime(r.created_at, user.zone), 'DATE_FORMAT')} · {r.emotion}"
        for r in records
    ]
    chart = bar_chart(
        key="thoughts",
        title=_("How strong the feeling was, before and after each thought record"),
        description=_(
            "For each thought record of this setback, oldest first, on a scale of 0 to 100: the feeling "
            "when you wrote the thought down, and again after you looked at both sides of it."
        ),
        labels=labels,
        series=[
            Series(_("Before"), [r.intensity_before for r in records]),
            Series(_("After"), [r.intensity_after for r in records]),
        ],
        rtl=rtl,
    )
    return {"thought_cases": cases, "thought_case": case, "thought_chart": chart, "thought_records": records}
