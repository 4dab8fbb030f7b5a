"""The small trend chart of one crisis type on the radar's result: one bar per check (0–100), oldest
first, as server-side SVG (no inline styles: the content security policy allows none). The words
next to it say the same (score, level, change), so nothing is told by colour or shape alone.
insights/charts.py cannot be imported here (insights sits above wellbeing), so this is its own,
much smaller, drawing in the same manner: role="img" with a <title> naming every value."""

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT, GAP = 120, 32, 2


def trend_svg(*, label: str, trend: list, rtl: bool = False) -> SafeString:
    """`trend`: [(date, score or None)], oldest first; right-to-left runs from right to left."""
    if not trend:
        return mark_safe("")
    bar_w = (WIDTH - GAP * (len(trend) - 1)) / len(trend) if len(trend) > 1 else WIDTH / 4
    values = ", ".join(
        f"{date_format(day, 'DATE_FORMAT')}: {'—' if score is None else score}" for day, score in trend
    )
    title = _("%(type)s over your last checks, out of 100: %(values)s") % {"type": label, "values": values}
    bars = []
    for index, (_day, score) in enumerate(trend):
        height = max(round(HEIGHT * (score or 0) / 100), 1)
        x = index * (bar_w + GAP)
        if rtl:
            x = WIDTH - x - bar_w
        css = "radar-bar-now" if index == len(trend) - 1 else "radar-bar"
        bars.append(
            f'<rect class="{css}" x="{x:.1f}" y="{HEIGHT - height}" '
            f'width="{bar_w:.1f}" height="{height}"></rect>'
        )
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="radar-trend" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}"><title>{escape(title)}</title>{"".join(bars)}</svg>'
    )
