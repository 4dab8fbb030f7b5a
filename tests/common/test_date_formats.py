"""One date format per kind, per language, everywhere (issue 24).

A day and a moment each have one format per language (crisis_coach/formats/); the third kind, how
long ago something last happened, is crisis_coach/common/relative_dates.py and its `|ago` filter.
The templates and the Python code are read as written, so no page can pick another look."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from crisis_coach.common.relative_dates import relative

ROOT = Path(__file__).resolve().parents[2]
# The kinds people read, and the machine formats (an ISO value, a comparison key, a zone's name, a weekday).
SHOWN = {"DATE_FORMAT", "DATETIME_FORMAT", "MONTH_DAY_FORMAT", "YEAR_MONTH_FORMAT"}
MACHINE = {"c", "Y-m-d", "YmdHi", "e", "l"}
TEMPLATE_DATE = re.compile(r"""\|date:["']([^"']*)["']""")
PYTHON_DATE = re.compile(r"""date_format\([^)]*?["']([A-Za-z_-]+)["']""")

TAIPEI = ZoneInfo("Asia/Taipei")
NOW = datetime.datetime(2026, 11, 25, 0, 10, tzinfo=TAIPEI)


def formats_used(pattern, paths) -> list[tuple[str, str]]:
    return [(str(p.relative_to(ROOT)), m.group(1)) for p in paths for m in pattern.finditer(p.read_text())]


def test_templates_show_dates_only_in_the_named_kinds():
    used = formats_used(TEMPLATE_DATE, sorted((ROOT / "templates").rglob("*.html")))
    used += formats_used(TEMPLATE_DATE, sorted((ROOT / "templates").rglob("*.txt")))
    assert len(used) > 50
    odd = [(path, name) for path, name in used if name not in SHOWN | MACHINE]
    assert not odd, f"a date shown in a format of its own: {odd}"


def test_python_code_formats_dates_only_in_the_named_kinds():
    paths = [p for p in sorted((ROOT / "crisis_coach").rglob("*.py")) if "formats" not in p.parts]
    used = formats_used(PYTHON_DATE, paths)
    assert len(used) > 5
    odd = [(path, name) for path, name in used if name not in SHOWN]
    assert not odd, f"a date shown in a format of its own: {odd}"


@pytest.mark.parametrize(
    "ago,expected",
    [
        (datetime.timedelta(seconds=20), "just now"),
        (datetime.timedelta(minutes=1), "1 minute ago"),
        (datetime.timedelta(minutes=9), "9 minutes ago"),
        # 23:00 the evening before, in the reader's zone: the calendar says yesterday, not "70 minutes".
        (datetime.timedelta(minutes=70), "yesterday"),
        (datetime.timedelta(days=2), "2 days ago"),
        (datetime.timedelta(days=13), "13 days ago"),
        (datetime.timedelta(days=14), "2 weeks ago"),
        (datetime.timedelta(days=59), "8 weeks ago"),
        (datetime.timedelta(days=60), "2 months ago"),
        (datetime.timedelta(days=364), "12 months ago"),
        (datetime.timedelta(days=365), "1 year ago"),
        (datetime.timedelta(days=800), "2 years ago"),
    ],
)
def test_a_moment_says_how_long_ago_in_the_readers_calendar(ago, expected):
    with timezone.override(TAIPEI), translation.override("en"):
        assert relative(NOW - ago, now=NOW) == expected


def test_the_same_evening_in_hours_and_a_plain_date_by_the_day():
    evening = datetime.datetime(2026, 11, 25, 21, 0, tzinfo=TAIPEI)
    with timezone.override(TAIPEI), translation.override("en"):
        assert relative(evening - datetime.timedelta(hours=3), now=evening) == "3 hours ago"
        assert relative(evening.date(), now=evening) == "today"
        assert relative(datetime.date(2026, 11, 24), now=evening) == "yesterday"


def test_what_is_still_to_come_is_shown_as_a_day_not_as_ago():
    with timezone.override(TAIPEI), translation.override("en"):
        assert relative(datetime.date(2026, 11, 30), now=NOW) == "30 Nov 2026"
        assert relative(NOW + datetime.timedelta(hours=2), now=NOW) == "25 Nov 2026, 02:10"


@pytest.mark.parametrize(
    "language,days,expected",
    [
        ("zh-hant", 0, "今天"),
        ("zh-hant", 1, "昨天"),
        ("zh-hant", 3, "3 天前"),
        ("zh-hant", 21, "3 週前"),
        ("ar", 1, "أمس"),
        ("ar", 2, "منذ يومين"),
        ("ar", 3, "منذ 3 أيام"),
        ("ar", 11, "منذ 11 يومًا"),
        ("ar", 90, "منذ 3 أشهر"),
    ],
)
def test_each_language_says_it_in_its_own_words(language, days, expected):
    with timezone.override(TAIPEI), translation.override(language):
        assert relative(NOW.date() - datetime.timedelta(days=days), now=NOW) == expected


def test_the_filter_keeps_the_exact_day_as_the_machine_value_and_the_title():
    template = Template("{% load dates %}{{ when|ago }}")
    with timezone.override(TAIPEI), translation.override("en"):
        html = template.render(Context({"when": datetime.date(2026, 11, 20)}))
    assert html.startswith('<time datetime="2026-11-20" title="20 Nov 2026">')
    assert html.endswith("days ago</time>")
