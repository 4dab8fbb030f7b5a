from crisis_coach.common import addressing


def addressing_context(request):
    """`you`, the pgettext context of the reader's forms, for `{% translate "…" context you %}`."""
    return {"you": addressing.you()}
