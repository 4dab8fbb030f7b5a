"""Crisis Coach settings.

One module, read from the environment (see the configuration table in README.md).
Production differs from development only by environment variables.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from crisis_coach import limits

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no variable, failing loudly on anything we do not understand."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_url() -> str:
    """DATABASE_URL wins; else what `make` found or started (var/database_url); else the default."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    found = BASE_DIR / "var" / "database_url"
    if found.exists():
        return found.read_text().strip()
    return "postgres://postgres@127.0.0.1:5432/crisis_coach"


DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if env_bool("HTTPS_ONLY", default=False):
        raise ImproperlyConfigured("SECRET_KEY must be set when HTTPS_ONLY is on (production)")
    # A fixed key is fine for a development machine; production sets SECRET_KEY.
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "crisis_coach.accounts.apps.TwoFactorAdminConfig",  # Django's admin, for staff with two-factor sign-in
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # Django's widget templates, for FORM_RENDERER's TemplatesSetting
    "django_htmx",
    "csp",
    # Sign-up, sign-in, email addresses, two-factor sign-in, passkeys and the sessions list.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Edits that keep every earlier version (evidence entries, timeline notes), written by
    # PostgreSQL triggers, so no code path can change a record without its history.
    "pgtrigger",
    "pghistory",
    "django_tasks",
    "django_tasks_db",  # before crisis_coach.common, whose admin extends this one's
    "crisis_coach.common",
    "crisis_coach.accounts",
    "crisis_coach.coaching",
    "crisis_coach.incidents",
    "crisis_coach.network",
    "crisis_coach.evidence",
    "crisis_coach.wellbeing",
    "crisis_coach.reminders",
    "crisis_coach.search",
    "crisis_coach.insights",
    "crisis_coach.demo",  # last: the demo data imports every app above; no app imports it
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages go out gzipped (static files are already brotli or gzip copies, served above): a cockpit's
    # 45 KB of HTML is about 8 KB on the wire (bench/RESULTS.md, the weight table). Django's own
    # middleware masks the CSRF token and pads each response against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "crisis_coach.accounts.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Keeps each session's browser, address and last-seen time for the security page.
    "crisis_coach.accounts.middleware.SessionActivityMiddleware",
]

ROOT_URLCONF = "crisis_coach.urls"
WSGI_APPLICATION = "crisis_coach.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "crisis_coach.common.context_processors.addressing_context",
                "crisis_coach.common.context_processors.theme_context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        database_url(),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    # Email and password through allauth's forms, and passkeys.
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2 (memory-hard) for every new or changed password; existing PBKDF2 hashes still verify and are
# upgraded to Argon2 at the user's next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions live in the database, so any number of stateless web processes can serve a user.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# The cache (rate limits) lives in the database too: `manage.py createcachetable` (run by `make migrate`).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "crisis_coach_cache",
    },
    # The cached page parts (common/page_cache.py; {% cache %} takes this cache by its name): in each
    # worker's memory, not in the database, so the people's words they hold are never written to a
    # table or a backup, and are gone with the process. Their versions live in the database, so every
    # worker sees a write at once. A third of the entries go once there are more than MAX_ENTRIES.
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "page-parts",
        "OPTIONS": {"MAX_ENTRIES": 1000},  # 30 KB or less each
    },
}

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hant", _("Traditional Chinese")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# One unambiguous format per kind of date and language (crisis_coach/formats/__init__.py says why).
FORMAT_MODULE_PATH = ["crisis_coach.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end packages come from npm (package.json), never a CDN and never copied into git.
    # The theme, compiled from Bootstrap's Sass by `make css` (frontend/scss/theme.scss), and the icon
    # font cut from bootstrap-icons to the icons used (scripts/build_icons.py).
    ("build", BASE_DIR / "var" / "build"),
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# The largest form body Django reads: the biggest form with every long text at its maximum, in the
# characters that take the most bytes once URL-encoded (emoji: 12 each; Chinese 9, Arabic 6). The sum
# and its parts are in crisis_coach/limits.py (about 1 MB); tests/common/test_text_limits.py checks it
# against every form. A bigger body is refused with a 400 before any view runs, and what was typed is
# lost: the textarea's maxlength keeps a browser from getting there.
DATA_UPLOAD_MAX_MEMORY_SIZE = limits.REQUEST_BODY_MAX

# Every form is rendered one way: Bootstrap 5 markup from templates/forms/ (crisis_coach/common/forms.py).
FORM_RENDERER = "crisis_coach.common.forms.BootstrapFormRenderer"

# Email: every Django email setting can come from the environment (README, Configuration). The
# backend: EMAIL_BACKEND if given; else SMTP when EMAIL_HOST is set; else the file backend when
# EMAIL_FILE_PATH is set (one .log file per connection there: handy for testing digests); else the
# console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend"
    if EMAIL_FILE_PATH
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
# Implicit TLS (port 465) and STARTTLS exclude each other: choosing SSL turns the TLS default off.
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=not EMAIL_USE_SSL)
EMAIL_SSL_CERTFILE = os.environ.get("EMAIL_SSL_CERTFILE") or None
EMAIL_SSL_KEYFILE = os.environ.get("EMAIL_SSL_KEYFILE") or None
# Seconds each SMTP step may take: a server that hangs fails the attempt, which is retried, instead of
# holding the worker for ever.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
EMAIL_SUBJECT_PREFIX = os.environ.get("EMAIL_SUBJECT_PREFIX", "[Crisis Coach] ")  # staff error emails only
EMAIL_USE_LOCALTIME = env_bool("EMAIL_USE_LOCALTIME", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Crisis Coach <noreply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Emails sent because something happened (coach comments and proposals, password resets) are tasks
# (crisis_coach/common/tasks.py): a page only queues them, a worker (`manage.py db_worker`) sends them.
# The queue is a table in our database, so it needs no other server, and a task is queued in the same
# transaction as the change it reports. Tests use it too and run the worker themselves (tests/tasks.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Where the site lives, for links in emails and calendar feeds (no request to take it from).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Security. HTTPS_ONLY=true (behind TLS in production) turns on secure cookies, HSTS and the
# HTTPS redirect together; development and tests speak plain HTTP on loopback.
HTTPS_ONLY = env_bool("HTTPS_ONLY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SESSION_COOKIE_HTTPONLY = True
# No script of ours reads the CSRF cookie: htmx gets the token from <body hx-headers>.
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = HTTPS_ONLY
SECURE_HSTS_SECONDS = 31536000 if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
SECURE_HSTS_PRELOAD = HTTPS_ONLY
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# /healthz is probed by load balancers over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# How many reverse proxies in front of the app append to X-Forwarded-For (0: clients connect directly).
# The client address for lockouts, rate limits and the security page is read through them.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# The logs people read about themselves (security events; the coach's views of a shared case) are
# deleted once older than this many months, by send_reminders and purge_old_logs (common/retention.py).
_retention = os.environ.get("LOG_RETENTION_MONTHS") or "13"
if not _retention.isdigit() or int(_retention) < 1:
    raise ImproperlyConfigured(f"LOG_RETENTION_MONTHS must be a whole number, 1 or more, not {_retention!r}")
LOG_RETENTION_MONTHS = int(_retention)

# Content Security Policy (django-csp): our own files only, no inline script or style, never framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap draws select arrows and toggler icons as data: SVG
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        **({"upgrade-insecure-requests": True} if HTTPS_ONLY else {}),
    }
}

# Accounts (django-allauth). Every address is verified before the account opens: that is also what
# lets sign-up answer the same for a new and a taken address (allauth's enumeration prevention needs
# mandatory verification). The owner of a taken address gets an email saying so instead.
ACCOUNT_ADAPTER = "crisis_coach.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "crisis_coach.accounts.forms.SignUpDetailsForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a mail scanner that follows links must not verify for the person
# One address per account; changing it keeps the old one until the new one is verified, and the old
# one is told (ACCOUNT_EMAIL_NOTIFICATIONS).
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # a reset for an unknown address emails no stranger
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS_ONLY else "http"
# Sign-in throttling is allauth's rate limits, the one lockout mechanism (django-axes is gone, since it
# has one failure limit for every key and so cannot give the address-wide limit its own, higher one):
# - 5 failures against one account from one address pause that account from that address for 15
#   minutes (the adapter's key is the address typed *and* the client address), and nobody else;
# - 60 failures from one address within 15 minutes, across any accounts, pause that address
#   (credential stuffing), high enough that an office or campus behind one NAT never reaches it.
# Emails: a reset email at most 3 times an hour per address typed, a verification email once every
# 3 minutes per address. They live in the cache (the database's, so every web process shares them).
SIGN_IN_FAILURES_PER_ACCOUNT = 5
SIGN_IN_FAILURES_PER_ADDRESS = 60
SIGN_IN_PAUSE = timedelta(minutes=15)  # the sign-in page's message says how long (accounts/adapter.py)
ACCOUNT_RATE_LIMITS = {
    "login_failed": (
        f"{SIGN_IN_FAILURES_PER_ADDRESS}/{int(SIGN_IN_PAUSE.total_seconds())}s/ip,"
        f"{SIGN_IN_FAILURES_PER_ACCOUNT}/{int(SIGN_IN_PAUSE.total_seconds())}s/key"
    ),
    "reset_password": "20/m/ip,3/h/key",
    "confirm_email": "1/3m/key",
}
# Two-factor sign-in: an authenticator app (TOTP), recovery codes, and passkeys both as a second factor
# and for signing in without a password. Coaches and staff must have one (accounts/two_factor.py).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_PASSKEY_SIGNUP_ENABLED = False
MFA_TOTP_ISSUER = "Crisis Coach"
# Passkeys need a secure origin; plain-HTTP development and tests on loopback are allowed as such.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not HTTPS_ONLY
# The sessions list on the security page; SessionActivityMiddleware keeps "last seen" instead of
# allauth's tracking, which writes on every request.
USERSESSIONS_TRACK_ACTIVITY = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
