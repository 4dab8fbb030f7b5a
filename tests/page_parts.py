"""Helpers for pages whose content is a cached part ({% page_part %}, common/page_cache.py)."""

from django.core.cache import caches


def forget_cached_parts() -> None:
    """The next load of any page builds its parts again: the load a query count pins, since a part
    served from the cache reads none of its values."""
    caches["template_fragments"].clear()


def part_values(response) -> dict:
    """The values the page's part is built from (its Part.build, called again), for a test to read."""
    return response.context["part"].build()
