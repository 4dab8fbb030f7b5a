"""The sharing switch's filters (coaching/_share_switch.html): what a shared case shows its coach,
and the boxes the client ticks, both from coaching/rules.py. No query: they read the case's fields."""

from django import template

from crisis_coach.coaching import rules
from crisis_coach.coaching.forms import IncidentShareForm

register = template.Library()


@register.filter
def shared_sections(incident) -> str:
    """{{ incident|shared_sections }}: "the plan, the evidence log", what a shared case shows its coach."""
    return rules.sections_text(incident)


@register.filter
def share_choices(incident) -> list[tuple[str, str, bool]]:
    """The switch's checkboxes: (value, label, ticked now) for each section beyond the plan."""
    visible = rules.visible_sections(incident)
    return [
        (value, label, value in visible) for value, label in IncidentShareForm.base_fields["sections"].choices
    ]
