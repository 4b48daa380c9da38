from django.apps import AppConfig
from django.db.models.signals import post_migrate


class WiringConfig(AppConfig):
    """The project package as an app, only for the commands that span every
    app (kemerovo_tos/management/commands)."""

    name = "kemerovo_tos"
    verbose_name = "Проект"

    def ready(self):
        # The database cache's table (settings.CACHES) comes with `migrate`,
        # as every other table does.
        post_migrate.connect(create_cache_table, sender=self.apps.get_app_config("reports"))


def create_cache_table(using="default", **kwargs):
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
