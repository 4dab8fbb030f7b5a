"""Access checks for the coach's pages, as decorators (in the style of Django's user_passes_test)."""

from functools import wraps

from django.http import Http404


def coach_required(view_func):
    """The coach's pages (/coach/) do not exist for people who are not coaches: 404, not 403, so they
    reveal nothing. Goes under @login_required (whose redirect to the login page comes first) and
    under @require_POST (a GET still answers 405 before anything is looked up)."""

    @wraps(view_func)
    def _wrapped_view(request, *args, **kwargs):
        if not request.user.is_coach:
            raise Http404("coach pages are for coaches")
        return view_func(request, *args, **kwargs)

    return _wrapped_view
