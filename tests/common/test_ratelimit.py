import pytest

from crisis_coach.common import ratelimit

pytestmark = pytest.mark.django_db


def test_attempts_within_the_limit_pass_and_the_next_one_does_not():
    results = [ratelimit.hit("invite:1", limit=3, window_seconds=3600) for _ in range(4)]
    assert results == [True, True, True, False]
    assert ratelimit.exceeded("invite:1", limit=3)


def test_keys_are_counted_apart():
    for _ in range(3):
        ratelimit.hit("invite:1", limit=3, window_seconds=3600)
    assert not ratelimit.exceeded("invite:2", limit=3)
    assert ratelimit.hit("invite:2", limit=3, window_seconds=3600)


def test_exceeded_does_not_count_an_attempt():
    for _ in range(5):
        assert not ratelimit.exceeded("invite:1", limit=1)
    assert ratelimit.hit("invite:1", limit=1, window_seconds=60)


def test_the_window_ends_and_counting_starts_again(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit, "_now", lambda: now[0])
    for _ in range(3):
        ratelimit.hit("invite:1", limit=2, window_seconds=3600)
    assert ratelimit.exceeded("invite:1", limit=2)

    now[0] += 3599
    assert ratelimit.exceeded("invite:1", limit=2)  # the window is not extended by attempts
    now[0] += 2
    assert not ratelimit.exceeded("invite:1", limit=2)
    assert ratelimit.hit("invite:1", limit=2, window_seconds=3600)


def test_clear_forgets_the_attempts():
    for _ in range(3):
        ratelimit.hit("invite:1", limit=2, window_seconds=3600)
    ratelimit.clear("invite:1")
    assert not ratelimit.exceeded("invite:1", limit=2)


def test_the_count_is_shared_through_the_database_cache():
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection

    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    ratelimit.hit("invite:1", limit=2, window_seconds=3600)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM crisis_coach_cache")
        assert cursor.fetchone()[0] == 1
    assert caches["default"].get("ratelimit:invite:1")[0] == 1
