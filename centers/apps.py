from django.apps import AppConfig


class CentersConfig(AppConfig):
    name = "centers"
    verbose_name = "Центры по работе с населением"

    def ready(self):
        from core.imports import registry

        from . import resources

        registry.register(resources.ClubKind, resources.ReceptionKind, resources.PreventionKind)
