from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "crisis_coach.accounts"
    verbose_name = _("Accounts")
    default = True

    def ready(self):
        from crisis_coach.accounts import signals  # noqa: F401  (connects the receivers)
        from crisis_coach.accounts.services import security_events_purge
        from crisis_coach.common import retention

        # Kept LOG_RETENTION_MONTHS; send_reminders and purge_old_logs delete what is older.
        retention.register_log("security event(s)", security_events_purge)


class TwoFactorAdminConfig(admin_apps.AdminConfig):
    """Django's admin, whose site asks staff for two-factor sign-in (admin_site.py)."""

    default = False  # named in INSTALLED_APPS; AccountsConfig stays this app's own
    default_site = "crisis_coach.accounts.admin_site.TwoFactorAdminSite"
