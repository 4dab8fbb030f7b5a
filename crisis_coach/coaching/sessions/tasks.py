"""The email telling the other side that a session changed, as a task (crisis_coach/common/tasks.py).

Rendered when the worker runs, in the recipient's language and time zone, through
reminders.notify_client: nothing for someone who chose "never", only who acted and a link in
discreet mode. Nothing either when the session, the recipient or the link between them is gone.
"""

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from crisis_coach.coaching.models import CoachingLink, CoachingSession
from crisis_coach.common import addressing
from crisis_coach.common.tasks import email_task
from crisis_coach.reminders import links
from crisis_coach.reminders.services import notify_client


@email_task
def send_session_email(*, session_id: int, recipient_id: int, change: str) -> bool:
    session = CoachingSession.objects.select_related("client", "coach").filter(pk=session_id).first()
    recipient = get_user_model().objects.filter(pk=recipient_id, is_active=True).first()
    if session is None or recipient is None or session.coach is None:
        return False
    if recipient.pk not in (session.client_id, session.coach_id):
        return False
    if not CoachingLink.objects.active().filter(client=session.client, coach=session.coach).exists():
        return False
    to_coach = recipient.pk == session.coach_id
    route = "coach:session_detail" if to_coach else "coaching:session_detail"
    context = {
        "session": session,
        "change": change,
        "to_coach": to_coach,
        "recipient": recipient,
        "other": session.client if to_coach else session.coach,
        "discreet": recipient.discreet_mode,
        "session_url": links.absolute(reverse(route, args=[session.public_id])),
        "account_settings_url": links.absolute(reverse("accounts:settings")),
    }
    with addressing.speaking_to(recipient), timezone.override(recipient.zone):
        context.update(addressing.email_context())
        subject = render_to_string("coaching/email/session_subject.txt", context).strip()
        text = render_to_string("coaching/email/session_body.txt", context)
        html = render_to_string("coaching/email/session_body.html", context)
    return notify_client(recipient, subject=subject, text_body=text, html_body=html)
