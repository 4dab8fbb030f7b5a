from django.utils.functional import lazy

from crisis_coach.common import addressing, palette


def addressing_context(request):
    """`you`, the pgettext context of the reader's forms, for `{% translate "…" context you %}`."""
    return {"you": addressing.you()}


def theme_context(request):
    """`theme`, the <html>'s `data-bs-theme`: the person's choice, or the device's for everyone else;
    `palette`, the colours a browser paints around the page (crisis_coach/common/palette.py).

    Lazy: the error pages (templates/_standalone.html) render while the database is down, and never
    ask, so the session behind request.user is not read for them."""

    def theme() -> str:
        user = getattr(request, "user", None)
        return user.theme if user is not None and user.is_authenticated else "auto"

    return {"theme": lazy(theme, str)(), "palette": palette}
