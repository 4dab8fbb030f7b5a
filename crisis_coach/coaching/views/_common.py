from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request) -> str:
    """The `next` the form carried (the page it was on), or "" if it points off-site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return ""


def redirect_back(request, default: str, *args):
    """Return to the page the form was on (the incident page or /coaching/), never off-site."""
    return redirect(safe_next(request) or default, *args)
