"""{% submission_token %}: the double-submit guard's hidden input for a form without a Form class
(a one-click button); see crisis_coach/common/submissions.py."""

from django import template
from django.utils.html import format_html

from crisis_coach.common.submissions import FIELD, new_token

register = template.Library()


@register.simple_tag
def submission_token():
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
