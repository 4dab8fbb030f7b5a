"""Access checks for the coach's pages, as decorators (in the style of Django's user_passes_test)."""

from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from crisis_coach.accounts.selectors import two_factor_enabled


def coach_required(view_func):
    """The coach's pages (/coach/) do not exist for people who are not coaches: 404, not 403, so they
    reveal nothing. Goes under @login_required (whose redirect to the login page comes first) and
    under @require_POST (a GET still answers 405 before anything is looked up).

    A coach's account opens many clients' cases, so a password alone never shows one: until the
    coach turns two-factor sign-in on, every coach page sends them to set it up.
    """

    @wraps(view_func)
    def _wrapped_view(request, *args, **kwargs):
        if not request.user.is_coach:
            raise Http404("coach pages are for coaches")
        return two_factor_set_up_first(request) or view_func(request, *args, **kwargs)

    return _wrapped_view


def two_factor_set_up_first(request) -> HttpResponse | None:
    """For a coach without two-factor sign-in, the way to its set-up page instead of a client's case;
    None once it is on. Every page that shows a coach a client's case asks this first."""
    if two_factor_enabled(request.user):
        return None
    messages.warning(
        request,
        _(
            "Turn on two-factor sign-in to see your clients' cases. It takes a minute with an "
            "authenticator app or a passkey."
        ),
    )
    return redirect("mfa_index")
