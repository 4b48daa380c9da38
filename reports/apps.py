from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Годовой отчет: текст и план"

    def ready(self):
        from core.signals import personal_data_destroyed

        from .personal_data import drop_booklets

        personal_data_destroyed.connect(drop_booklets, dispatch_uid="tos_drop_booklets")
