from django.apps import AppConfig


class WiringConfig(AppConfig):
    """The project package as an app, only for the commands that span every
    app (kemerovo_tos/management/commands)."""

    name = "kemerovo_tos"
    verbose_name = "Проект"
