"""{% row_url %}: Django's {% url %} for links repeated on every row of a list.

reverse() is not free (its cost: bench/RESULTS.md), and a list of 25 contacts or 10 plan steps
reverses a few URLs per row.
For a route whose arguments are all UUIDs (our public ids), {% row_url %} reverses it once with
placeholder UUIDs and fills each row's ids into that string. Same syntax and same result as {% url %}
(tests/common/test_row_urls.py checks every such route); any other arguments go through reverse().
"""

import uuid

from django import template
from django.template.defaulttags import URLNode, url
from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = template.Library()

PLACEHOLDERS = [uuid.UUID(int=n) for n in range(1, 4)]
# (resolver, script prefix, language, current app, view name, argument count) -> the URL with
# placeholders. The language is in the key so translated paths would stay right if ever added.
_reversed: dict[tuple, str] = {}


def row_reverse(view_name: str, args: list, current_app: str | None = None) -> str:
    if not 0 < len(args) <= len(PLACEHOLDERS) or not all(isinstance(arg, uuid.UUID) for arg in args):
        return reverse(view_name, args=args, current_app=current_app)
    key = (
        get_resolver(get_urlconf()),
        get_script_prefix(),
        get_language(),
        current_app,
        view_name,
        len(args),
    )
    pattern = _reversed.get(key)
    if pattern is None:
        pattern = _reversed[key] = reverse(view_name, args=PLACEHOLDERS[: len(args)], current_app=current_app)
    for placeholder, arg in zip(PLACEHOLDERS, args, strict=False):
        pattern = pattern.replace(str(placeholder), str(arg))
    return pattern


class RowURLNode(URLNode):
    def render(self, context):
        if self.kwargs:
            return super().render(context)
        args = [arg.resolve(context) for arg in self.args]
        view_name = self.view_name.resolve(context)
        try:  # as {% url %} finds it
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        try:
            found = row_reverse(view_name, args, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
            found = ""
        if self.asvar:
            context[self.asvar] = found
            return ""
        return conditional_escape(found) if context.autoescape else found


@register.tag
def row_url(parser, token):
    node = url(parser, token)
    return RowURLNode(node.view_name, node.args, node.kwargs, node.asvar)
