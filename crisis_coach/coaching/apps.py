from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "crisis_coach.coaching"
    verbose_name = _("Coaching")

    def ready(self):
        # Here, not at the top: receivers import models, which Django loads only after every app config.
        from crisis_coach.coaching import receivers  # noqa: F401  (connects them to accounts.hooks)
