"""Browser test of the career risk radar on a 375 px phone without JavaScript: Today asks for the
monthly check, the person answers it (a skipped question comes back marked, the rest kept), sees a
score per type with words, adds the suggested steps of the type standing high to the prevention
plan in one click, and finds them on Today, where one is ticked done."""

import pytest
from playwright.sync_api import expect

from crisis_coach.incidents.models import CrisisType
from crisis_coach.wellbeing.radar.questions import QUESTIONS, suggestions_for
from tests.e2e.pages import browser_page, log_in
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.dates]

PHONE = {"width": 375, "height": 740}
BOSS = CrisisType.DIFFICULT_BOSS


@pytest.fixture
def phone(browser, live_server):
    with browser_page(browser, live_server, viewport=PHONE, java_script_enabled=False) as page:
        yield page


def test_answer_the_radar_see_the_scores_add_a_suggested_step_and_see_it_on_today(phone, artifacts_dir):
    page = phone
    user = make_user(display_name="Mei Lin")
    log_in(page, user)

    prompt = page.get_by_test_id("radar-prompt")
    expect(prompt).to_contain_text("career risk radar")
    prompt.get_by_role("link", name="Take the radar").click()

    form = page.get_by_test_id("radar-form")
    boss_questions = [q for q in QUESTIONS if q.crisis_type == BOSS]
    skipped = QUESTIONS[-1]
    for question in QUESTIONS:
        if question is skipped:
            continue
        answer = "Strongly" if question in boss_questions else "Not at all"
        form.get_by_role("group", name=str(question.text)).get_by_label(answer).check()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.get_by_role("button", name="See my result").click()

    # The skipped question is marked next to it; the other answers are still chosen.
    expect(page.get_by_text("Choose one answer for this question.")).to_be_visible()
    first = page.get_by_role("group", name=str(boss_questions[0].text))
    expect(first.get_by_label("Strongly")).to_be_checked()
    page.get_by_role("group", name=str(skipped.text)).get_by_label("A little").check()
    page.get_by_role("button", name="See my result").click()

    boss = page.locator(f'[data-testid="radar-type"][data-type="{BOSS}"]')
    expect(boss).to_contain_text("100 of 100")
    expect(boss).to_contain_text("stands high")
    expect(page.locator('[data-testid="radar-type"][data-type="meaning"]')).to_contain_text("few signs")
    expect(boss.get_by_test_id("log-setback")).to_be_visible()
    page.screenshot(path=artifacts_dir / "radar-result-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")

    boss.get_by_test_id("add-suggestions").click()
    steps = suggestions_for(BOSS)
    expect(page.get_by_role("alert")).to_contain_text(f"{len(steps)} steps added to your prevention plan.")
    expect(page.locator(f'[data-testid="radar-type"][data-type="{BOSS}"]')).to_contain_text(
        "already in your prevention plan"
    )

    page.goto(page.url.split("/radar/")[0] + "/today/")
    plan = page.get_by_test_id("group-prevention")
    soonest = min(steps, key=lambda s: s.due_in_days)
    expect(plan).to_contain_text(str(soonest.title))
    expect(page.get_by_test_id("radar-prompt")).to_have_count(0)
    page.screenshot(path=artifacts_dir / "radar-today-phone.png", full_page=True)
    plan.get_by_role("button", name=f"Done {soonest.title}").click()
    expect(page.get_by_role("alert")).to_contain_text(f"Done: {soonest.title}")
