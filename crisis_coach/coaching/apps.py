from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "crisis_coach.coaching"
    verbose_name = _("Coaching")

    def ready(self):
        # Here, not at the top: receivers import models, which Django loads only after every app config.
        from crisis_coach.coaching import receivers  # noqa: F401  (connects them to accounts.hooks)
        from crisis_coach.coaching.digest import coach_digests_send_due
        from crisis_coach.reminders import hooks

        # The coach's weekly digest goes from the same runs as the client digests (send_reminders).
        hooks.register_periodic_job("coach digest(s)", coach_digests_send_due)

        from crisis_coach.coaching.services import case_accesses_purge
        from crisis_coach.common import retention

        # The log of a coach's case views is kept LOG_RETENTION_MONTHS, like security events.
        retention.register_log("coach case view(s)", case_accesses_purge)

        from crisis_coach.coaching.feedback import agenda

        agenda.register()  # nudges on the client's Today and in her digest

        from crisis_coach.coaching.sessions.selectors import register_agenda_source

        register_agenda_source()  # sessions on Today, in the digest and in both calendar feeds
