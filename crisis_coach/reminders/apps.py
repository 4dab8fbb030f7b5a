from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "crisis_coach.reminders"
    verbose_name = _("Reminders")

    def ready(self):
        from crisis_coach.common import retention
        from crisis_coach.reminders import hooks

        # On every pass, not once a day: with nothing past retention it is one index probe per log,
        # and it needs no record of when it last ran. Each pass deletes a few batches at most.
        hooks.register_periodic_job("old log row(s)", retention.logs_purge_job, done="deleted")
