from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "crisis_coach.evidence"
    verbose_name = _("Evidence log")

    def ready(self):
        # Here, not at the top: receivers import models, which Django loads only after every app config.
        from crisis_coach.evidence import receivers  # noqa: F401  (connects them to incidents' trash purge)
