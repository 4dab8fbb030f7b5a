"""Security headers and cookies, in development and under HTTPS_ONLY (production)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from tests.factories import PASSWORD, make_incident, make_user

ROOT = Path(__file__).resolve().parent.parent.parent
PRODUCTION_ENV = {
    "DEBUG": "false",
    "HTTPS_ONLY": "true",
    "SECRET_KEY": "a-production-like-key-" + "x" * 50,
    "ALLOWED_HOSTS": "coach.example.com",
}
# What HTTPS_ONLY=true turns on, as the settings module computes it (not via override_settings).
HTTPS_ONLY_SETTINGS = {
    "SECURE_SSL_REDIRECT": True,
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
}


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/"])
def test_pages_send_a_content_security_policy_without_inline_script(client, path):
    directives = csp_directives(client.get(path))

    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["font-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'none'"]
    for values in directives.values():
        assert "'unsafe-inline'" not in values
        assert "'unsafe-eval'" not in values


@pytest.mark.django_db
def test_pages_deny_framing_sniffing_and_cross_site_referrers(client):
    response = client.get("/accounts/login/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_signed_in_pages_send_the_policy_too(logged_in, client_user):
    incident = make_incident(client_user)
    response = logged_in.get(f"/incidents/{incident.public_id}/assess/")
    assert response.status_code == 200
    assert csp_directives(response)["script-src"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@override_settings(**HTTPS_ONLY_SETTINGS)
def test_https_only_sends_hsts_and_redirects_plain_http(client):
    secure = client.get("/accounts/login/", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"

    plain = client.get("/accounts/login/")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/accounts/login/"
    # Load balancers probe /healthz over plain HTTP.
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_no_hsts_over_plain_http_in_development(client):
    assert "Strict-Transport-Security" not in client.get("/accounts/login/")


@pytest.mark.django_db
@override_settings(**HTTPS_ONLY_SETTINGS)
def test_https_only_session_and_csrf_cookies_are_secure_and_http_only(client):
    user = make_user()
    login_page = client.get("/accounts/login/", secure=True)
    csrf_cookie = login_page.cookies["csrftoken"]
    assert csrf_cookie["secure"] is True
    assert csrf_cookie["httponly"] is True
    assert csrf_cookie["samesite"] == "Lax"

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}, secure=True)
    assert response.status_code == 302
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"] is True
    assert session_cookie["httponly"] is True
    assert session_cookie["samesite"] == "Lax"


def run_with_production_env(*args: str) -> subprocess.CompletedProcess:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; production never has it.
    env = {**os.environ, **PRODUCTION_ENV}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_https_only_turns_on_every_transport_protection():
    names = [*HTTPS_ONLY_SETTINGS, "SESSION_COOKIE_HTTPONLY", "X_FRAME_OPTIONS", "DEBUG"]
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    result = run_with_production_env("shell", "-c", script)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        **HTTPS_ONLY_SETTINGS,
        "SESSION_COOKIE_HTTPONLY": True,
        "X_FRAME_OPTIONS": "DENY",
        "DEBUG": False,
    }


def test_deploy_check_is_clean_with_production_settings():
    result = run_with_production_env("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


@pytest.mark.django_db
def test_main_pages_carry_no_inline_script_style_or_event_handler(logged_in, client_user):
    """The policy would block them in the browser; catch them here first, with the page named."""
    incident = make_incident(client_user)
    paths = [
        "/incidents/",
        "/incidents/new/",
        f"/incidents/{incident.public_id}/",
        f"/incidents/{incident.public_id}/assess/",
        f"/incidents/{incident.public_id}/confront/",
        f"/incidents/{incident.public_id}/resolve/",
        "/network/",
        "/network/contacts/new/",
        "/network/keep-in-touch/",
        "/network/commitments/",
        "/network/communities/",
        "/today/",
        "/today/settings/",
        "/insights/",
        f"/insights/report/{incident.public_id}/",
        "/accounts/import/",
        "/accounts/delete/",
        "/coaching/",
        "/accounts/settings/",
        "/accounts/security/",
        "/accounts/security/sign-out-elsewhere/",
        "/accounts/password/change/",
    ]
    for path in paths:
        response = logged_in.get(path, follow=True)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), path
        assert not INLINE_STYLE.search(html), path
        assert not EVENT_HANDLER.search(html), path
