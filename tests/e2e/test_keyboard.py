"""Keyboard only (issue 24): the key journeys done with Tab, Shift+Tab, Enter and Space, typing into
whatever has focus; no clicks and no filling by locator. Focus is always visible, and the menus (the
app has no modal dialogs: a confirmation is a page of its own) open from the keyboard, close on
Escape and give focus back to their toggle."""

import re

import pytest
from playwright.sync_api import expect

from crisis_coach.coaching.services import link_create
from tests.e2e.pages import browser_page
from tests.factories import (
    PASSWORD,
    make_assessment,
    make_conversation,
    make_incident,
    make_stakeholder,
    make_step,
    make_user,
    totp_code,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESCRIBE_FOCUS = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return "the page itself (nothing focused)";
    const id = element.id ? "#" + element.id : "";
    const classes = element.className && typeof element.className === "string"
        ? "." + element.className.trim().split(/\\s+/).join(".") : "";
    const text = (element.innerText || element.value || element.getAttribute("aria-label") || "").trim();
    return `<${element.tagName.toLowerCase()}${id}${classes}> “${text.slice(0, 60)}”`;
}"""


def focused(page) -> str:
    """What has focus, in words for a failure message."""
    return page.evaluate(DESCRIBE_FOCUS)


def focus_matches(page, selector: str) -> bool:
    return page.evaluate("selector => !!document.activeElement?.matches(selector)", selector)


def tab_to(page, target, *, limit=80, backwards=False):
    """Press Tab (Shift+Tab backwards) until focus is on `target`: a CSS selector, or a function of
    the page that says whether the focused element is the one. Fails, naming what has focus, if
    `limit` presses do not reach it."""
    key = "Shift+Tab" if backwards else "Tab"
    reached = target if callable(target) else lambda page: focus_matches(page, target)
    for _ in range(limit):
        page.keyboard.press(key)
        if reached(page):
            return
    raise AssertionError(f"{limit} presses of {key} did not reach {target!r}; focus is on {focused(page)}")


def focus_has_name(name: str | re.Pattern):
    """A tab_to target: the focused element's visible text or accessible label is `name`."""

    def reached(page) -> bool:
        text = page.evaluate(
            "() => { const e = document.activeElement;"
            " return ((e.getAttribute('aria-label') || e.innerText || '') + '').trim(); }"
        )
        return bool(name.search(text)) if isinstance(name, re.Pattern) else text == name

    reached.__name__ = f"focus named {name!r}"
    return reached


def type_into(page, selector: str, text: str):
    """Tab to a field and type into it, as a person would."""
    tab_to(page, selector)
    page.keyboard.type(text)


def keyboard_log_in(page, user, *, two_factor=False):
    page.goto("/accounts/login/")
    type_into(page, "#id_login", user.email)
    type_into(page, "#id_password", PASSWORD)
    page.keyboard.press("Enter")
    if two_factor:
        expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
        type_into(page, "#id_code", totp_code())
        page.keyboard.press("Enter")
    expect(page).not_to_have_url(re.compile(r"/accounts/(login|2fa/authenticate)/$"))


def test_the_skip_link_is_the_first_tab_and_moves_focus_to_the_page_content(page):
    user = make_user(display_name="Li Wei")
    keyboard_log_in(page, user)
    page.goto("/today/")

    page.keyboard.press("Tab")
    assert focus_matches(page, "a.skip-link"), f"the first Tab reached {focused(page)}"
    expect(page.locator("a.skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert focus_matches(page, "main#main"), f"the skip link left focus on {focused(page)}"
    # The next Tab is inside the content, past the whole navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)"), focused(page)


def test_a_client_signs_in_and_logs_a_setback_with_the_keyboard(page):
    user = make_user(display_name="Li Wei")
    keyboard_log_in(page, user)
    expect(page).to_have_url(re.compile(r"/today/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    tab_to(page, "nav a.nav-link[href='/incidents/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    tab_to(page, "main a[href='/incidents/new/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log a setback")

    type_into(page, "#id_title", "Missed the Lee & Co counter-offer")
    type_into(page, "#id_what_happened", "Their counter-offer slipped through in the busy season.")
    # The crisis types are one radio group: Tab enters it, Space chooses the focused kind.
    tab_to(page, "input[name=crisis_type]")
    page.keyboard.press("Space")
    expect(page.locator("input[name=crisis_type]:checked")).to_have_count(1)
    chosen = page.evaluate("document.activeElement.labels[0].innerText")
    # A closed select takes what is typed: "4" chooses "4 — threatens my role".
    tab_to(page, "#id_severity")
    page.keyboard.type("4")
    expect(page.locator("#id_severity")).to_have_value("4")
    tab_to(page, focus_has_name("Log it and start"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/incidents/[0-9a-f-]{36}/assess/$"))
    expect(page.locator("main")).to_contain_text("Missed the Lee & Co counter-offer")
    expect(page.locator("main")).to_contain_text(chosen.splitlines()[0].strip())


def test_a_client_ticks_a_step_done_on_resolve_with_space(page):
    user = make_user(display_name="Li Wei")
    case = make_incident(user, title="Missed the counter-offer")
    manager = make_stakeholder(case, name="Grace Lin")
    make_assessment(case)
    make_conversation(case, manager, held_at=case.created_at, outcome="positive")
    make_step(case, title="Call Harbor Lights back")
    make_step(case, title="Share the offer tracker")
    keyboard_log_in(page, user)
    page.goto(f"/incidents/{case.public_id}/resolve/")

    tab_to(page, focus_has_name("Mark “Call Harbor Lights back” as done"))
    page.keyboard.press("Space")
    done = page.locator("#plan .step-row.is-done")
    expect(done).to_have_count(1)
    expect(done).to_contain_text("Call Harbor Lights back")
    # The row is swapped in place; focus stays on its button, which now undoes the tick.
    assert focus_has_name("Mark “Call Harbor Lights back” as not done")(page), focused(page)

    # "Did it work?" opened under the tick: the next Tabs reach its answers.
    tab_to(page, "#plan .step-row.is-done input[name=check_result]", limit=5)
    page.keyboard.press("Space")
    tab_to(page, focus_has_name("Save"), limit=5)
    page.keyboard.press("Enter")
    expect(page.locator("#plan .step-row.is-done .step-check-result")).to_contain_text("Yes, it worked")


def test_a_coach_opens_a_shared_case_from_the_dashboard_with_the_keyboard(page):
    coach = make_user(display_name="Layla Haddad", is_coach=True)
    client = make_user(display_name="Alex Chen")
    link_create(client=client, coach_profile=coach.coach_profile)
    case = make_incident(client, title="Missed a counter-offer", shared_with_coach=True)

    keyboard_log_in(page, coach, two_factor=True)
    tab_to(page, "nav a.nav-link[href='/coach/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/coach/$"))
    tab_to(page, f"main a[href='/coach/cases/{case.public_id}/']")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"/coach/cases/{case.public_id}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Missed a counter-offer")


# How the focused element looks: its outline and its box-shadow, each with the contrast of its colour
# against the background it is drawn on (the nearest opaque background behind the element). A ring
# counts when it is drawn (a width and a colour that is not transparent) and reaches 3:1 there
# (WCAG 1.4.11, non-text contrast). A btn-check radio is hidden: its label is what shows focus.
FOCUS_STYLE = """() => {
    const focused = document.activeElement;
    const element = focused.matches(".btn-check") ? focused.nextElementSibling : focused;
    const style = getComputedStyle(element);
    const rgba = (text) => {
        const match = /rgba?\\(([^)]+)\\)/.exec(text || "");
        if (!match) return null;
        const [r, g, b, a = 1] = match[1].split(",").map(Number);
        return {r, g, b, a};
    };
    const backgroundOf = (start) => {
        for (let node = start; node; node = node.parentElement) {
            const colour = rgba(getComputedStyle(node).backgroundColor);
            if (colour && colour.a > 0.9) return colour;
        }
        return {r: 255, g: 255, b: 255, a: 1};
    };
    const over = (colour, background) => ({
        r: colour.r * colour.a + background.r * (1 - colour.a),
        g: colour.g * colour.a + background.g * (1 - colour.a),
        b: colour.b * colour.a + background.b * (1 - colour.a),
    });
    const luminance = ({r, g, b}) => {
        const channel = (value) => {
            value /= 255;
            return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const contrast = (one, two) => {
        const [light, dark] = [luminance(one), luminance(two)].sort((x, y) => y - x);
        return (light + 0.05) / (dark + 0.05);
    };
    const background = backgroundOf(element.parentElement);
    let ring = 0;
    const outlineColour = rgba(style.outlineColor);
    if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 && outlineColour?.a > 0) {
        ring = Math.max(ring, contrast(over(outlineColour, background), background));
    }
    const shadowColour = rgba(style.boxShadow);
    const lengths = (style.boxShadow.match(/-?[\\d.]+px/g) || []).map(parseFloat);
    if (style.boxShadow !== "none" && shadowColour?.a > 0 && lengths.some((length) => length > 0)) {
        ring = Math.max(ring, contrast(over(shadowColour, background), background));
    }
    return {
        kind: element.tagName.toLowerCase()
            + (element.matches("input, button") ? `[type=${element.type}]` : ""),
        contrast: Math.round(ring * 100) / 100,
        outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
        shadow: style.boxShadow,
    };
}"""


def focus_styles_through(page, *, limit=150) -> list[dict]:
    """Tab through the whole page once, from the top until focus leaves it, and say how each focused
    element looks while it has focus."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        back_at_the_top = seen and element == seen[0]["element"]
        if back_at_the_top or page.evaluate("document.activeElement === document.body"):
            break
        seen.append({**page.evaluate(FOCUS_STYLE), "element": element})
    return seen


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_element_tab_reaches_shows_a_focus_ring(page, theme):
    user = make_user(display_name="Li Wei", theme=theme)
    case = make_incident(user, title="Missed the counter-offer")
    manager = make_stakeholder(case, name="Grace Lin")
    make_assessment(case)
    make_conversation(case, manager, held_at=case.created_at, outcome="positive")
    make_step(case, title="Call Harbor Lights back")
    make_step(case, title="Share the offer tracker", status="done")
    keyboard_log_in(page, user)
    # Without animation the ring is measured as it ends, not halfway through Bootstrap's fade-in.
    page.emulate_media(reduced_motion="reduce")

    styles = []
    # Every kind of field (the setback form, settings, the check-in's scale), Resolve's step buttons
    # and folds, Today; the navigation, the user menu (opened) and the language switcher on each.
    for path in (
        "/incidents/new/",
        f"/incidents/{case.public_id}/resolve/",
        "/today/",
        "/wellbeing/check-in/",
        "/accounts/settings/",
    ):
        page.goto(path)
        page.locator("details.nav-menu").evaluate("menu => menu.open = true")
        styles += focus_styles_through(page)
    kinds = {style["kind"] for style in styles}
    assert {
        "a",
        "button[type=submit]",
        "input[type=text]",
        "input[type=radio]",
        "input[type=checkbox]",
        "select",
        "textarea",
        "summary",
        "label",  # a btn-check radio's, on the check-in scale
    } <= kinds, kinds
    faint = [
        f"{style['element']}: {style['contrast']}:1 (outline {style['outline']}; shadow {style['shadow']})"
        for style in styles
        if style["contrast"] < 3
    ]
    assert not faint, "No focus ring of 3:1 on:\n" + "\n".join(faint)


# The app has no modal dialog (no <dialog>, no Bootstrap modal or offcanvas): a confirmation is a page of
# its own. What opens over the page is the navigation's: the user menu (a <details>) and, on a phone,
# the collapsed navigation. Each opens with Enter or Space, closes on Escape with focus back on its
# toggle, and the menu closes once focus leaves it.


def test_the_user_menu_opens_from_the_keyboard_and_escape_gives_focus_back(page):
    user = make_user(display_name="Li Wei")
    keyboard_log_in(page, user)
    page.goto("/today/")
    menu = page.locator("details.nav-menu")
    toggle = "details.nav-menu > summary"

    tab_to(page, toggle)
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    assert focus_has_name("Settings")(page), focused(page)
    page.keyboard.press("Escape")
    expect(menu).not_to_have_attribute("open", "")
    assert focus_matches(page, toggle), f"Escape left focus on {focused(page)}"

    # Space opens it too; Tab past its last item closes it.
    page.keyboard.press("Space")
    expect(menu).to_have_attribute("open", "")
    tab_to(page, "details.nav-menu button.dropdown-item", limit=5)
    page.keyboard.press("Tab")
    expect(menu).not_to_have_attribute("open", "")

    # And an item is followed with Enter.
    tab_to(page, toggle, backwards=True)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/settings/$"))


def test_the_phone_navigation_opens_from_the_keyboard_and_escape_gives_focus_back(browser, live_server):
    user = make_user(display_name="Li Wei")
    with browser_page(browser, live_server, viewport={"width": 390, "height": 844}) as page:
        page.emulate_media(reduced_motion="reduce")  # Bootstrap's collapse opens at once
        keyboard_log_in(page, user)
        page.goto("/today/")
        toggler = page.locator(".navbar-toggler")
        navigation = page.locator("#main-nav")
        setbacks = page.locator("#main-nav a.nav-link[href='/incidents/']")
        expect(setbacks).to_be_hidden()

        tab_to(page, ".navbar-toggler")
        page.keyboard.press("Enter")
        expect(toggler).to_have_attribute("aria-expanded", "true")
        # Bootstrap ignores a toggle while the menu is still opening (a few milliseconds even without
        # motion), so the test waits for it to be open, as a person does before pressing anything.
        expect(navigation).to_have_class(re.compile(r"\bshow\b"))
        expect(setbacks).to_be_visible()
        tab_to(page, "#main-nav a.nav-link", limit=5)
        page.keyboard.press("Escape")
        expect(toggler).to_have_attribute("aria-expanded", "false")
        expect(setbacks).to_be_hidden()
        assert focus_matches(page, ".navbar-toggler"), f"Escape left focus on {focused(page)}"

        # Inside it, the user menu closes first, then the navigation.
        page.keyboard.press("Space")
        expect(navigation).to_have_class(re.compile(r"\bshow\b"))
        expect(setbacks).to_be_visible()
        tab_to(page, "details.nav-menu > summary", limit=12)
        page.keyboard.press("Enter")
        expect(page.locator("details.nav-menu")).to_have_attribute("open", "")
        page.keyboard.press("Escape")
        expect(page.locator("details.nav-menu")).not_to_have_attribute("open", "")
        assert focus_matches(page, "details.nav-menu > summary"), focused(page)
        page.keyboard.press("Escape")
        expect(setbacks).to_be_hidden()
        assert focus_matches(page, ".navbar-toggler"), focused(page)

        # A link in it is followed with Enter.
        page.keyboard.press("Enter")
        tab_to(page, "#main-nav a.nav-link[href='/incidents/']", limit=8)
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"/incidents/$"))
