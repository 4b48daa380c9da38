from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = "ТОС: комитеты и органы"

    def ready(self):
        # Searching names and addresses is this app's daily work: on SQLite
        # it must find «Ленина» when a user types «ленина».
        from kemerovo_tos import sqlite

        sqlite.connect()
