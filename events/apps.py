from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Мероприятия"

    def ready(self):
        from core.imports import registry

        from . import resources

        registry.register(resources.EventKind)
