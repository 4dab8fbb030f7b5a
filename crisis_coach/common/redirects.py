"""The one check of a `next` URL that a form or a link carries back to the page it sat on."""

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback: str = "", *, within: str = "") -> str:
    """The `next` of the POST (or else of the query string) if it is a path on this site, else `fallback`.

    Only a path that starts with "/" is taken: redirect() would try any other string as a view name
    and fail with a 500. "//evil.example" and "/\\evil.example" start with "/" too, and are other
    hosts to a browser: Django's url_has_allowed_host_and_scheme turns those away. With `within`
    (e.g. "/today/"), only a path under that prefix is a way back.
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and target.startswith(within)
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return fallback


def redirect_back(request, fallback: str, *args):
    """Back to the page the form or button sat on (`next`) if it is ours; else to `fallback`, a URL or
    a view name reversed with `args`."""
    return redirect(safe_next(request) or fallback, *args)
