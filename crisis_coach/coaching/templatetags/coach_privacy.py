"""Who else reads what the client writes for herself, for the wellbeing pages' "Only you see it"
sentences (wellbeing may not import coaching; its templates load these tags instead)."""

from django import template

from crisis_coach.coaching import selectors

register = template.Library()


@register.simple_tag
def coach_reading_thoughts(incident):
    """{% coach_reading_thoughts incident as coach %}: the coach who may read this case's thought
    records, or None. No query unless the case shares them, one then."""
    return selectors.coach_reading_thoughts(incident)


@register.simple_tag
def coach_seeing_check_ins(user):
    """{% coach_seeing_check_ins request.user as coach %}: the coach who sees the check-ins of the
    days of the cases shared with them, or None. One query."""
    return selectors.coach_seeing_check_ins(user)
