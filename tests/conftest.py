from datetime import datetime

import pytest
import time_machine
from django.test import override_settings

from tests.clock import DATE_MATRIX, ORDINARY_MOMENT, Moment
from tests.factories import make_user

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_addoption(parser):
    group = parser.getgroup("clock", "the test clock (tests/clock.py)")
    group.addoption(
        "--date-matrix",
        action="store_true",
        help="run each @pytest.mark.dates test once at every moment of tests/clock.py's DATE_MATRIX",
    )
    group.addoption(
        "--clock",
        metavar="ISO-8601",
        type=datetime.fromisoformat,
        help="start every test at this moment instead of the ordinary one, e.g. 2027-01-01T00:30+00:00",
    )


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    # pytest-randomly prints its seed in the header, which scrolls away; a failure repeats it at the end.
    seed = getattr(config.option, "randomly_seed", None)
    if exitstatus != 0 and isinstance(seed, int):
        terminalreporter.write_line(
            f"Tests ran in random order; replay it: make test PYTEST_ARGS=--randomly-seed={seed}"
        )


def pytest_generate_tests(metafunc):
    if metafunc.config.getoption("date_matrix") and metafunc.definition.get_closest_marker("dates"):
        metafunc.parametrize(
            "clock_moment", list(DATE_MATRIX.values()), ids=list(DATE_MATRIX), indirect=True, scope="function"
        )


@pytest.fixture
def clock_moment(request) -> Moment:
    """Where this test starts: a matrix moment, the --clock moment, or the ordinary one."""
    if hasattr(request, "param"):
        return request.param
    if at := request.config.getoption("clock"):
        return Moment(at)
    return ORDINARY_MOMENT


@pytest.fixture(autouse=True)
def clock(clock_moment):
    """Every test runs on a set clock that ticks on from `clock_moment`, in every thread (live server too).

    `clock.shift(timedelta(days=1))` or `clock.move_to(...)` moves it within a test.
    """
    with time_machine.travel(clock_moment.at, tick=True) as traveller:
        yield traveller


@pytest.fixture
def user_zone(clock_moment) -> str:
    """The time zone of the people the fixtures below make: UTC, or the matrix moment's."""
    return clock_moment.zone


@pytest.fixture(autouse=True, scope="session")
def _plain_static_storage():
    # Production serves hashed static names from `collectstatic`; tests read files straight from the finders.
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        yield


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    # Argon2 takes ~0.5 s per hash by design; with it the suite (which creates hundreds of users) ran
    # ~70 s instead of ~30 s without browser tests. tests/accounts/test_passwords.py checks the real list.
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


@pytest.fixture
def client_user(db, user_zone):
    """A person who logs setbacks (the product's 'client', not Django's test client)."""
    return make_user(display_name="Alex Client", time_zone=user_zone)


@pytest.fixture
def coach(db, user_zone):
    return make_user(display_name="Casey Coach", is_coach=True, time_zone=user_zone)


@pytest.fixture
def stranger(db, user_zone):
    return make_user(display_name="Sid Stranger", time_zone=user_zone)


@pytest.fixture
def discreet_off(client_user):
    """client_user turned discreet mode off: emails and the calendar feed carry the case's words."""
    client_user.discreet_mode = False
    client_user.save(update_fields=["discreet_mode"])
    return client_user


@pytest.fixture
def logged_in(client, client_user):
    client.force_login(client_user)
    return client


@pytest.fixture(autouse=True)
def _fresh_rate_limits(request):
    """allauth's rate limits count in the cache, a database table that no test flush empties. A test
    whose writes commit (the browser tests, django_db(transaction=True)) would leave its counts to
    the next: a second sign-up with the same address within 3 minutes would send no email."""
    yield
    marker = request.node.get_closest_marker("django_db")
    committed = "live_server" in request.fixturenames or "transactional_db" in request.fixturenames
    if committed or (marker and marker.kwargs.get("transaction")):
        from django.core.cache import cache

        cache.clear()


@pytest.fixture(autouse=True)
def _reset_language():
    # A request as a zh-hant or ar user activates that language in this thread (the preferences
    # middleware); without this reset it would leak into whichever test runs next in the worker.
    yield
    from django.utils import timezone, translation

    translation.activate("en")
    timezone.deactivate()
