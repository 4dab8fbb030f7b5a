"""A cached page part ({% page_part %}, common/templatetags/page_parts.py) keeps no per-request token:
every request gets a CSRF token of its own session and a submission token never posted before."""

import re

from django.middleware.csrf import _unmask_cipher_token
from django.template import engines
from django.test import RequestFactory

from crisis_coach.common import page_cache

TEMPLATE = engines["django"].from_string(
    "{% load page_parts submissions %}{% page_part 'tokens' part %}"
    "<form method='post'>{% csrf_token %}{% submission_token %}{{ words }}</form>{% endpage_part %}"
)


def render(request, words: str) -> str:
    request.user = type("Person", (), {"pk": 1, "address_as": "neutral"})()
    part = page_cache.part(request, 7, lambda: {"words": words})
    return TEMPLATE.render({"part": part}, request)


def tokens(html: str) -> tuple[str, str]:
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    submission = re.search(r'name="submission" value="([^"]+)"', html).group(1)
    return csrf, submission


def test_a_hit_fills_fresh_tokens_into_the_cached_html():
    factory = RequestFactory()
    first = factory.get("/part")
    html = render(first, "cached words")
    second = factory.get("/part")
    again = render(second, "words a hit never builds")
    assert "cached words" in again  # served from the cache
    assert "hole" not in again
    (_, submission_1), (csrf_2, submission_2) = tokens(html), tokens(again)
    assert submission_1 != submission_2
    assert _unmask_cipher_token(csrf_2) == second.META["CSRF_COOKIE"]  # this request's own secret


def test_a_post_renders_the_part_uncached():
    factory = RequestFactory()
    render(factory.get("/part"), "cached words")
    assert "what was typed" in render(factory.post("/part"), "what was typed")


def test_a_part_of_another_address_is_its_own():
    factory = RequestFactory()
    render(factory.get("/case/1/part"), "words of the first case")
    assert "words of the second case" in render(factory.get("/case/2/part"), "words of the second case")
