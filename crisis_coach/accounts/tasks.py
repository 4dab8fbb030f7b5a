"""Account emails, as a task (crisis_coach/common/tasks.py): the page only queues them."""

from django.core.mail import EmailMultiAlternatives

from crisis_coach.accounts.models import QueuedEmail
from crisis_coach.common.tasks import email_task


@email_task
def send_queued_email(*, email_id: int) -> bool:
    """Send an account email that allauth's adapter rendered (accounts/adapter.py), then forget it.

    Nothing when the row is gone: the account was deleted meanwhile, or an earlier attempt sent it.
    """
    queued = QueuedEmail.objects.filter(pk=email_id).first()
    if queued is None:
        return False
    message = EmailMultiAlternatives(subject=queued.subject, body=queued.body, to=[queued.to])
    if queued.html:
        message.attach_alternative(queued.html, "text/html")
    message.send()
    queued.delete()
    return True
