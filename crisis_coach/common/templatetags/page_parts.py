"""{% page_part "name" part %} … {% endpage_part %}: a page part cached under its data's version
(common/page_cache.py), with holes for what must be new on every request.

`part` is a page_cache.Part. On a miss the part's values (`part.build()`) are added to the context
and its HTML is rendered with a hole where the CSRF token and each submission token go; the holes
are filled on every request, from the cache or not. A hole is a tag with a secret of this process
(the cache is this process's memory): escaped text never holds a `<`, so nothing a person typed can
be taken for one.
"""

import re
import secrets

from django import template
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe

from crisis_coach.common import page_cache
from crisis_coach.common.submissions import FIELD, new_token

register = template.Library()

_SECRET = secrets.token_hex(8)
CSRF_HOLE = mark_safe(f"<csrf-hole-{_SECRET}>")
SUBMISSION_HOLE = f"<submission-hole-{_SECRET}>"
_SUBMISSION_HOLES = re.compile(re.escape(SUBMISSION_HOLE))
# The submission field as Django's HiddenInput and {% submission_token %} write it, under any prefix.
_SUBMISSION = re.compile(rf'(name="(?:[\w-]+-)?{FIELD}" value=")[A-Za-z0-9_-]{{16,64}}(")')


class PagePartNode(template.Node):
    def __init__(self, name: str, part: template.base.FilterExpression, nodelist):
        self.name, self.part, self.nodelist = name, part, nodelist

    def render(self, context):
        request, part = context.request, self.part.resolve(context)
        if not part.key or request.method not in ("GET", "HEAD"):
            with context.push(part.build()):
                return self.nodelist.render(context)
        fragments = caches["template_fragments"]
        cache_key = make_template_fragment_key(self.name, [part.key])
        html = fragments.get(cache_key)
        if html is None:
            with context.push(part.build(), csrf_token=CSRF_HOLE):
                html = _SUBMISSION.sub(rf"\g<1>{SUBMISSION_HOLE}\g<2>", self.nodelist.render(context))
            fragments.set(cache_key, html, page_cache.SECONDS)
        return mark_safe(filled(html, request))


def filled(html: str, request) -> str:
    if CSRF_HOLE in html:
        html = html.replace(CSRF_HOLE, get_token(request))
    if SUBMISSION_HOLE in html:
        html = _SUBMISSION_HOLES.sub(lambda _: new_token(), html)  # a token of its own for each form
    return html


@register.tag
def page_part(parser, token):
    try:
        _, name, part = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError('{% page_part "name" part %} takes a name and a part') from None
    nodelist = parser.parse(("endpage_part",))
    parser.delete_first_token()
    return PagePartNode(name.strip("\"'"), parser.compile_filter(part), nodelist)
