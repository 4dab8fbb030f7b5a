"""{% load dates %}: `{{ contact.last_contacted_on|ago }}` is the app's one relative date ("3 days ago",
crisis_coach/common/relative_dates.py), in a <time> that carries the exact day or moment as its
machine value and its title."""

import datetime

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html

from crisis_coach.common.relative_dates import relative

register = template.Library()


@register.filter
def ago(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
        exact = formats.date_format(value, "DATETIME_FORMAT")
    else:
        exact = formats.date_format(value, "DATE_FORMAT")
    return format_html('<time datetime="{}" title="{}">{}</time>', value.isoformat(), exact, relative(value))
