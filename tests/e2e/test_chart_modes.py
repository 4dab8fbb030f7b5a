"""The charts in English and Arabic, light and dark, on screen and on paper (issue 24).

Arabic mirrors every chart (labels on the right, bars growing leftwards, time running from right to
left) and names it in Arabic. In each theme every piece of chart text keeps 4.5:1 against the page
behind it, and every bar, line, dot and axis 3:1 (WCAG 1.4.3 and 1.4.11), measured from the colours
the browser computes. Printed, a page is white with dark text whatever the screen's theme.
Each case is saved as test-artifacts/charts-LANGUAGE-THEME.png (and charts-print-PAGE.png).
"""

import re

import pytest
from playwright.sync_api import expect

from crisis_coach.accounts.models import User
from tests.accounts.seed import seed_charted_account
from tests.contrast import contrast
from tests.e2e.pages import browser_page, log_in
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC = re.compile(r"[\u0600-\u06ff]")
LATIN = re.compile(r"[A-Za-z]")

# Each drawn thing of every chart, with its colour and the colour of the page behind the chart (the first
# ancestor with a background, composited over white). Grid lines are left out on purpose: they are a faint
# guide, and every number they would help to read is written on the chart and in its table. A category
# grid's words (.chart-cell) sit on their coloured band, not on the page: they are checked against it.
MEASURE = """
() => {
  const rgba = (css) => {
    const m = css.match(/rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)/);
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
  };
  const behind = (element) => {
    const layers = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour && colour[3] > 0) layers.push(colour);
      if (colour && colour[3] === 1) break;
    }
    let result = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse()) {
      result = [r * a + result[0] * (1 - a), g * a + result[1] * (1 - a), b * a + result[2] * (1 - a)];
    }
    return result;
  };
  const found = [];
  for (const svg of document.querySelectorAll("svg.chart-svg")) {
    const page = behind(svg.parentElement);
    const chart = svg.querySelector("title").textContent;
    const drawn = "text, rect, polyline, circle, line.chart-axis, line.chart-marker";
    for (const el of svg.querySelectorAll(drawn)) {
      const style = getComputedStyle(el);
      const paint = el.tagName === "polyline" || el.tagName === "line" ? style.stroke : style.fill;
      let against = page;
      if (el.classList.contains("chart-cell")) {
        // The band under the word: the rect drawn just before it.
        let band = el.previousElementSibling;
        while (band && band.tagName !== "rect") band = band.previousElementSibling;
        against = rgba(getComputedStyle(band).fill).slice(0, 3);
      }
      found.push({chart, tag: el.tagName, css: el.getAttribute("class") || "", text: el.textContent.trim(),
                  colour: rgba(paint), against});
    }
  }
  return found;
}
"""


def composite(colour, background):
    """A colour with alpha, as seen over `background`."""
    r, g, b, a = colour
    return [r * a + bg * (1 - a) for r, bg in zip((r, g, b), background, strict=True)]


def unreadable(page) -> list[str]:
    """Every chart text under 4.5:1 and every shape under 3:1 against what is behind it, one line each."""
    problems = []
    for item in page.evaluate(MEASURE):
        if item["colour"] is None:  # no paint at all ("none"): nothing to see, nothing to check
            continue
        seen = composite(item["colour"], item["against"])
        ratio = contrast(seen, item["against"])
        needed = 4.5 if item["tag"] == "text" else 3.0
        if ratio < needed:
            problems.append(
                f"{item['chart']}: <{item['tag']} class={item['css']!r}> {item['text'][:30]!r} "
                f"{item['colour']} on {[round(c) for c in item['against']]}: {ratio:.2f} < {needed}"
            )
    return problems


def boxes(locator) -> list[dict]:
    return [locator.nth(i).bounding_box() for i in range(locator.count())]


def centre(box) -> float:
    return box["x"] + box["width"] / 2


@pytest.fixture
def person():
    person = make_user(display_name="Noor Rahman")
    seed = seed_charted_account(person)
    return person, seed


def open_insights(page, person, *, language, theme):
    User.objects.filter(pk=person.pk).update(language=language, theme=theme)
    log_in(page, person)
    page.goto("/insights/")
    expect(page.locator("svg.chart-svg")).to_have_count(7)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_charts_are_mirrored_in_arabic_and_readable_in_both_themes(
    browser, live_server, person, language, theme, artifacts_dir
):
    rtl = language == "ar"
    with browser_page(browser, live_server, viewport={"width": 1280, "height": 900}) as page:
        open_insights(page, person[0], language=language, theme=theme)
        expect(page.locator("html")).to_have_attribute("data-bs-theme", theme)
        expect(page.locator(f'svg.chart-svg[direction="{"rtl" if rtl else "ltr"}"]')).to_have_count(7)

        # A bar chart: the category names stand on the reading side, the bars grow away from them.
        by_type = page.locator("figure.chart").filter(has=page.locator("svg.chart-svg")).first
        labels = boxes(by_type.locator("text.chart-label"))
        bars = boxes(by_type.locator("rect"))
        assert labels and bars
        for label in labels:
            for bar in bars:
                if rtl:
                    assert label["x"] >= bar["x"] + bar["width"] - 1, (label, bar)
                else:
                    assert label["x"] + label["width"] <= bar["x"] + 1, (label, bar)

        # A time series: the oldest label is at the reading side's start, the newest at its end.
        series = page.locator("svg.chart-svg").filter(has=page.locator("polyline"))
        assert series.count() >= 1
        for i in range(series.count()):
            ticks = boxes(series.nth(i).locator("text.chart-label"))
            first, last = centre(ticks[0]), centre(ticks[-1])
            assert (first > last) if rtl else (first < last), (i, first, last)

        # The words are the page's language: every caption, and the names beside the bars (crisis kinds).
        # Other labels may be the person's own words (a case's title, a contact's name), in any script.
        captions = page.locator("figure.chart figcaption").all_inner_texts()
        kinds = by_type.locator("text.chart-label").all_text_contents()
        if rtl:
            assert all(ARABIC.search(w) and not LATIN.search(w) for w in captions + kinds), captions + kinds
        else:
            assert not any(ARABIC.search(w) for w in captions + kinds), captions + kinds

        problems = unreadable(page)
        page.screenshot(path=artifacts_dir / f"charts-{language}-{theme}.png", full_page=True)
        assert not problems, "\n".join(problems)


def test_charts_follow_a_dark_device_when_the_theme_is_auto(browser, live_server, person, artifacts_dir):
    with browser_page(browser, live_server, color_scheme="dark") as page:
        open_insights(page, person[0], language="en", theme="auto")
        expect(page.locator("body")).to_have_css("background-color", "rgb(20, 25, 31)")
        problems = unreadable(page)
        page.screenshot(path=artifacts_dir / "charts-en-auto-dark-device.png", full_page=True)
        assert not problems, "\n".join(problems)


def paper_colours(page) -> tuple[list, list, list]:
    """The page's background, its main text colour and each shown link's, as the printed page has them."""
    colours = page.evaluate(
        """() => [getComputedStyle(document.body).backgroundColor,
                  getComputedStyle(document.querySelector('main')).color,
                  ...[...document.querySelectorAll('main a')]
                    .filter((a) => a.checkVisibility()).map((a) => getComputedStyle(a).color)]"""
    )
    background, text, *links = [[float(c) for c in re.findall(r"[\d.]+", colour)[:3]] for colour in colours]
    return background, text, links


@pytest.mark.parametrize("device", ["dark-setting", "dark-device"])
def test_printed_pages_are_dark_on_white_whatever_the_theme(
    browser, live_server, person, device, artifacts_dir
):
    user, seed = person
    theme, scheme = ("dark", "light") if device == "dark-setting" else ("auto", "dark")
    pages = {
        "insights": "/insights/",
        "case-report": f"/insights/report/{seed['closed'].public_id}/",
        "evidence-report": f"/incidents/{seed['open'].public_id}/evidence/report/",
    }
    User.objects.filter(pk=user.pk).update(language="en", theme=theme)
    with browser_page(browser, live_server, color_scheme=scheme) as page:
        log_in(page, user)
        problems = []
        for name, path in pages.items():
            page.emulate_media(media="screen")
            page.goto(path)
            expect(page.locator("main")).to_be_visible()
            page.emulate_media(media="print")
            background, text, links = paper_colours(page)
            if background != [255, 255, 255]:
                problems.append(f"{path}: the paper is {background}, not white")
            for kind, colour in [("text", text)] + [("a link", link) for link in links]:
                if (ratio := contrast(colour, background)) < 4.5:
                    problems.append(f"{path}: {kind} {colour} on {background}: {ratio:.2f} < 4.5")
            problems += [f"{path}: {line}" for line in unreadable(page)]
            page.screenshot(path=artifacts_dir / f"charts-print-{device}-{name}.png", full_page=True)
        assert not problems, "\n".join(problems)
