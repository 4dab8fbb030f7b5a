"""No URL that names an object escapes the access tests (see access_registry.py)."""

import ast
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.access_registry import ACCESS_TESTED, EXEMPT_NAMESPACES, NOT_OWNED_OBJECTS, TOKEN_TESTED

REGISTERED = {**ACCESS_TESTED, **TOKEN_TESTED}

ROOT = Path(__file__).resolve().parent.parent.parent


def object_patterns(patterns=None, namespace="", prefix="", captured=False):
    """(name, route) of every pattern that captures something from the path, at any depth: in its
    own part or in an include()'s prefix (allauth's passkeys: keys/<int:pk>/ then edit/, remove/)."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            if entry.namespace in EXEMPT_NAMESPACES:
                continue
            within = captured or bool(entry.pattern.regex.groupindex)
            yield from object_patterns(entry.url_patterns, inner, route, within)
        elif isinstance(entry, URLPattern) and (captured or entry.pattern.regex.groupindex):
            name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
            yield name, route


def test_every_url_that_names_an_object_is_access_tested():
    missing = [
        f"{name}  ({route})"
        for name, route in object_patterns()
        if name not in REGISTERED and name not in NOT_OWNED_OBJECTS
    ]
    assert not missing, (
        "These URLs take an identifier but no test proves that others get 404 on them. Add each to "
        "tests/security/access_registry.py with the tests that prove it:\n" + "\n".join(missing)
    )


def test_the_registry_names_only_urls_that_exist():
    existing = {name for name, _route in object_patterns()}
    stale = sorted(set(REGISTERED) - existing) + sorted(set(NOT_OWNED_OBJECTS) - existing)
    assert not stale, f"No such URL pattern any more: {stale}"


def test_every_test_named_in_the_registry_exists():
    functions: dict[str, set[str]] = {}
    wanted = {node for nodes in REGISTERED.values() for node in nodes}
    for node in sorted(wanted):
        path, function = node.split("::")
        if path not in functions:
            source = (ROOT / path).read_text()
            functions[path] = {
                item.name for item in ast.parse(source).body if isinstance(item, ast.FunctionDef)
            }
        assert function in functions[path], f"{node} does not exist"
    for nodes in REGISTERED.values():
        assert nodes, "every entry names at least one test"
