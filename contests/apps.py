from django.apps import AppConfig


class ContestsConfig(AppConfig):
    name = "contests"
    verbose_name = "Конкурсы и проекты"

    def ready(self):
        from committees.models import organiser_saved
        from core import personal_data
        from core.imports import registry

        from . import resources
        from .models import Application
        from .personal_data import applications_of

        registry.register(resources.ApplicationKind, resources.InitiativeProjectKind)
        personal_data.register_subject_source(applications_of)
        organiser_saved.connect(
            Application.follow_organiser, dispatch_uid="contests.follow_organiser"
        )
