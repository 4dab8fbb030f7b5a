"""The main pages speak each language fully: no English left in the visible text (user-entered
content and proper names aside), and Arabic mirrors the layout. Screenshots are kept as artifacts."""

import re

import pytest
from playwright.sync_api import expect

from crisis_coach.coaching.services import link_create
from tests.e2e.pages import log_in
from tests.factories import (
    make_assessment,
    make_contact,
    make_conversation,
    make_incident,
    make_stakeholder,
    make_step,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What a person typed, and names: allowed to stay as they are.
USER_TEXT = [
    "Lee & Co counter-offer", "Their counter-offer slipped", "Grace Lin", "Dana Mentor", "Acme",
    "Call the client back", "Alex Client", "Casey Coach", "client@example.test", "coach@example.test",
    "Crisis Coach", "English", "No tracker", "Too many replies at once and no tracking of open offers.",
    # File types and the products they come from, named as those products name them.
    "Connections.csv", "Connections", ".vcf", "vCard", "CSV", "PDF", "Google Contacts", "Google", "LinkedIn",
    "iPhone", "Android",
]  # fmt: skip
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def leftover_english(text: str, *also_allowed: str) -> list[str]:
    for allowed in [*USER_TEXT, *also_allowed]:
        text = text.replace(allowed, " ")
    return ENGLISH_WORD.findall(text)


@pytest.fixture
def world():
    client = make_user(email="client@example.test", display_name="Alex Client")
    coach = make_user(email="coach@example.test", display_name="Casey Coach", is_coach=True)
    incident = make_incident(
        client, title="Lee & Co counter-offer", what_happened="Their counter-offer slipped."
    )
    grace = make_stakeholder(incident, name="Grace Lin")
    make_assessment(incident, root_cause="No tracker")
    make_conversation(incident, grace)
    make_step(incident)
    make_contact(client, organisation="Acme")
    link_create(client=client, coach_profile=coach.coach_profile)
    incident.shared_with_coach = True
    incident.save(update_fields=["shared_with_coach"])
    return {"client": client, "coach": coach, "incident": incident}


def set_language(page, code, path="/accounts/settings/"):
    page.goto(path)
    page.locator(f"footer button[value='{code}']").click()


def english_on(page, paths, *also_allowed) -> dict[str, list[str]]:
    """Each page's leftover English words, for the pages that have any."""
    found = {}
    for path in paths:
        page.goto(path)
        if words := leftover_english(page.locator("body").inner_text(), *also_allowed):
            found[path] = words
    return found


@pytest.mark.parametrize("language", ["zh-hant", "ar"])
def test_main_pages_have_no_english_left(page, world, language, artifacts_dir):
    pid = world["incident"].public_id
    log_in(page, world["client"])
    set_language(page, language)
    client_pages = ["/", f"/incidents/{pid}/", f"/incidents/{pid}/assess/", f"/incidents/{pid}/confront/",
                    f"/incidents/{pid}/resolve/", "/incidents/", "/network/", "/network/keep-in-touch/",
                    "/today/", "/coaching/", "/insights/",
                    # The second wave's pages: the evidence log and its report, thought records, the
                    # risk radar and prevention plan, check-ins, contact import, keep-in-touch defaults.
                    f"/incidents/{pid}/evidence/", f"/incidents/{pid}/evidence/report/",
                    f"/incidents/{pid}/thoughts/", f"/incidents/{pid}/thoughts/add/", "/radar/",
                    "/radar/plan/", "/wellbeing/check-ins/", "/network/contacts/import/",
                    "/network/keep-in-touch/defaults/"]  # fmt: skip
    assert english_on(page, client_pages) == {}
    page.goto(f"/incidents/{pid}/")
    page.screenshot(path=artifacts_dir / f"cockpit-{language}.png", full_page=True)
    if language == "ar":
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        # Mirrored: the stepper starts on the right, the timeline column sits on the left.
        steps = page.locator(".stepper-item")
        assert steps.nth(0).bounding_box()["x"] > steps.nth(2).bounding_box()["x"]

    page.context.clear_cookies()
    log_in(page, world["coach"])
    set_language(page, language)
    invite_code = world["coach"].coach_profile.invite_code_display
    for path in ["/coach/", f"/coach/cases/{pid}/"]:
        page.goto(path)
        assert leftover_english(page.locator("body").inner_text(), invite_code) == [], path


def test_the_check_finds_english():
    assert leftover_english("評估危機 Grace Lin Save") == ["Save"]


@pytest.mark.parametrize("language", ["zh-hant", "ar"])
def test_account_pages_have_no_english_left(page, world, language, artifacts_dir):
    # Signed out: signing in, signing up and the password reset (their fields' placeholders aside).
    set_language(page, language, path="/")
    # "UTC" is a zone's name; the Chinese help text says "App" as people there do.
    signed_out = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
    english = english_on(page, signed_out, "UTC", "App")
    page.goto("/accounts/login/")
    page.screenshot(path=artifacts_dir / f"login-{language}.png", full_page=True)
    if language == "ar":
        expect(page.locator("html")).to_have_attribute("dir", "rtl")

    # Signed in (the coach: two-factor sign-in on): the two-factor, address and security pages.
    log_in(page, world["coach"])
    set_language(page, language)
    # The security page names the browser ("Chrome on Linux") as its user agent does, and the Chinese
    # says "App" for the authenticator app there too.
    signed_in = ["/accounts/2fa/", "/accounts/email/", "/accounts/security/"]
    english |= english_on(page, signed_in, "Chrome", "Linux", "App")
    page.goto("/accounts/2fa/")
    page.screenshot(path=artifacts_dir / f"two-factor-{language}.png", full_page=True)
    if language == "ar":
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert english == {}
