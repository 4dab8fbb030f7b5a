"""The charts on the insights page, built from selectors' rows. Labels go through gettext here,
at request time, so they follow the reader's language."""

from collections import Counter

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from crisis_coach.incidents.models import CrisisType, RiskLevel, Stage
from crisis_coach.insights import selectors
from crisis_coach.insights.charts import Series, Unit, bar_chart, line_chart


def personal_charts(user, *, today, rtl: bool) -> dict:
    """Every chart and headline number of the person's own insights, in a fixed number of queries."""
    facts = selectors.incident_facts(user)
    weekly = selectors.steps_done_per_week(user, today=today, zone=user.zone)
    closed = sorted(selectors.closed(facts), key=lambda f: f.closed_at)
    with_control = [
        f
        for f in facts
        if f.control_at_start is not None or f.control_at_close is not None or f.control_after_90 is not None
    ]
    later = [f.control_after_90 for f in with_control if f.control_after_90 is not None]
    by_type = Counter(f.crisis_type for f in facts).most_common()
    gains = [
        f.control_at_close - f.control_at_start
        for f in facts
        if f.control_at_start is not None and f.control_at_close is not None
    ]
    charts = {}
    if by_type:
        charts["by_type"] = bar_chart(
            key="by-type",
            title=_("Setbacks by kind of crisis"),
            description=_("How many setbacks you logged of each kind, most frequent first."),
            labels=[str(CrisisType(kind).label) for kind, _n in by_type],
            series=[Series(_("Setbacks"), [n for _kind, n in by_type])],
            rtl=rtl,
        )
    if closed:
        charts["resolution"] = bar_chart(
            key="resolution",
            title=_("Days to resolution"),
            description=_(
                "For each closed setback, in the order they closed: days from the event to the close."
            ),
            labels=[f.title for f in closed],
            series=[Series(_("Days"), [f.resolution_days for f in closed])],
            rtl=rtl,
            unit=Unit.DAYS,
        )
    if any(n for _week, n in weekly):
        charts["steps"] = line_chart(
            key="steps-weekly",
            title=_("Steps done per week"),
            description=_("Action steps you completed in each of the last 12 weeks, oldest first."),
            labels=[date_format(week, "MONTH_DAY_FORMAT") for week, _n in weekly],
            series=[Series(_("Steps done"), [n for _week, n in weekly])],
            rtl=rtl,
        )
    if with_control:
        series = [
            Series(_("At the start"), [f.control_at_start for f in with_control]),
            Series(_("At the close"), [f.control_at_close for f in with_control]),
        ]
        if later:  # the review three months after the close, once one is answered
            series.append(Series(_("Three months on"), [f.control_after_90 for f in with_control]))
        charts["control"] = bar_chart(
            key="control",
            title=_("How in control you felt, at the start, at the close and three months on")
            if later
            else _("How in control you felt, at the start and at the close"),
            description=_(
                "For each setback, on a scale of 1 to 10: at the start, when you closed it, and at the "
                "review three months after the close."
            )
            if later
            else _("For each setback, on a scale of 1 to 10: at the start, and when you closed it."),
            labels=[f.title for f in with_control],
            series=series,
            rtl=rtl,
        )
    return {
        "charts": charts,
        "incident_count": len(facts),
        "closed_count": len(closed),
        "median_days": selectors.median([f.resolution_days for f in closed]),
        "steps_done_12_weeks": sum(n for _week, n in weekly),
        "average_gain": sum(gains) / len(gains) if gains else None,
        # Across the setbacks: the average at each point where it was rated (None where never).
        "control_averages": [
            (label, _average([getattr(f, name) for f in with_control]))
            for label, name in (
                (_("At the start"), "control_at_start"),
                (_("At the close"), "control_at_close"),
                (_("Three months on"), "control_after_90"),
            )
        ]
        if later
        else [],
    }


def _average(values: list) -> float | None:
    rated = [v for v in values if v is not None]
    return sum(rated) / len(rated) if rated else None


def _month(first_day) -> str:
    return date_format(first_day, "YEAR_MONTH_FORMAT")


def network_charts(user, *, today, rtl: bool) -> dict:
    """Network health: touches per month and the trust record (promises kept on time) per month."""
    touches = selectors.touches_per_month(user, today=today)
    trust = selectors.trust_per_month(user, today=today)
    charts = {}
    if any(n for _m, n in touches):
        charts["touches"] = line_chart(
            key="touches",
            title=_("Touches per month"),
            description=_("Calls, messages, meetings and other touches with your contacts, last 12 months."),
            labels=[_month(m) for m, _n in touches],
            series=[Series(_("Touches"), [n for _m, n in touches])],
            rtl=rtl,
        )
    if any(counted for _m, _p, counted in trust):
        charts["trust"] = line_chart(
            key="trust",
            title=_("Trust record: promises kept on time"),
            description=_(
                "For the promises that came due each month: the percentage kept on or before the due day."
            ),
            labels=[_month(m) for m, _p, _c in trust],
            series=[Series(_("% kept on time"), [p for _m, p, _c in trust])],
            rtl=rtl,
            y_max=100,
            unit=Unit.PERCENT,
        )
    return {"network_charts": charts}


def caseload_charts(coach, *, rtl: bool) -> dict:
    """A coach's caseload, only from cases clients have shared with them."""
    facts = selectors.caseload_facts(coach)
    stages, risks = Counter(), Counter()
    for stage, risk, n in facts.by_stage_and_risk:
        stages[stage] += n
        risks[risk or ""] += n
    charts = {}
    if stages:
        charts["stages"] = bar_chart(
            key="caseload-stage",
            title=_("Shared cases by stage"),
            description=_("How many of the cases your clients share with you are at each stage."),
            labels=[str(label) for value, label in Stage.choices],
            series=[Series(_("Cases"), [stages[value] for value, _label in Stage.choices])],
            rtl=rtl,
        )
        risk_rows = [(value, str(label)) for value, label in RiskLevel.choices] + [
            ("", _("Not assessed yet"))
        ]
        charts["risks"] = bar_chart(
            key="caseload-risk",
            title=_("Shared cases by risk"),
            description=_("How many shared cases are at each risk level, from the clients' own assessments."),
            labels=[label for _value, label in risk_rows],
            series=[Series(_("Cases"), [risks[value] for value, _label in risk_rows])],
            rtl=rtl,
        )
    if facts.median_by_client:
        charts["client_medians"] = bar_chart(
            key="caseload-resolution",
            title=_("Median days to resolution, by client"),
            description=_("For each client, the median days their closed shared cases took to resolve."),
            labels=[name for name, _median, _n in facts.median_by_client],
            series=[Series(_("Median days"), [median for _name, median, _n in facts.median_by_client])],
            rtl=rtl,
            unit=Unit.DAYS,
        )
    return {
        "caseload_charts": charts,
        "caseload_median_days": facts.median_days,
        "caseload_size": sum(stages.values()),
    }
