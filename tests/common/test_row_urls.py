"""{% row_url %} gives the same URL as {% url %} and reverse(), for every route."""

import uuid

from django.template import engines
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import UUIDConverter

from crisis_coach.common.templatetags.row_urls import row_reverse


def uuid_routes(resolver=None, namespace="", outer=()):
    """(view name, number of arguments) of every named route whose arguments are all UUIDs.

    An included URLconf's prefix counts too: the evidence log's routes sit under
    incidents/<uuid:public_id>/evidence/, so an entry's page takes two ids, the case's and its own.
    """
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from uuid_routes(entry, inner, (*outer, *entry.pattern.converters.values()))
        elif isinstance(entry, URLPattern) and entry.name:
            converters = [*outer, *entry.pattern.converters.values()]
            if converters and all(isinstance(c, UUIDConverter) for c in converters):
                yield f"{namespace}{entry.name}", len(converters)


def test_every_route_with_uuid_arguments_reverses_the_same():
    routes = list(uuid_routes())
    assert len(routes) > 20  # incidents, network, coaching, insights…
    for view_name, count in routes:
        args = [uuid.uuid4() for _ in range(count)]
        assert row_reverse(view_name, args) == reverse(view_name, args=args), view_name
        again = [uuid.uuid4() for _ in range(count)]  # the second call fills the cached pattern
        assert row_reverse(view_name, again) == reverse(view_name, args=again), view_name


def test_the_tag_works_like_url_with_and_without_as():
    template = engines["django"].from_string(
        "{% load row_urls %}{% row_url 'network:contact_detail' pid %}|"
        "{% row_url 'network:touch_log' pid as touch %}{{ touch }}|{% row_url 'network:contacts' %}"
    )
    pid = uuid.uuid4()
    expected = "|".join(
        [
            reverse("network:contact_detail", args=[pid]),
            reverse("network:touch_log", args=[pid]),
            reverse("network:contacts"),
        ]
    )
    assert template.render({"pid": pid}) == expected
