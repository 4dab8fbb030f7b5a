from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from crisis_coach.accounts.forms import SettingsForm, SignUpForm
from crisis_coach.accounts.models import SecurityEvent
from crisis_coach.accounts.selectors import security_events_for
from crisis_coach.accounts.services import record_security_event, user_sign_out_other_sessions, user_sign_up
from crisis_coach.common.pagination import paginate
from crisis_coach.common.redirects import safe_next


def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = user_sign_up(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            display_name=form.cleaned_data["display_name"],
            is_coach=form.cleaned_data["is_coach"],
            language=translation.get_language() or "en",
            time_zone=form.cleaned_data["time_zone"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Welcome, %(name)s. Your account is ready.") % {"name": user.display_name}
        )
        return redirect("home")
    return render(request, "accounts/signup.html", {"form": form})


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
    """The user's own sign-ins, failed sign-ins and other security events, newest first."""
    page_obj = paginate(request, security_events_for(request.user))
    return render(request, "accounts/security.html", {"page_obj": page_obj})


@login_required
def sign_out_elsewhere(request):
    """GET asks for confirmation; POST ends every other session of the user."""
    if request.method == "POST":
        user_sign_out_other_sessions(user=request.user, request=request)
        messages.success(request, _("You are now signed out on every other browser and device."))
        return redirect("accounts:security")
    return render(request, "accounts/sign_out_elsewhere.html")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        record_security_event(user=form.user, kind=SecurityEvent.Kind.PASSWORD_CHANGED, request=self.request)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        record_security_event(user=form.user, kind=SecurityEvent.Kind.PASSWORD_RESET, request=self.request)
        return response


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer while an address is locked out (AXES_LOCKOUT_CALLABLE): our page, 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/lockout.html", {"minutes": minutes}, status=429)
