"""A small fixed-window rate limit on Django's cache, shared by every web process.

The cache is the database (settings.CACHES), so the count holds across stateless processes and
restarts. Typical use, counting only the attempts that failed:

    key = f"invite-code:{request.user.pk}"
    if ratelimit.exceeded(key, limit=10):
        form.add_error(None, _("Too many attempts, try again later."))
    elif not code_is_right:
        ratelimit.hit(key, limit=10, window_seconds=3600)
"""

import time

from django.core.cache import cache

PREFIX = "ratelimit:"


def hit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt under `key`; True while the attempts in this window are within `limit`.

    The window starts at the first attempt and lasts `window_seconds`. Two processes counting at the
    same instant may each miss the other's attempt; for limits of a few per hour that is harmless.
    """
    cache_key = PREFIX + key
    now = _now()
    count, until = cache.get(cache_key) or (0, 0.0)
    if until <= now:
        count, until = 0, now + window_seconds
    count += 1
    # cache.incr() would reset the expiry to the cache's default, so the window's end is stored too.
    cache.set(cache_key, (count, until), timeout=max(1, round(until - now)))
    return count <= limit


def exceeded(key: str, limit: int) -> bool:
    """True when `key` has used up its attempts in the current window (does not count one)."""
    count, until = cache.get(PREFIX + key) or (0, 0.0)
    return until > _now() and count >= limit


def clear(key: str) -> None:
    """Forget the attempts under `key`, e.g. after a success or when staff lift a limit."""
    cache.delete(PREFIX + key)


def _now() -> float:
    return time.time()
