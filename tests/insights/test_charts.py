"""The SVG chart module: accessible, escaped, and sane with no data or a single point."""

import re

import pytest

from crisis_coach.insights.charts import Series, Unit, bar_chart, line_chart

CHARTS = [bar_chart, line_chart]


def _render(chart, labels, values, **kwargs):
    return str(
        chart(
            key="test",
            title="Steps done",
            description="How many steps you completed",
            labels=labels,
            series=[Series("Done", values)],
            **kwargs,
        )
    )


@pytest.mark.parametrize("chart", CHARTS)
def test_chart_is_an_accessible_svg_with_title_desc_and_a_table_of_the_numbers(chart):
    html = _render(chart, ["Week 1", "Week 2", "Week 3"], [2, 7, 0])
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg
    assert re.search(r"<title id=\"[\w-]+-title\">Steps done</title>", svg)
    assert "<desc" in svg and "How many steps you completed</desc>" in svg
    assert 'aria-labelledby="' in svg
    table = html[html.index("<table") :]
    cells = re.findall(r'<td class="text-end">([^<]*)</td>', table)
    assert cells == ["2", "7", "0"]
    assert '<th scope="row" class="text-start fw-normal">Week 2</th>' in table


@pytest.mark.parametrize("chart", CHARTS)
def test_chart_with_no_data_says_so_instead_of_failing(chart):
    html = _render(chart, [], [])
    assert "No data yet" in html
    assert "<tbody></tbody>" in html
    assert _render(chart, ["A"], [None]).count("No data yet") == 1


@pytest.mark.parametrize("chart", CHARTS)
def test_chart_with_a_single_point(chart):
    html = _render(chart, ["Only week"], [4])
    assert "NaN" not in html and "inf" not in html
    assert '<td class="text-end">4</td>' in html
    if chart is line_chart:  # one point is no line: the chart says so, the table keeps the number
        assert "<circle" not in html and "<polyline" not in html
        assert "One value so far: the line starts with the second." in html
    else:
        assert html.count("<rect") == 1


@pytest.mark.parametrize("chart", CHARTS)
def test_user_text_is_escaped_everywhere(chart):
    evil = '<script>alert("x")</script>'
    html = str(
        chart(
            key="x",
            title=evil,
            description=evil,
            labels=[evil],
            series=[Series(evil, [1])],
        )
    )
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_missing_values_show_as_a_dash_and_draw_nothing():
    html = str(
        bar_chart(
            key="c",
            title="Control",
            description="d",
            labels=["Case A"],
            series=[Series("Start", [3]), Series("Close", [None])],
        )
    )
    assert re.findall(r'<td class="text-end">([^<]*)</td>', html) == ["3", "—"]
    assert html.count("<rect") == 2  # one bar, and one legend swatch: only what is drawn is named
    assert ">Close</text>" not in html


def test_right_to_left_mirrors_the_time_axis():
    ltr = _render(line_chart, ["old", "new"], [1, 2])
    rtl = _render(line_chart, ["old", "new"], [1, 2], rtl=True)
    assert 'direction="rtl"' in rtl and 'direction="ltr"' in ltr

    def first_dot_x(html):
        return float(re.search(r'<circle cx="([\d.]+)"', html).group(1))

    assert first_dot_x(ltr) < 320 < first_dot_x(rtl)


def test_bar_chart_in_right_to_left_grows_from_the_right():
    rtl = _render(bar_chart, ["A"], [5], rtl=True)
    x = float(re.search(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', rtl).group(1))
    width = float(re.search(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', rtl).group(1))
    assert x + width == pytest.approx(640 - 210, abs=0.2)


def test_series_must_match_labels():
    with pytest.raises(ValueError):
        _render(bar_chart, ["A", "B"], [1])


def test_long_labels_are_shortened_in_the_svg_but_whole_in_the_table():
    long_latin = "Struggling with a change in the business, again and again"
    long_chinese = "錯過了新客戶的還價而客戶轉向了競爭對手"
    html = _render(bar_chart, [long_latin, long_chinese], [1, 2])
    shown = re.findall(r'class="chart-label">([^<]*)</text>', html)
    assert shown == ["Struggling with a change in the…", "錯過了新客戶的還價而客戶轉向了競…"]
    assert f"<title>{long_latin} · Done: 1</title>" in html  # the tooltip has it whole
    table = html[html.index("<table") :]
    assert long_latin in table and long_chinese in table


def test_days_and_percentages_say_their_unit_on_bars_ticks_and_tooltips():
    days = str(bar_chart(key="d", title="t", description="d", labels=["A", "B"],
                         series=[Series("Days", [1, 6])], unit=Unit.DAYS))  # fmt: skip
    assert ">1 day</text>" in days and ">6 days</text>" in days
    assert "<title>A · Days: 1 day</title>" in days
    trust = str(line_chart(key="p", title="t", description="d", labels=["Jan", "Feb"],
                           series=[Series("% kept", [50, 75])], y_max=100, unit=Unit.PERCENT))  # fmt: skip
    assert re.findall(r">\d+%</text>", trust)[:3] == [">0%</text>", ">50%</text>", ">100%</text>"]
    assert "75%" in trust


def test_counts_get_whole_number_ticks():
    html = _render(line_chart, ["w1", "w2", "w3"], [0, 1, 0])
    ticks = re.findall(r'text-anchor="end" class="chart-value">([^<]+)</text>', html)
    assert ticks == ["0", "1", "2"], ticks
    assert "0.5" not in html
