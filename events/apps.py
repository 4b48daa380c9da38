from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Мероприятия"

    def ready(self):
        from committees.models import organiser_saved
        from core.imports import registry

        from . import resources
        from .models import Event

        registry.register(resources.EventKind)
        organiser_saved.connect(Event.follow_organiser, dispatch_uid="events.follow_organiser")
