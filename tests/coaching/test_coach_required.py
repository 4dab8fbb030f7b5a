"""@coach_required: every page under /coach/ is a 404 for a signed-in person who is not a coach, and
sends a coach without two-factor sign-in to set it up."""

import uuid

import pytest
from django.urls import URLPattern, get_resolver, reverse

from crisis_coach.coaching.decorators import coach_required
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _patterns(entries, groups: int = 0):
    """Each URLPattern under `entries`, with how many ids its whole path takes (includes too)."""
    for entry in entries:
        taken = groups + len(entry.pattern.regex.groupindex)
        if isinstance(entry, URLPattern):
            yield entry, taken
        else:  # an include() of more coach pages (sessions, playbooks)
            assert not entry.namespace, entry
            yield from _patterns(entry.url_patterns, taken)


def coach_urls():
    """Every pattern of the coach: namespace, with a made-up id where the path takes one."""
    (resolver,) = [e for e in get_resolver().url_patterns if getattr(e, "namespace", "") == "coach"]
    for pattern, ids in _patterns(resolver.url_patterns):
        yield reverse(f"coach:{pattern.name}", args=[uuid.uuid4() for _ in range(ids)])


def test_every_coach_page_is_a_404_for_someone_who_is_not_a_coach(logged_in):
    urls = list(coach_urls())
    assert len(urls) >= 30

    for url in urls:
        answers = (logged_in.get(url).status_code, logged_in.post(url).status_code)
        # 405 is a method the view never takes, answered before anything is looked up.
        assert set(answers) <= {404, 405} and 404 in answers, (url, answers)


def test_every_coach_page_sends_a_coach_without_two_factor_to_set_it_up_first(client):
    """Before anything is looked up: a made-up id answers the same as a real one (the access matrix
    tests the real ones, tests/security/test_access_matrix.py)."""
    client.force_login(make_user(is_coach=True, two_factor=False))

    for url in coach_urls():
        responses = (client.get(url), client.post(url))
        answers = tuple(response.status_code for response in responses)
        assert set(answers) <= {302, 405} and 302 in answers, (url, answers)
        for response in responses:
            if response.status_code == 302:
                assert response["Location"] == reverse("mfa_index"), (url, response["Location"])


def test_someone_signed_out_is_sent_to_log_in_first(client):
    response = client.get(reverse("coach:dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_coach_gets_the_page(client, coach):
    client.force_login(coach)

    assert client.get(reverse("coach:dashboard")).status_code == 200


def test_the_decorator_keeps_the_views_name_for_tracebacks_and_the_url_registry():
    def dashboard(request):
        """The caseload."""

    wrapped = coach_required(dashboard)

    assert wrapped.__name__ == "dashboard" and wrapped.__doc__ == "The caseload."
