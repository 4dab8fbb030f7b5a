import re

import pytest
from playwright.sync_api import expect

from crisis_coach.accounts.models import User
from crisis_coach.incidents.models import ActionStep
from tests.e2e import pages
from tests.factories import make_incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_up(page, *, name, email, coach=False):
    pages.sign_up(page, name=name, email=email, coach=coach)
    pages.confirm_email(page, email)
    expect(page.get_by_role("alert").last).to_contain_text(f"Successfully signed in as {name}.")
    if not coach:
        pages.skip_welcome(page)


def test_coach_reviews_a_shared_case_until_the_client_ends_the_link(
    browser, live_server, page, artifacts_dir
):
    # The coach signs up and copies the invite code from the coach dashboard.
    sign_up(page, name="Layla Haddad", email="layla@example.test", coach=True)
    page.get_by_role("link", name="Coach dashboard").click()
    # Before any client's case, the coach is sent to turn on two-factor sign-in.
    expect(page).to_have_url(re.compile(r"/accounts/2fa/$"))
    expect(page.get_by_role("alert")).to_contain_text("Turn on two-factor sign-in to see your clients")
    pages.set_up_authenticator(page)
    expect(page.get_by_role("alert").first).to_contain_text("Authenticator app activated.")
    page.get_by_role("link", name="Coach dashboard").click()
    code = page.get_by_test_id("invite-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4}){3}", code)

    # The client signs up (in a browser of their own) and links the coach, typing the code loosely.
    client_context = browser.new_context(base_url=live_server.url, locale="en-US")
    client_context.set_default_timeout(10_000)
    client_page = client_context.new_page()
    sign_up(client_page, name="Alex Chen", email="alex@example.test")
    client_page.get_by_role("link", name="My coach").click()
    client_page.get_by_label("Your coach's invite code").fill(code.lower().replace("-", " "))
    client_page.get_by_role("button", name="Link this coach").click()
    expect(client_page.get_by_test_id("current-coach")).to_have_text(re.compile("Layla Haddad"))

    # A setback (the incident pages are the lead's; the row is created directly), shared with "Share all".
    alex = User.objects.get(email="alex@example.test")
    make_incident(alex, title="Missed a counter-offer")
    client_page.reload()
    client_page.get_by_role("button", name="Share all", exact=True).click()
    expect(client_page.get_by_role("alert")).to_contain_text("Shared 1 setback with your coach")

    # The coach finds the case on the dashboard, comments and proposes a step.
    page.goto("/coach/")
    expect(page.get_by_test_id("active-clients")).to_have_text("1")
    page.screenshot(path=artifacts_dir / "coach-dashboard.png", full_page=True)
    page.get_by_role("link", name="Missed a counter-offer").click()
    expect(page.get_by_label("Comment for your client")).to_be_visible()  # the case has loaded
    case_url = page.url
    page.get_by_label("Comment for your client").fill("Talk to your manager before Friday.")
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_role("alert")).to_contain_text("Comment sent")
    page.get_by_label("Step to propose").fill("Set up an offer tracker")
    page.get_by_role("button", name="Propose step").click()
    expect(page.get_by_role("alert")).to_contain_text("Step proposed")
    page.screenshot(path=artifacts_dir / "coach-case-review.png", full_page=True)

    # The client sees the comment and the proposal, and accepts the step.
    client_page.goto("/coaching/")
    expect(client_page.get_by_text("Talk to your manager before Friday.")).to_be_visible()
    expect(client_page.get_by_text("Proposed by your coach")).to_be_visible()
    client_page.screenshot(path=artifacts_dir / "client-my-coach.png", full_page=True)
    client_page.get_by_role("button", name="Accept “Set up an offer tracker”").click()
    expect(client_page.get_by_role("alert")).to_contain_text("joined your plan")
    assert ActionStep.objects.get(title="Set up an offer tracker").proposal_state == "accepted"

    # The client ends the link, after confirming; the coach's case URL is now a 404.
    client_page.get_by_role("link", name="End coaching").click()
    client_page.get_by_role("button", name="Yes, end coaching").click()
    expect(client_page.get_by_role("alert")).to_contain_text("can no longer see")
    client_context.close()

    response = page.goto(case_url)
    assert response.status == 404
