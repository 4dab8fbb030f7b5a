from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "crisis_coach.common"
    verbose_name = "Common"
