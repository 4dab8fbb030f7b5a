import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from crisis_coach.common.addressing import AddressAs


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class Theme(models.TextChoices):
    """Light or dark pages: `data-bs-theme` on <html> (templates/base.html, frontend/scss/theme.scss)."""

    AUTO = "auto", _("Match my device")
    LIGHT = "light", _("Light")
    DARK = "dark", _("Dark")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        # Addresses are stored lower-case; people type them in any case.
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """Everyone who signs up. A coach is a user with a CoachProfile (crisis_coach.coaching)."""

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    display_name = models.CharField(_("display name"), max_length=80)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    # How the Arabic pages and emails speak to the person (common/addressing.py); no choice made
    # addresses them without choosing.
    address_as = models.CharField(
        _("address me as"), max_length=10, choices=AddressAs.choices, default=AddressAs.NEUTRAL
    )
    # Empty only for a person who signed up on the site and has not seen the welcome steps yet
    # (accounts/views.welcome): language and time zone, a coach's code, then the first setback.
    # Everyone else, coaches and accounts made any other way, is onboarded from the start.
    onboarded_at = models.DateTimeField(_("onboarded at"), null=True, blank=True, default=timezone.now)
    # Auto follows the device's light or dark setting (prefers-color-scheme), with no script.
    theme = models.CharField(_("theme"), max_length=5, choices=Theme.choices, default=Theme.AUTO)
    # Grows whenever anything the person's own pages show changes: her row, her cases and everything
    # under them, her contacts, check-ins, sessions. PostgreSQL triggers keep it (accounts migration
    # 0013), so no write path can leave a page part cached under it behind (common/page_cache.py).
    data_version = models.PositiveBigIntegerField(default=0, editable=False)
    # On for everyone unless they turn it off: email subjects, previews and calendar titles then
    # say what kind of thing is due or who acted, never a word of a setback (reminders, coaching.tasks).
    discreet_mode = models.BooleanField(
        _("discreet mode"),
        default=True,
        help_text=_(
            "Emails and calendar events say only who acted or what kind of thing is due (“Your "
            "coach commented”, “Step due”), never what your setbacks say or your contacts’ names, so "
            "a lock screen, a shared calendar or a work mailbox shows nothing of your setbacks. The app "
            "itself still shows everything."
        ),
    )
    # Where the person lives, so the support panel lists resources of their country (wellbeing).
    # An ISO 3166 code; empty until they choose.
    country = models.CharField(_("country"), max_length=2, blank=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Bumped by "Sign out everywhere else": part of the session hash, so older sessions stop verifying.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self):
        return self.display_name or self.email

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    def _get_session_auth_hash(self, secret=None):
        # Django's hash covers the password only; ours also covers session_epoch. Epoch 0 keeps
        # Django's exact value, so sessions that existed before this field keep working.
        if not self.session_epoch:
            return super()._get_session_auth_hash(secret=secret)
        key_salt = "crisis_coach.accounts.User.get_session_auth_hash"
        value = f"{self.password}:{self.session_epoch}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    @property
    def is_coach(self) -> bool:
        return hasattr(self, "coach_profile")

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")


USER_AGENT_LENGTH = 300
DETAIL_LENGTH = 200


class SecurityEvent(models.Model):
    """Something that matters for an account's safety, shown to its owner on the security page only."""

    class Kind(models.TextChoices):
        SIGN_IN = "sign_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
        SIGN_IN_BLOCKED = "sign_in_blocked", _("Failed sign-in; sign-ins from that address paused")
        SIGNED_OUT_ELSEWHERE = "signed_out_elsewhere", _("Signed out everywhere else")
        SESSION_ENDED = "session_ended", _("Signed out on another device")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        PASSWORD_RESET = "password_reset", _("Password reset by email")
        EMAIL_CHANGED = "email_changed", _("Email address changed")
        TWO_FACTOR_ON = "two_factor_on", _("Two-factor sign-in turned on")
        TWO_FACTOR_OFF = "two_factor_off", _("Two-factor sign-in turned off")
        RECOVERY_CODES_NEW = "recovery_codes_new", _("New recovery codes made")
        RECOVERY_CODE_USED = "recovery_code_used", _("Signed in with a recovery code")
        PASSKEY_ADDED = "passkey_added", _("Passkey added")
        PASSKEY_REMOVED = "passkey_removed", _("Passkey removed")
        COACH_LINKED = "coach_linked", _("Coach linked")
        COACH_UNLINKED = "coach_unlinked", _("Coach link ended")
        EXPORT = "export", _("Data exported")
        IMPORT = "import", _("Data imported")
        SUPPORT_ACCESS_GRANTED = "support_access_granted", _("Support access granted")
        SUPPORT_ACCESS_ENDED = "support_access_ended", _("Support access ended")
        # `detail` names the staff member and what they opened (accounts/support.py).
        STAFF_VIEWED = "staff_viewed", _("Viewed by our support staff")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="security_events"
    )
    kind = models.CharField(_("what"), max_length=32, choices=Kind.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=USER_AGENT_LENGTH, blank=True)
    detail = models.CharField(_("detail"), max_length=DETAIL_LENGTH, blank=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["user", "-at"], name="securityevent_user_at"),
            # The retention purge finds every user's old events by `at` alone (common/retention.py).
            models.Index(fields=["at"], name="securityevent_at"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.at:%Y-%m-%d %H:%M}"

    @property
    def browser(self) -> str:
        return describe_user_agent(self.user_agent)


class SupportAccess(models.Model):
    """A window the user opens from the security page, in which staff may read their private content
    in the admin (contacts, interactions, communities) to help them. Outside every window staff see
    the account, its lockouts, tasks and security events, never its content (accounts/support.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_grants"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    # Set when the user closes the window before it expires.
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        indexes = [models.Index(fields=["user", "-expires_at"], name="supportaccess_user_expires")]

    def __str__(self):
        return f"Support access for {self.user_id} until {self.expires_at:%Y-%m-%d %H:%M}"


def describe_user_agent(user_agent: str) -> str:
    """'Firefox on Windows' from a User-Agent header: enough for a person to recognise their device."""
    if not user_agent:
        return ""
    browsers = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    systems = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    browser = next((name for marker, name in browsers if marker in user_agent), "")
    system = next((name for marker, name in systems if marker in user_agent), "")
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or user_agent[:60]


class QueuedEmail(models.Model):
    """An account email (verification, reset, security notice) rendered by the page and waiting for the
    task worker (tasks.send_queued_email). The task carries only this row's id; the row goes once the
    email is sent, or with the account, so a link or an address never outlives its use in the queue."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    html = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.subject
