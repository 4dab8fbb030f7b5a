"""The emails a coach's action sends the client, as tasks (crisis_coach/common/tasks.py).

Queued by coaching.services with ids; rendered and sent by the worker in the client's language,
through reminders.notify_client, which sends nothing to someone who chose "never".
"""

from django.template.loader import render_to_string
from django.urls import reverse

from crisis_coach.coaching.models import CoachComment, CoachingLink
from crisis_coach.common import addressing
from crisis_coach.common.tasks import email_task
from crisis_coach.incidents.models import ActionStep, ProposalState
from crisis_coach.reminders import links
from crisis_coach.reminders.services import notify_client


def _notify(*, client, template: str, context: dict) -> bool:
    # Discreet mode: the subject and the whole body say who acted ("Your coach commented") and link
    # to the app, nothing of the case, not even the coach's name. A preview is as long as the
    # client makes it, and a work mailbox keeps what it receives; the case is one sign-in away.
    context = {
        **context,
        "discreet": client.discreet_mode,
        "account_settings_url": links.absolute(reverse("accounts:settings")),
    }
    with addressing.speaking_to(client):
        context.update(addressing.email_context())
        subject = render_to_string(f"coaching/email/{template}_subject.txt", context).strip()
        text = render_to_string(f"coaching/email/{template}_body.txt", context)
        html = render_to_string(f"coaching/email/{template}_body.html", context)
    return notify_client(client, subject=subject, text_body=text, html_body=html)


@email_task
def send_comment_email(*, comment_id: int, case_url: str) -> bool:
    """Email the client a coach's comment. Nothing when the comment (or an account) is gone."""
    comment = CoachComment.objects.select_related("incident__owner", "author").filter(pk=comment_id).first()
    if comment is None:
        return False
    client = comment.incident.owner
    context = {"comment": comment, "client": client, "coach": comment.author, "case_url": case_url}
    return _notify(client=client, template="comment", context=context)


@email_task
def send_proposal_email(*, step_id: int, case_url: str) -> bool:
    """Email the client a step their coach proposed. Nothing when the step or an account is gone, or
    when the client already answered it (the mail server may have been down for hours)."""
    step = (
        ActionStep.objects.select_related("incident__owner", "proposed_by")
        .filter(pk=step_id, proposed_by__isnull=False, proposal_state=ProposalState.PENDING)
        .first()
    )
    if step is None:
        return False
    client = step.incident.owner
    context = {"step": step, "client": client, "coach": step.proposed_by, "case_url": case_url}
    return _notify(client=client, template="proposal", context=context)


@email_task
def send_hard_time_email(*, link_id: int) -> bool:
    """Tell a coach that their client pressed "I'm having a hard time" on the support panel. Nothing
    when the link ended meanwhile. Through notify_client, so a coach who chose "never" gets none; in
    the coach's language. It names the client, never what they wrote, and in the coach's discreet mode
    not even that (a work mailbox keeps what it receives)."""
    link = CoachingLink.objects.active().select_related("client", "coach").filter(pk=link_id).first()
    if link is None:
        return False
    coach = link.coach
    context = {
        "client": link.client,
        "coach": coach,
        "discreet": coach.discreet_mode,
        "clients_url": links.absolute(reverse("coach:clients")),
        "account_settings_url": links.absolute(reverse("accounts:settings")),
    }
    with addressing.speaking_to(coach):
        context.update(addressing.email_context())
        subject = render_to_string("coaching/email/hard_time_subject.txt", context).strip()
        text = render_to_string("coaching/email/hard_time_body.txt", context)
        html = render_to_string("coaching/email/hard_time_body.html", context)
    return notify_client(coach, subject=subject, text_body=text, html_body=html)
