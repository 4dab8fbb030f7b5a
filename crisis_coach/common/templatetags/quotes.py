"""{% load quotes %}: `{{ text|quoted }}` puts user text in the language's quotation marks once;
`{% blocktranslate with title=step.title|unquoted %}…“{{ title }}”…` strips marks the text brings."""

from django import template

from crisis_coach.common import quotes

register = template.Library()


@register.filter
def quoted(text) -> str:
    return quotes.quoted(str(text or ""))


@register.filter
def unquoted(text) -> str:
    return quotes.unquoted(str(text or ""))
