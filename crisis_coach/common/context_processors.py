from crisis_coach.common import addressing


def addressing_context(request):
    """`you`, the pgettext context of the reader's forms, for `{% translate "…" context you %}`."""
    return {"you": addressing.you()}


def theme_context(request):
    """`theme`, the <html>'s `data-bs-theme`: the person's choice, or the device's for everyone else."""
    user = getattr(request, "user", None)
    return {"theme": getattr(user, "theme", "auto") if user is not None and user.is_authenticated else "auto"}
