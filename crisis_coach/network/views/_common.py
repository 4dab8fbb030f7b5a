from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_back(request, fallback):
    """Back to the page a one-click button sat on (`next`), if it is ours; else to `fallback`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


def flag_overdue(commitments, today):
    """Evaluate Commitment.is_overdue once per row, for templates (which cannot pass `today`)."""
    commitments = list(commitments)
    for commitment in commitments:
        commitment.overdue = commitment.is_overdue(today)
    return commitments
