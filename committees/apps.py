from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = "ТОС: комитеты и органы"

    def ready(self):
        from core.imports import registry

        from . import resources

        registry.register(resources.TosBodyKind, resources.ActivistKind)
