"""The insights page's check-ins over time: mood, how in control and sleep, day by day, with the
person's setbacks opening and closing marked on the same axis, so a dip can be read next to what
was happening at work. Two queries, whatever the number of days, check-ins and cases."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from crisis_coach.incidents.models import Incident
from crisis_coach.insights.charts import Marker, Series, line_chart
from crisis_coach.wellbeing.selectors import check_ins_between

DAYS = 60  # the last two months; the list of check-ins has every one


def check_in_chart(user, *, today: datetime.date, rtl: bool) -> dict:
    """{"check_in_chart": the chart, or None before the first check-in of the period}."""
    start = today - datetime.timedelta(days=DAYS - 1)
    check_ins = check_ins_between(user, start=start, end=today)
    if not check_ins:
        return {"check_in_chart": None}
    first = check_ins[0].day
    days = [first + datetime.timedelta(days=n) for n in range((today - first).days + 1)]
    by_day = {c.day: c for c in check_ins}
    index = {day: i for i, day in enumerate(days)}
    zone = user.zone
    since = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min), zone)
    cases = (
        Incident.objects.alive()
        .filter(owner=user)
        .filter(Q(created_at__gte=since) | Q(closed_at__gte=since))
        .only("title", "created_at", "closed_at")
        .order_by("created_at")
    )
    markers = []
    for case in cases:
        opened = timezone.localdate(case.created_at, zone)
        if opened in index:
            markers.append(Marker(index[opened], _("Logged: %(title)s") % {"title": case.title}))
        if case.closed_at and (closed := timezone.localdate(case.closed_at, zone)) in index:
            markers.append(Marker(index[closed], _("Closed: %(title)s") % {"title": case.title}))

    def values(name):
        return [getattr(by_day[day], name) if day in by_day else None for day in days]

    chart = line_chart(
        key="check-ins",
        title=_("Your check-ins"),
        description=_(
            "Mood (1 to 5), how in control you felt (1 to 10) and sleep (1 to 5) on each day you "
            "checked in, oldest first; dashed lines mark a setback logged or closed."
        ),
        labels=[date_format(day, "DATE_FORMAT") for day in days],
        series=[
            Series(_("Mood"), values("mood")),
            Series(_("In control"), values("control")),
            Series(_("Sleep"), values("sleep")),
        ],
        rtl=rtl,
        y_max=10,
        markers=markers,
        markers_name=_("Setbacks"),
    )
    return {"check_in_chart": chart}
