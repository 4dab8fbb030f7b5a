"""The password reset email, as a task (crisis_coach/common/tasks.py): the reset page only queues it."""

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from crisis_coach.accounts.models import User
from crisis_coach.common.tasks import email_task


@email_task
def send_password_reset_email(*, user_id: int, domain: str, protocol: str, language: str) -> bool:
    """Email the link that sets a new password, in the language of the page that asked for it.

    The token is made when the email goes, so none waits in the queue (and the link lasts its full
    PASSWORD_RESET_TIMEOUT from then). Nothing for an account that is gone, inactive or without a
    usable password, the rule of Django's form.
    """
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        return False
    context = {
        "user": user,
        "domain": domain,
        "protocol": protocol,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    with translation.override(language):
        subject = render_to_string("accounts/email/password_reset_subject.txt", context)
        body = render_to_string("accounts/email/password_reset.txt", context)
    EmailMessage(subject="".join(subject.splitlines()), body=body, to=[user.email]).send()
    return True
