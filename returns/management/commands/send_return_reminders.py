"""Daily, from cron or a systemd timer (docs/deployment.md): on the
reminder day, e-mail everyone whose previous month is not submitted."""

from django.conf import settings
from django.core.management.base import BaseCommand

from returns import reminders


class Command(BaseCommand):
    help = (
        "Напоминает по e-mail тем, кто не сдал отчет за прошлый месяц (в день "
        "RETURN_REMINDER_DAY). Reminds by e-mail those whose previous month is not submitted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true",
                            help="Send today even if it is not the reminder day.")

    def handle(self, *args, force, verbosity, **options):
        outcome = reminders.scheduled(force=force)
        if outcome is None:
            self.stdout.write(
                f"Сегодня не день напоминаний ({settings.RETURN_REMINDER_DAY}-е число): "
                "ничего не отправлено."
            )
            return
        if verbosity > 1:
            for address in outcome.sent:
                self.stdout.write(address)
        self.stdout.write(self.style.SUCCESS(f"Напоминания: {outcome.summary()}."))
