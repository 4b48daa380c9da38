"""Delete the access-log entries past ACCESS_LOG_RETENTION_DAYS
(accounts.access_log.purge); the database refuses anything younger."""

from django.core.management.base import BaseCommand

from accounts.access_log import purge, retention_days


class Command(BaseCommand):
    help = "Удалить записи журнала доступа к ПДн старше срока хранения."

    def handle(self, *args, **options):
        deleted = purge()
        self.stdout.write(
            f"Удалено записей журнала старше {retention_days()} дн.: {deleted}."
        )
