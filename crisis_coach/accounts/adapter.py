"""How django-allauth fits this app: who a new account is, how its emails leave, how sign-ins are counted."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext

from crisis_coach.accounts.services import account_email_queue, account_opened, sign_in_blocked
from crisis_coach.common.client_ip import client_ip


def _sign_in_paused_message() -> str:
    """The lockout's message in the reader's language, with the pause's length from settings."""
    minutes = int(settings.SIGN_IN_PAUSE.total_seconds() // 60)
    return ngettext(
        "Too many failed sign-ins for this account from here. To protect it, signing in to it from "
        "this address is paused for %(minutes)d minute; other accounts are not affected. If you have "
        "forgotten your password, you can choose a new one by email.",
        "Too many failed sign-ins for this account from here. To protect it, signing in to it from "
        "this address is paused for %(minutes)d minutes; other accounts are not affected. If you have "
        "forgotten your password, you can choose a new one by email.",
        minutes,
    ) % {"minutes": minutes}


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": lazy(_sign_in_paused_message, str)(),
    }

    def save_user(self, request, user, form, commit=True):
        """allauth fills the address and the password; the rest of the sign-up form is ours."""
        user = super().save_user(request, user, form, commit=False)
        details = form.cleaned_data
        user.display_name = details["display_name"]
        user.time_zone = details["time_zone"]
        user.language = translation.get_language() or settings.LANGUAGE_CODE
        # A client who signs up here is welcomed first (get_login_redirect_url); a coach starts on
        # the dashboard, whose first card is their invite code.
        user.onboarded_at = None if not details["is_coach"] else user.onboarded_at
        if commit:
            user.save()
            account_opened(user=user, is_coach=details["is_coach"])
        return user

    def get_login_redirect_url(self, request):
        """After the first sign-in (the one the email's link opens), the welcome steps; then home."""
        if request.user.is_authenticated and request.user.onboarded_at is None:
            return reverse("accounts:welcome")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        # allauth's sign-in on verifying the address counts as the end of the sign-up.
        if request.user.is_authenticated:
            return self.get_login_redirect_url(request)
        return super().get_signup_redirect_url(request)

    def send_mail(self, template_prefix, email, context):
        """Every allauth email is rendered now, in the page's language, and sent by the task worker: a
        failing mail server never breaks sign-up or a reset, and the worker retries it."""
        # allauth's emails greet from and sign with the site's name: ours, not the Sites framework's.
        # The page's request, as allauth's own send_mail takes it; a notice sent once the page's
        # transaction commits may come after it, and then SITE_URL names the site.
        request = allauth_context.request or self.request
        domain = request.get_host() if request else urlsplit(settings.SITE_URL).netloc
        site = SimpleNamespace(name=gettext("Crisis Coach"), domain=domain)
        message = self.render_mail(
            template_prefix, email, {"email": email, "current_site": site, "request": request, **context}
        )
        account_email_queue(message=message, user=getattr(self, "_notified_user", None))

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        # The notice is about `user`'s account even when it goes to an address no longer theirs (the
        # old one, after a change): send_mail queues it for them, not for the address's owner.
        self._notified_user = user
        try:
            super().send_notification_mail(template_prefix, user, context=context, email=email)
        finally:
            del self._notified_user

    def get_client_ip(self, request):
        # The address our proxies vouch for (TRUSTED_PROXY_COUNT), as everywhere else in the app.
        return client_ip(request) or super().get_client_ip(request)

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            sign_in_blocked(request=request, email=credentials.get("email"))
            raise

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Failed sign-ins count per account *and* client address: a stranger's failures, or a
        colleague's behind the same office NAT, never lock the owner out from where they are. The
        address-wide limit (ACCOUNT_RATE_LIMITS "…/ip") is separate and much higher."""
        account_key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account_key}:{self.get_client_ip(request)}"
