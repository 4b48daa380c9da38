from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The foundation every app stands on: dated records, history, row
    scoping, the admin base, database helpers, the import/export engine.
    It imports no app of the project (docs/architecture.md)."""

    default = True
    name = "core"
    verbose_name = "Основа"

    def ready(self):
        # Searching names and addresses is the registry's daily work: on
        # SQLite it must find «Ленина» when a user types «ленина».
        from . import sqlite

        sqlite.connect()


class AxesConfig(AxesAppConfig):
    """django-axes under a Russian name in the admin index."""

    default = False
    verbose_name = "Защита входа"
