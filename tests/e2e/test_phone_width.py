"""At 375 px the lists of contacts, the coach's caseload and the printable report fit: no word is
split across lines, no table overflows the screen, and no control is narrower than a finger (44 px)."""

import pytest
from playwright.sync_api import expect

from crisis_coach.coaching import services as coaching
from crisis_coach.incidents.models import Stance
from tests.e2e.pages import browser_page, log_in
from tests.factories import make_contact, make_incident, make_stakeholder, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}

# Words, hyphens included, whose letters a browser has split across line boxes.
BROKEN_WORDS = """(root) => {
  const broken = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const words = /[^\\s\\u2014\\u00b7-]+/g;
    for (let match = words.exec(node.data); match; match = words.exec(node.data)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set(
        [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))
      );
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""

# Buttons, links styled as buttons and form fields narrower than 44 px (a check box counts with its label).
NARROW_CONTROLS = """(root) => [...root.querySelectorAll(".btn, .page-link, input, select, textarea")]
  .filter((el) => el.type !== "hidden" && el.getClientRects().length > 0)
  .map((el) => (el.matches(".form-check-input") ? el.closest(".form-check") : el))
  .filter((el) => el.getBoundingClientRect().width < 44)
  .map((el) => el.outerHTML.slice(0, 120))"""

OVERFLOWS = """() => [...document.querySelectorAll("main table")]
  .filter((table) => table.getBoundingClientRect().right > document.documentElement.clientWidth + 1
    || table.getBoundingClientRect().left < -1)
  .map((table) => table.className)
  .concat(document.documentElement.scrollWidth > document.documentElement.clientWidth ? ["page"] : [])"""


@pytest.fixture
def phone(browser, live_server):
    with browser_page(browser, live_server, viewport=PHONE) as page:
        yield page


def assert_fits_a_phone(page, artifacts_dir, name):
    table = page.locator("main table").first
    expect(table).to_be_visible()
    page.screenshot(path=artifacts_dir / f"phone-{name}.png", full_page=True)
    for table in page.locator("main table").all():
        assert table.evaluate(BROKEN_WORDS) == [], name
    assert page.locator("main").evaluate(NARROW_CONTROLS) == [], name
    assert page.evaluate(OVERFLOWS) == [], name


def test_contacts_caseload_and_report_fit_a_phone(phone, artifacts_dir):
    client = make_user(display_name="Alexandra Konstantinidou")
    for name in ["Maximiliane Oppenheimer", "Bartholomew Featherstonehaugh", "Rana Haddad"]:
        make_contact(
            client,
            name=name,
            role="Procurement director",
            organisation="Northwind Consolidated",
            cadence_days=14,
        )
    incident = make_incident(client, title="Misunderstood the quarterly forecast")
    make_stakeholder(
        incident,
        name="Wilhelmina Oppenheimer",
        stance=Stance.CRITICAL,
        what_they_said="The forecast was presented without the regional adjustments we agreed on.",
    )
    coach = make_user(display_name="Layla Haddad", is_coach=True)
    coaching.link_create(client=client, coach_profile=coach.coach_profile)
    coaching.incident_set_shared(incident=incident, shared=True)

    log_in(phone, client)
    phone.goto("/network/")
    expect(phone.get_by_test_id("contact-row")).to_have_count(3)
    assert_fits_a_phone(phone, artifacts_dir, "contacts")

    phone.goto(f"/insights/report/{incident.public_id}/")
    assert_fits_a_phone(phone, artifacts_dir, "case-report")

    phone.context.clear_cookies()
    log_in(phone, coach)
    phone.goto("/coach/")
    expect(phone.get_by_role("link", name="Misunderstood the quarterly forecast")).to_be_visible()
    assert_fits_a_phone(phone, artifacts_dir, "caseload")
