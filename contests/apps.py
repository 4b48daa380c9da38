from django.apps import AppConfig


class ContestsConfig(AppConfig):
    name = "contests"
    verbose_name = "Конкурсы и проекты"

    def ready(self):
        from core.imports import registry

        from . import resources

        registry.register(resources.ApplicationKind, resources.InitiativeProjectKind)
