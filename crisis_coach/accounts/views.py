from allauth.account import views as allauth_views
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from crisis_coach.accounts.forms import SettingsForm, SupportAccessForm, WelcomeForm
from crisis_coach.accounts.models import describe_user_agent
from crisis_coach.accounts.selectors import (
    active_sessions_for,
    other_sessions_for,
    security_events_for,
    two_factor_enabled,
)
from crisis_coach.accounts.services import user_onboarded, user_session_end, user_sign_out_other_sessions
from crisis_coach.accounts.support import support_access_active, support_access_end, support_access_grant
from crisis_coach.common.addressing import addressed
from crisis_coach.common.pagination import paginate
from crisis_coach.common.redirects import safe_next


@login_required
def account_settings(request):
    form = SettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        translation.activate(user.language)
        messages.success(request, _("Your settings are saved."))
        response = redirect("accounts:settings")
        response.set_cookie("django_language", user.language, samesite="Lax")
        return response
    return render(request, "accounts/settings.html", {"form": form})


@login_required
def welcome(request):
    """The welcome's first step (after the first sign-in): language and time zone, or skip.

    Seen once: the person is onboarded as soon as it shows, so leaving half-way never brings it
    back. Then the coach's code (coaching:welcome), then the first setback."""
    user_onboarded(request.user)
    form = WelcomeForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        translation.activate(user.language)
        response = redirect("coaching:welcome")
        response.set_cookie("django_language", user.language, samesite="Lax")
        return response
    return render(request, "accounts/welcome.html", {"form": form, "step": 1})


@require_POST
def set_language(request):
    """Django's language switch, which also remembers the choice on a signed-in user."""
    language = request.POST.get("language", "")
    # Django's view would fall back to the Referer for a `next` it refuses: ours goes home instead.
    request.POST = request.POST.copy()
    request.POST["next"] = safe_next(request, "/")
    if request.user.is_authenticated and translation.check_for_language(language):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return django_set_language(request)


@login_required
def security(request):
    """Two-factor sign-in, the signed-in browsers and devices, and the user's own security events
    (sign-ins, failed sign-ins, changes), newest first."""
    page_obj = paginate(request, security_events_for(request.user))
    user_sessions = list(active_sessions_for(request.user))
    for user_session in user_sessions:
        user_session.browser = describe_user_agent(user_session.user_agent)
    context = {
        "page_obj": page_obj,
        "user_sessions": user_sessions,
        "current_session_key": request.session.session_key,
        "two_factor_on": two_factor_enabled(request.user),
        "support_access": support_access_active(request.user),
        "support_form": SupportAccessForm(),
    }
    return render(request, "accounts/security.html", context)


@login_required
@require_POST
def support_access_allow(request):
    """Open (or replace) the window in which support staff may read the user's content."""
    form = SupportAccessForm(request.POST)
    if form.is_valid():
        grant = support_access_grant(user=request.user, hours=form.cleaned_data["hours"], request=request)
        until = date_format(timezone.localtime(grant.expires_at), "DATETIME_FORMAT")
        message = _("Support staff may read your content until %(until)s.") % {"until": until}
        messages.success(request, message)
    else:
        messages.error(request, addressed("Choose how long support staff may read your content."))
    return redirect("accounts:security")


@login_required
@require_POST
def support_access_stop(request):
    """Close the window now; nothing to confirm, as ending it takes nothing away from the user."""
    if support_access_end(user=request.user, request=request):
        messages.success(request, _("Support access has ended. Staff can no longer read your content."))
    else:
        messages.info(request, _("Support access was already off."))
    return redirect("accounts:security")


@login_required
def session_end(request, session_id):
    """GET asks for confirmation; POST signs that one other browser or device out."""
    user_session = get_object_or_404(other_sessions_for(request), pk=session_id)
    if request.method == "POST":
        user_session_end(user_session=user_session, request=request)
        messages.success(request, _("That browser or device is now signed out."))
        return redirect("accounts:security")
    user_session.browser = describe_user_agent(user_session.user_agent)
    return render(request, "accounts/session_end.html", {"user_session": user_session})


@login_required
def sign_out_elsewhere(request):
    """GET asks for confirmation; POST ends every other session of the user."""
    if request.method == "POST":
        user_sign_out_other_sessions(user=request.user, request=request)
        messages.success(request, _("You are now signed out on every other browser and device."))
        return redirect("accounts:security")
    return render(request, "accounts/sign_out_elsewhere.html")


class LoginView(allauth_views.LoginView):
    """allauth's sign-in page, mounted at its own URL (crisis_coach/urls.py); while sign-ins to an
    account from this address are paused, it answers 429 Too Many Requests with the form's message."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if any(error.code == "too_many_login_attempts" for error in form.non_field_errors().as_data()):
            response.status_code = 429
        return response
