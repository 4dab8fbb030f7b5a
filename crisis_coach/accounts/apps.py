from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "crisis_coach.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from crisis_coach.accounts import signals  # noqa: F401  (connects the receivers)
