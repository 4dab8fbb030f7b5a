"""safe_next, the one check of a `next` URL (tests/security/test_redirects.py tests the views using it)."""

import pytest
from django.test import RequestFactory

from crisis_coach.common.redirects import redirect_back, safe_next

FALLBACK = "/fallback/"


def posted(next_url, *, secure=False):
    return RequestFactory().post("/somewhere/", {"next": next_url}, secure=secure)


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/",
        "http://evil.example/today/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "/\\/evil.example/",
        "javascript:alert(1)",
        "incidents/",  # relative, without the leading slash: redirect() would try it as a view name
        "home",
        "",
    ],
)
def test_a_next_off_this_site_or_not_a_path_gives_the_fallback(target):
    assert safe_next(posted(target), FALLBACK) == FALLBACK


def test_no_next_at_all_gives_the_fallback_or_empty():
    request = RequestFactory().post("/somewhere/")

    assert safe_next(request, FALLBACK) == FALLBACK
    assert safe_next(request) == ""


def test_a_path_of_this_site_is_the_way_back():
    assert safe_next(posted("/incidents/?page=2#plan"), FALLBACK) == "/incidents/?page=2#plan"


def test_this_sites_full_address_is_not_taken_since_only_a_path_is():
    assert safe_next(posted("http://testserver/incidents/"), FALLBACK) == FALLBACK


def test_the_query_string_carries_next_when_the_form_does_not():
    request = RequestFactory().get("/somewhere/", {"next": "/coach/"})

    assert safe_next(request, FALLBACK) == "/coach/"


def test_the_posted_next_wins_over_the_query_string():
    request = RequestFactory().post("/somewhere/?next=/coach/", {"next": "/today/"})

    assert safe_next(request, FALLBACK) == "/today/"


def test_within_keeps_only_paths_under_the_prefix():
    assert safe_next(posted("/today/?group=2"), FALLBACK, within="/today/") == "/today/?group=2"
    assert safe_next(posted("/incidents/"), FALLBACK, within="/today/") == FALLBACK
    assert safe_next(posted("//evil.example/today/"), FALLBACK, within="/today/") == FALLBACK


def test_over_https_a_path_is_still_the_way_back():
    assert safe_next(posted("/today/", secure=True), FALLBACK) == "/today/"


def test_redirect_back_follows_a_safe_next_or_reverses_the_fallback_view():
    assert redirect_back(posted("/network/"), "home")["Location"] == "/network/"
    assert redirect_back(posted("//evil.example/"), "home")["Location"] == "/"
