"""axe-core (from npm) on the key pages: as a client and as a coach, in three languages, light and dark.

A serious or critical violation fails the test, with each rule, its help and the elements it found.
Every page checked is also saved as a screenshot in test-artifacts/ (a11y-ROLE-LANGUAGE-THEME-PAGE.png),
so a change to the theme can be looked at in both themes and three languages.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import browser_page, log_in
from tests.e2e.test_languages import set_language, world  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
LANGUAGES = ["en", "zh-hant", "ar"]
THEMES = ["light", "dark"]


def client_pages(pid) -> dict[str, str]:
    return {
        "today": "/today/",
        "cases": "/incidents/",
        "cockpit": f"/incidents/{pid}/",
        "assess": f"/incidents/{pid}/assess/",
        "confront": f"/incidents/{pid}/confront/",
        "resolve": f"/incidents/{pid}/resolve/",
        "evidence": f"/incidents/{pid}/evidence/",
        "insights": "/insights/",
        "network": "/network/",
        "keep-in-touch": "/network/keep-in-touch/",
        "check-ins": "/wellbeing/check-ins/",
        "settings": "/accounts/settings/",
    }


def coach_pages(pid) -> dict[str, str]:
    return {"dashboard": "/coach/", "case-review": f"/coach/cases/{pid}/", "sessions": "/coach/sessions/"}


def violations(page) -> list[str]:
    """The serious and critical findings of axe on the page as it is now, one line per rule."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:5]]}"
        for v in found
        if v["impact"] in BLOCKING
    ]


def audit(page, pages: dict[str, str], *, role, language, theme, artifacts_dir) -> str:
    """Each page's findings, as a readable report ("" when there are none)."""
    problems = {}
    for name, path in pages.items():
        page.goto(path)
        expect(page.locator("main")).to_be_visible()
        if found := violations(page):
            problems[path] = found
        page.screenshot(path=artifacts_dir / f"a11y-{role}-{language}-{theme}-{name}.png", full_page=True)
    return "\n".join(f"{path}\n  " + "\n  ".join(lines) for path, lines in problems.items())


@pytest.fixture
def themed_page(browser, live_server, request):
    # The person's theme is "match my device": the browser's colour scheme decides, as a phone's would.
    # `bypass_csp` lets the test inject axe; the app's own scripts still run under the policy.
    with browser_page(browser, live_server, color_scheme=request.param, bypass_csp=True) as page:
        yield page, request.param


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("themed_page", THEMES, indirect=True)
def test_client_pages_have_no_serious_violation(themed_page, world, language, artifacts_dir):  # noqa: F811
    page, theme = themed_page
    log_in(page, world["client"])
    set_language(page, language)
    pages = client_pages(world["incident"].public_id)
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "auto")
    report = audit(page, pages, role="client", language=language, theme=theme, artifacts_dir=artifacts_dir)
    assert not report, report


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("themed_page", THEMES, indirect=True)
def test_coach_pages_have_no_serious_violation(themed_page, world, language, artifacts_dir):  # noqa: F811
    page, theme = themed_page
    log_in(page, world["coach"])
    set_language(page, language)
    pages = coach_pages(world["incident"].public_id)
    report = audit(page, pages, role="coach", language=language, theme=theme, artifacts_dir=artifacts_dir)
    assert not report, report


@pytest.mark.parametrize("themed_page", THEMES, indirect=True)
def test_signed_out_pages_have_no_serious_violation(themed_page, artifacts_dir):
    page, theme = themed_page
    pages = {"landing": "/", "login": "/accounts/login/", "signup": "/accounts/signup/"}
    report = audit(page, pages, role="visitor", language="en", theme=theme, artifacts_dir=artifacts_dir)
    assert not report, report


def test_the_check_finds_a_violation(page):
    # An image with no text alternative and a button with no name: axe must say so, or the tests
    # above prove nothing.
    page.set_content('<html lang="en"><body><main><button></button><img src="x.png"></main></body></html>')
    found = violations(page)
    assert any(line.startswith("button-name") for line in found), found


def test_her_dark_choice_wins_over_a_light_device(browser, live_server, world):  # noqa: F811
    # A light device, a person who chose dark in her settings: the page is dark, from the server,
    # with no script needed to decide it.
    with browser_page(browser, live_server, color_scheme="light", java_script_enabled=False) as page:
        log_in(page, world["client"])
        page.goto("/accounts/settings/")
        page.locator("input[name=theme][value=dark]").check()
        page.locator("main form button[type=submit]").click()
        # Asserted with expect, which retries: the new page's <html> can be read before its
        # stylesheet applies, and a body with no sheet yet is transparent.
        expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
        expect(page.locator("body")).to_have_css("background-color", "rgb(20, 25, 31)")
        page.locator("input[name=theme][value=auto]").check()
        page.locator("main form button[type=submit]").click()
        expect(page.locator("html")).to_have_attribute("data-bs-theme", "auto")
        expect(page.locator("body")).to_have_css("background-color", "rgb(250, 251, 252)")
