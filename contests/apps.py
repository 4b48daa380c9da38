from django.apps import AppConfig


class ContestsConfig(AppConfig):
    name = "contests"
    verbose_name = "Конкурсы и проекты"

    def ready(self):
        from committees.models import organiser_saved
        from core.imports import registry

        from . import resources
        from .models import Application

        registry.register(resources.ApplicationKind, resources.InitiativeProjectKind)
        organiser_saved.connect(
            Application.follow_organiser, dispatch_uid="contests.follow_organiser"
        )
