from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Роли и журнал выгрузок"

    def ready(self):
        from core import scoping
        from core.signals import data_exported, personal_data_accessed

        from . import checks  # noqa: F401 (registers the deploy checks)
        from .access_log import record_access_signal
        from .roles import sync_after_migrate
        from .services import record_export_signal, scope_of

        # What this app brings to the foundation's mechanisms: whose scope a
        # user has (their profile), and the record of every export.
        scoping.register_scope_source(scope_of)
        data_exported.connect(record_export_signal, dispatch_uid="tos_export_record")
        personal_data_accessed.connect(record_access_signal, dispatch_uid="tos_access_record")
        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="tos_role_groups")
