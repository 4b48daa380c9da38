from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Роли и журнал выгрузок"

    def ready(self):
        from . import checks  # noqa: F401 (registers the deploy checks)
        from .roles import sync_after_migrate

        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="tos_role_groups")
