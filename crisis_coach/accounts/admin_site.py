"""The admin opens only to staff who signed in through the app's sign-in (with its rate limits) and
have two-factor sign-in on: a staff password alone opens no one's data."""

from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, resolve_url
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from crisis_coach.accounts.selectors import two_factor_enabled
from crisis_coach.common.redirects import safe_next


class TwoFactorAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and two_factor_enabled(request.user)

    def login(self, request, extra_context=None):
        """Never the admin's own password form, which would skip the second factor: the app's sign-in."""
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or resolve_url("admin:index")
        if not request.user.is_authenticated:
            return redirect(f"{resolve_url('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")
        if self.has_permission(request):
            return redirect(safe_next(request, resolve_url("admin:index")))
        if request.user.is_staff:
            messages.warning(request, _("Turn on two-factor sign-in to open the admin."))
            return redirect("mfa_index")
        raise PermissionDenied
