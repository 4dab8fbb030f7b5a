"""Discreet mode (on by default): a coach's comment or proposed step emails the client who acted and a
link, never a word of the case, not in the subject, the preview line or anywhere in the body. Off, the
email carries the detailed wording."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import strip_tags

from tests.tasks import run_pending_tasks

pytestmark = pytest.mark.django_db

COMMENT = "Talk to your manager about the missed counter-offer."
STEP = "Ask HR for the retention budget"
STEP_DETAIL = "Before the Friday review with Grace."


def post_comment(coach_client, case):
    response = coach_client.post(f"/coach/cases/{case.public_id}/comments/", {"body": COMMENT})
    assert response.status_code == 302


def post_proposal(coach_client, case):
    url = reverse("coach:step_propose", args=[case.public_id])
    data = {"title": STEP, "detail": STEP_DETAIL, "kind": "prevention", "due_on": ""}
    assert coach_client.post(url, data).status_code == 302


def the_email(client_user):
    assert run_pending_tasks() == 1
    [message] = mail.outbox
    assert message.to == [client_user.email]
    return message


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def preview_of_text(message) -> str:
    """What a mail app shows under the subject from the plain part: its first line with words."""
    return next(line for line in message.body.splitlines() if line.strip())


def preview_of_html(message) -> str:
    """The first paragraph's text, where a mail app's preview of the HTML part starts."""
    return strip_tags(re.search(r"<p[^>]*>(.*?)</p>", html_of(message), re.S).group(1)).strip()


def everything(message) -> str:
    return "\n".join([message.subject, message.body, html_of(message)])


def case_words(case, coach) -> list[str]:
    return [case.title, coach.display_name, COMMENT, STEP, STEP_DETAIL, "counter-offer", "Grace"]


def test_a_comment_email_says_only_that_the_coach_commented(coach_client, coach, client_user, shared_case):
    assert client_user.discreet_mode  # the default, for new accounts as for existing ones
    post_comment(coach_client, shared_case)
    message = the_email(client_user)

    assert message.subject == "Your coach commented"
    assert preview_of_text(message) == "Your coach commented on one of your setbacks."
    assert preview_of_html(message) == "Your coach commented on one of your setbacks."
    leaked = [word for word in case_words(shared_case, coach) if word in everything(message)]
    assert leaked == []
    case_url = f"http://testserver{reverse('incidents:detail', args=[shared_case.public_id])}"
    assert case_url in message.body and f'href="{case_url}"' in html_of(message)
    assert "Discreet mode is on" in message.body
    assert "/accounts/settings/" in html_of(message)  # where to turn it off


def test_a_proposal_email_says_only_that_the_coach_proposed_a_step(
    coach_client, coach, client_user, shared_case
):
    post_proposal(coach_client, shared_case)
    message = the_email(client_user)

    assert message.subject == "Your coach proposed a step"
    assert preview_of_text(message) == "Your coach proposed a step for one of your setbacks."
    assert preview_of_html(message) == "Your coach proposed a step for one of your setbacks."
    assert [word for word in case_words(shared_case, coach) if word in everything(message)] == []
    assert "It joins your plan only if you accept it." in message.body


def test_with_discreet_mode_off_the_emails_carry_the_details(
    coach_client, coach, client_user, discreet_off, shared_case
):
    post_comment(coach_client, shared_case)
    post_proposal(coach_client, shared_case)
    assert run_pending_tasks() == 2
    comment, proposal = sorted(mail.outbox, key=lambda message: "proposed" in message.subject)

    assert comment.subject == f"Casey Coach commented on “{shared_case.title}”"
    assert preview_of_text(comment) == "Hello Alex Client,"
    assert COMMENT in comment.body and COMMENT in html_of(comment)
    assert proposal.subject == f"Casey Coach proposed a step for “{shared_case.title}”"
    assert STEP in proposal.body and STEP_DETAIL in html_of(proposal)
    assert "Discreet mode" not in everything(comment) + everything(proposal)


def test_discreet_emails_are_in_the_clients_language(coach_client, client_user, shared_case):
    client_user.language = "zh-hant"
    client_user.save(update_fields=["language"])
    post_comment(coach_client, shared_case)
    message = the_email(client_user)
    assert message.subject == "你的教練留言了"
    assert preview_of_text(message) == "你的教練在你的一個危機事件留言了。"


def test_discreet_emails_in_arabic_run_right_to_left(coach_client, client_user, shared_case):
    client_user.language = "ar"
    client_user.save(update_fields=["language"])
    post_proposal(coach_client, shared_case)
    message = the_email(client_user)
    assert message.subject == "اقترح مدرّبك خطوة"
    assert 'dir="rtl"' in html_of(message)
    assert STEP not in everything(message)
