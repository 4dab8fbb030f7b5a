from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Installed only so that Django finds the seed_demo and seed_large management commands."""

    name = "crisis_coach.demo"
    verbose_name = "Demo data"
