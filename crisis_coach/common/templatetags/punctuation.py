"""The language's own colon and list separators in templates (crisis_coach/common/punctuation.py)."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from crisis_coach.common import punctuation

register = template.Library()


@register.simple_tag
def label_value(label, value):
    """{% label_value label value %}: "Risk: high", "風險：高"; label and value are escaped."""
    return mark_safe(punctuation.label_value(conditional_escape(label), conditional_escape(value)))


@register.simple_tag
def label_separator():
    """{% label_separator %}: the colon (and space, if the language puts one) after a label."""
    return punctuation.label_separator()


@register.filter(needs_autoescape=True)
def items_joined(items, autoescape=True):
    """{{ list|items_joined }}: "a; b" in English, "a；b" in Chinese, "a؛ b" in Arabic."""
    escape = conditional_escape if autoescape else str
    return mark_safe(punctuation.items_joined(escape(item) for item in items))
