"""Small, dependency-free SVG charts rendered on the server.

Each function returns one accessible <figure>: an inline <svg role="img"> with <title> and <desc>,
and a <details> table with every number, so the chart works without JavaScript, for screen
readers and on paper. All text is escaped here; callers pass plain (already translated) strings.

Right-to-left: pass rtl=True and the chart is mirrored: category labels move to the right and bars
grow leftwards, and time series run from right (oldest) to left (newest), as Arabic readers expect.
"""

import math
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from itertools import count

from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from crisis_coach.common.addressing import addressed
from crisis_coach.common.punctuation import label_value

WIDTH = 640
# Teal, amber, green, plum, near the theme's (frontend/scss/theme.scss). Each keeps 3:1 against the light,
# the dark and the printed page, the contrast WCAG asks of shapes (tests/insights/test_chart_colours.py);
# the amber is darker than the theme's warning for the light page.
PALETTE = ("#3b80a3", "#b5771a", "#3a8a63", "#8a63b0")
_ids = count(1)


@dataclass(frozen=True)
class Series:
    name: str
    values: list  # numbers or None (no value: no bar or point, "—" in the table)


def _number(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):  # a category's name (category_grid)
        return value
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return str(int(value))


class Unit(StrEnum):
    """What a chart's numbers count, said on every bar, tick and tooltip ("75%", "6 days")."""

    COUNT = "count"
    PERCENT = "percent"
    DAYS = "days"


def _with_unit(value, unit: Unit) -> str:
    shown = _number(value)
    if value is None or unit == Unit.COUNT:
        return shown
    if unit == Unit.PERCENT:
        return _("%(n)s%%") % {"n": shown}
    return ngettext("%(n)s day", "%(n)s days", round(value)) % {"n": shown}


def _count_ticks(peak: float) -> list[int]:
    """Whole-number ticks for counts, about four of them: 0, 1, 2 rather than 0, 0.5, 1."""
    top = max(2, math.ceil(peak))
    step = max(1, math.ceil(top / 4))
    return list(range(0, math.ceil(top / step) * step + 1, step))


def _fit(label: str, room: int = 32) -> str:
    """Shorten a label to about `room` Latin letters of width; Chinese characters count double."""
    used = 0
    for index, char in enumerate(label):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > room:
            return label[:index].rstrip() + "…"
    return label


class _Canvas:
    """Collects SVG elements in left-to-right coordinates and mirrors them for right-to-left."""

    def __init__(self, rtl: bool):
        self.rtl = rtl
        self.parts: list[str] = []

    def x(self, x: float) -> float:
        return WIDTH - x if self.rtl else x

    def rect(self, x: float, y: float, w: float, h: float, fill: str, tip: str) -> None:
        left = self.x(x + w) if self.rtl else x
        self.parts.append(
            f'<rect x="{left:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}" rx="2">'
            f"<title>{escape(tip)}</title></rect>"
        )

    def text(self, x: float, y: float, text: str, anchor: str = "start", css: str = "") -> None:
        # With direction="rtl" on the <svg>, "start"/"end" flip by themselves, so anchors stay as is.
        self.parts.append(
            f'<text x="{self.x(x):.1f}" y="{y:.1f}" text-anchor="{anchor}" class="{css}">'
            f"{escape(text)}</text>"
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, css: str) -> None:
        self.parts.append(
            f'<line x1="{self.x(x1):.1f}" y1="{y1:.1f}" x2="{self.x(x2):.1f}" y2="{y2:.1f}" class="{css}"/>'
        )

    def polyline(self, points: list[tuple[float, float]], stroke: str) -> None:
        coords = " ".join(f"{self.x(x):.1f},{y:.1f}" for x, y in points)
        self.parts.append(f'<polyline points="{coords}" fill="none" stroke="{stroke}" stroke-width="2.5"/>')

    def dot(self, x: float, y: float, fill: str, tip: str) -> None:
        self.parts.append(
            f'<circle cx="{self.x(x):.1f}" cy="{y:.1f}" r="4" fill="{fill}">'
            f"<title>{escape(tip)}</title></circle>"
        )

    def marker(self, x: float, y1: float, y2: float, tip: str) -> None:
        x = self.x(x)
        self.parts.append(
            f'<line x1="{x:.1f}" y1="{y1:.1f}" x2="{x:.1f}" y2="{y2:.1f}" class="chart-marker">'
            f"<title>{escape(tip)}</title></line>"
        )

    def legend(self, series: list[Series], y: float) -> None:
        # Only what is drawn: a series with no value has no bar or line to name.
        x = 8.0
        for index, item in enumerate(series):
            if all(v is None for v in item.values):
                continue
            self.rect(x, y - 10, 12, 12, PALETTE[index % len(PALETTE)], item.name)
            self.text(x + 18, y, item.name, css="chart-legend")
            x += 30 + 8 * len(item.name)


def _figure(
    *, key: str, title: str, description: str, height: float, canvas: _Canvas, labels, series
) -> SafeString:
    uid = f"chart-{key}-{next(_ids)}"
    direction = "rtl" if canvas.rtl else "ltr"
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" direction="{direction}" '
        f'aria-labelledby="{uid}-title {uid}-desc">'
        f'<title id="{uid}-title">{escape(title)}</title><desc id="{uid}-desc">{escape(description)}</desc>'
        + "".join(canvas.parts)
        + "</svg>"
    )
    # Plain f-strings, like the canvas: format_html() per table cell cost more than drawing the chart.
    e = conditional_escape
    head = "".join(f'<th scope="col" class="text-end">{e(s.name)}</th>' for s in series)
    rows = "".join(
        f'<tr><th scope="row" class="text-start fw-normal">{e(label)}</th>'
        + "".join(f'<td class="text-end">{e(_number(s.values[i]))}</td>' for s in series)
        + "</tr>"
        for i, label in enumerate(labels)
    )
    # Outside the f-strings: makemessages (xgettext) does not read inside them.
    show_numbers, item = addressed("Show the numbers"), _("Item")
    table = (
        f'<details class="chart-data mt-1"><summary class="small">{e(show_numbers)}</summary>'
        f'<table class="table table-sm small mb-0"><caption class="visually-hidden">{e(title)}</caption>'
        f'<thead><tr><th scope="col" class="text-start">{e(item)}</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></details>"
    )
    caption = f'<figcaption class="h6">{e(title)}</figcaption>'
    # Every piece of text in svg and table was escaped above.
    return mark_safe(f'<figure class="chart" id="{uid}">{caption}{svg}{table}</figure>')


def _empty(canvas: _Canvas, height: float, message: str = "") -> None:
    canvas.text(WIDTH / 2, height / 2, message or _("No data yet"), anchor="middle", css="chart-empty")


def _check(labels, series) -> None:
    for item in series:
        if len(item.values) != len(labels):
            raise ValueError(f"series {item.name!r} has {len(item.values)} values for {len(labels)} labels")


def bar_chart(
    *,
    key: str,
    title: str,
    description: str,
    labels: list[str],
    series: list[Series],
    rtl: bool = False,
    unit: Unit = Unit.COUNT,
) -> SafeString:
    """Horizontal bars, one row per label, one bar per series; direction-neutral apart from mirroring."""
    _check(labels, series)
    label_width, value_gap, bar_h, gap = 210.0, 44.0, 16.0, 12.0
    legend_h = 26.0 if len(series) > 1 else 0.0
    row_h = bar_h * max(len(series), 1) + gap
    height = max(legend_h + row_h * len(labels) + gap, 60.0)
    canvas = _Canvas(rtl)
    values = [v for s in series for v in s.values if v is not None]
    if not labels or not values:
        _empty(canvas, height)
        return _figure(
            key=key, title=title, description=description, height=height, canvas=canvas, labels=labels,
            series=series,
        )  # fmt: skip
    top = max(values) or 1
    span = WIDTH - label_width - value_gap - 8
    if legend_h:
        canvas.legend(series, 16)
    for row, label in enumerate(labels):
        y = legend_h + gap / 2 + row * row_h
        canvas.text(label_width - 8, y + row_h / 2, _fit(label), anchor="end", css="chart-label")
        for index, item in enumerate(series):
            value = item.values[row]
            if value is None:
                continue
            width = max(span * value / top, 1.0 if value else 0.0)
            bar_y = y + index * bar_h
            fill = PALETTE[index % len(PALETTE)]
            canvas.rect(
                label_width,
                bar_y,
                width,
                bar_h - 2,
                fill,
                label_value(f"{label} · {item.name}", _with_unit(value, unit)),
            )
            canvas.text(
                label_width + width + 4, bar_y + bar_h - 4, _with_unit(value, unit), css="chart-value"
            )
    canvas.line(label_width, legend_h, label_width, height - gap / 2, "chart-axis")
    return _figure(
        key=key,
        title=title,
        description=description,
        height=height,
        canvas=canvas,
        labels=labels,
        series=series,
    )


@dataclass(frozen=True)
class Marker:
    """Something that happened at one label of a time series (a case opened, a case closed): a
    dashed line across the plot, its text as the tooltip and in the table's last column."""

    index: int
    text: str


def line_chart(
    *,
    key: str,
    title: str,
    description: str,
    labels: list[str],
    series: list[Series],
    rtl: bool = False,
    y_max: float | None = None,
    markers: tuple[Marker, ...] | list[Marker] = (),
    markers_name: str = "",
    unit: Unit = Unit.COUNT,
) -> SafeString:
    """A time series, oldest first; in right-to-left the time axis runs from right to left.

    y_max fixes the top of the scale (100 for a percentage); by default it is the largest value.
    `markers` draw events on the same axis; the table names them in a column `markers_name`."""
    _check(labels, series)
    if markers:
        texts: list = [None] * len(labels)
        for marker in markers:
            texts[marker.index] = "; ".join(filter(None, [texts[marker.index], marker.text]))
        table_series = [*series, Series(markers_name, texts)]
    else:
        table_series = series
    height, left, right, top_pad, bottom = 240.0, 56.0, 44.0, 16.0, 36.0
    legend_h = 22.0 if len(series) > 1 else 0.0
    canvas = _Canvas(rtl)
    values = [v for s in series for v in s.values if v is not None]
    if not labels or len(values) < 2:
        # One point is not a line: say so, and keep the number in the table.
        one = _("One value so far: the line starts with the second.") if values else ""
        _empty(canvas, height, one)
        return _figure(
            key=key, title=title, description=description, height=height, canvas=canvas, labels=labels,
            series=table_series,
        )  # fmt: skip
    if legend_h:
        canvas.legend(series, 14)
    plot_top = top_pad + legend_h
    plot_h = height - plot_top - bottom
    plot_w = WIDTH - left - right
    ticks = [0, y_max / 2, y_max] if y_max else _count_ticks(max(values))
    peak = ticks[-1]

    def px(i: int) -> float:
        return left + (plot_w / 2 if len(labels) == 1 else plot_w * i / (len(labels) - 1))

    def py(v: float) -> float:
        return plot_top + plot_h * (1 - v / peak)

    for tick in ticks:
        canvas.line(left, py(tick), WIDTH - right, py(tick), "chart-grid")
        canvas.text(left - 6, py(tick) + 4, _with_unit(tick, unit), anchor="end", css="chart-value")
    every = max(1, (len(labels) + 5) // 6)  # at most about six labels under the axis; the table has all
    for i, label in enumerate(labels):
        if (len(labels) - 1 - i) % every == 0:  # counted from the newest, which is always labelled
            canvas.text(px(i), height - bottom + 18, label, anchor="middle", css="chart-label")
    for marker in markers:
        canvas.marker(px(marker.index), plot_top, plot_top + plot_h, marker.text)
    for index, item in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        points = [(px(i), py(v)) for i, v in enumerate(item.values) if v is not None]
        if len(points) > 1:
            canvas.polyline(points, colour)
        for i, v in enumerate(item.values):
            if v is not None:
                canvas.dot(
                    px(i), py(v), colour, label_value(f"{labels[i]} · {item.name}", _with_unit(v, unit))
                )
    return _figure(
        key=key,
        title=title,
        description=description,
        height=height,
        canvas=canvas,
        labels=labels,
        series=table_series,
    )


@dataclass(frozen=True)
class Category:
    key: str
    name: str
    colour: str


def category_grid(
    *,
    key: str,
    title: str,
    description: str,
    rows: list[str],
    columns: list[str],
    cells: list[list[str | None]],
    categories: list[Category],
    rtl: bool = False,
) -> SafeString:
    """A category per row at each column (a date), oldest column first: one band per row, coloured
    and named by its category, so a change reads as a change of colour and word along the row.
    `cells[r][c]` is a category key, or None (nothing yet: left blank). The table has every cell."""
    named = {c.key: c for c in categories}
    label_width, row_h, gap, axis_h, legend_h = 150.0, 26.0, 6.0, 24.0, 26.0
    height = max(legend_h + (row_h + gap) * len(rows) + axis_h, 60.0)
    canvas = _Canvas(rtl)
    # The table: one line per column (date), one column per row (person), the category named.
    series = [
        Series(name, [named[v].name if v in named else None for v in row])
        for name, row in zip(rows, cells, strict=True)
    ]
    if not rows or not columns:
        _empty(canvas, height)
        return _figure(
            key=key, title=title, description=description, height=height, canvas=canvas, labels=columns,
            series=series,
        )  # fmt: skip
    x = 8.0
    for category in categories:
        canvas.rect(x, 6, 12, 12, category.colour, category.name)
        canvas.text(x + 18, 16, category.name, css="chart-legend")
        x += 30 + 7 * len(category.name)
    span = WIDTH - label_width - 8
    cell_w = span / len(columns)
    for r, name in enumerate(rows):
        y = legend_h + r * (row_h + gap)
        canvas.text(label_width - 8, y + row_h / 2 + 4, _fit(name, 20), anchor="end", css="chart-label")
        for c, value in enumerate(cells[r]):
            category = named.get(value)
            if category is None:
                continue
            left = label_width + c * cell_w
            tip = f"{name} · {columns[c]}: {category.name}"
            canvas.rect(left, y, cell_w - 1, row_h, category.colour, tip)
            # The word where it changes (and at the start), if the band has room for it.
            if (c == 0 or cells[r][c - 1] != value) and cell_w >= 64:
                word = _fit(category.name, int(cell_w / 8))
                canvas.text(left + 4, y + row_h / 2 + 4, word, css="chart-cell")
    every = max(1, (len(columns) + 5) // 6)
    for c, column in enumerate(columns):
        if (len(columns) - 1 - c) % every == 0:
            middle = label_width + (c + 0.5) * cell_w
            canvas.text(middle, height - 6, column, anchor="middle", css="chart-label")
    return _figure(
        key=key,
        title=title,
        description=description,
        height=height,
        canvas=canvas,
        labels=columns,
        series=series,
    )
