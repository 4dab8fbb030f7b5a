"""Hostile JSON imports: a refusal with a message or a clean import, never a 500 or live HTML."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisis_coach.incidents.models import Incident
from tests.accounts.test_import_refusals import valid_document
from tests.factories import make_user
from tests.security.test_fuzz_forms import FUZZ, HOSTILE_VALUES, assert_harmless, hostile

pytestmark = pytest.mark.django_db

IMPORT = "/accounts/import/"
json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    hostile,
)
any_json = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile, inner, max_size=4),
    max_leaves=20,
)


def leaf_paths(value, path=()):
    """Every place in the valid document that holds a plain value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaf_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaf_paths(item, (*path, index))
    else:
        yield path


PATHS = list(leaf_paths(valid_document()))


def replaced(path, value) -> dict:
    document = valid_document()
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


def import_as_new_user(content: bytes):
    browser = Client()
    browser.force_login(make_user())
    response = browser.post(IMPORT, {"file": SimpleUploadedFile("export.json", content, "application/json")})
    return browser, response


def check(content: bytes) -> None:
    browser, response = import_as_new_user(content)
    assert_harmless(response, "POST import")
    if response.status_code == 302:
        assert_harmless(browser.get(response["Location"]), "the list after an import")
        for incident in Incident.objects.filter(owner=response.wsgi_request.user):
            assert_harmless(browser.get(f"/incidents/{incident.public_id}/"), "an imported case")


@pytest.mark.parametrize("value", ["before\x00after", "<script>alert(1)</script>"])
def test_every_value_of_a_valid_export_refuses_or_neutralises_hostile_text(value):
    for path in PATHS:
        check(json.dumps(replaced(path, value)).encode())


@FUZZ
@given(
    path=st.sampled_from(PATHS),
    value=json_leaf | st.lists(json_leaf, max_size=3) | st.sampled_from(HOSTILE_VALUES),
)
def test_one_hostile_value_in_a_valid_export(path, value):
    check(json.dumps(replaced(path, value)).encode())


@FUZZ
@given(document=any_json)
def test_any_json_at_all(document):
    check(json.dumps(document).encode())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.binary(max_size=2000))
def test_any_bytes_at_all(content):
    check(content)
