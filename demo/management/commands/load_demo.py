"""Load the 2022 demo data (and a smaller 2021) and create demo log-ins."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import loader

# The site's one front door: it sends each role to its own pages after the
# login. scripts/run.sh passes the address the server really listens on.
LOGIN_URL = "http://127.0.0.1:8000/"

NOT_EMPTY = (
    "В базе данных уже есть данные реестра; демо-данные не загружены. Чтобы удалить "
    "данные реестра, конкурсов и отчета и загрузить демо заново, добавьте --reset.\n"
    "The database already holds registry data; nothing was loaded. Add --reset to delete "
    "the registry, contest and report rows and load the demo again."
)
NOT_DEBUG = (
    "DEBUG выключен: похоже, это рабочая база. Демо-данные загружаются только при "
    "DJANGO_DEBUG=1 или с --force.\n"
    "DEBUG is off, so this looks like a production database. Set DJANGO_DEBUG=1 or add "
    "--force to load the demo anyway."
)


class Command(BaseCommand):
    # The checks import every URLconf (weasyprint, matplotlib): seconds of
    # the load's budget, spent again right after `migrate` ran them.
    requires_system_checks = []
    help = (
        "Загружает демо-данные за 2022 год (как в отчете) и 2021 год и создает демо-входы. "
        "Loads the 2022 demo data (and a smaller 2021) and creates demo log-ins."
    )

    def add_arguments(self, parser):
        when = parser.add_mutually_exclusive_group()
        when.add_argument(
            "--reset", action="store_true",
            help="Delete the rows of the demo's tables first (registry, contests, report).",
        )
        when.add_argument(
            "--if-empty", action="store_true",
            help="Load only into an empty database; otherwise just renew the demo "
            "passwords and print the log-ins.",
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even though settings.DEBUG is off."
        )
        parser.add_argument(
            "--url", default=LOGIN_URL,
            help=f"The address to log in at, printed above the log-ins (default {LOGIN_URL}).",
        )

    def handle(self, *args, reset, if_empty, force, url, verbosity, **options):
        self.url = url
        check_debug(force)
        has_data = loader.has_registry_data()
        if if_empty and has_data:
            self.print_logins(loader.refresh_logins())
            self.stdout.write(self.style.SUCCESS(
                "База не пуста: данные не добавлены, пароли демо-входов обновлены."
            ))
            return
        check_empty(has_data, reset)
        log = self.stdout.write if verbosity > 1 else (lambda message: None)
        started = time.monotonic()
        if reset:
            loader.delete_demo(log)
        logins = loader.load_all(log)
        seconds = time.monotonic() - started
        if verbosity:
            self.print_logins(logins)
        self.stdout.write(self.style.SUCCESS(
            f"Демо-данные за 2022 и 2021 годы загружены за {seconds:.1f} с."
        ))

    def print_logins(self, logins):
        if not logins:
            self.stdout.write("Демо-входов нет: в базе нет комитетов, центров и территорий.")
            return
        width = max(len(login.username) for login in logins)
        lines = ["", "=" * 72, f"Вход для всех ролей: {getattr(self, 'url', LOGIN_URL)}",
                 "Демо-входы (пароли новые при каждом запуске):", ""]
        lines += [
            f"  логин: {login.username:<{width}}   пароль: {login.password}   {login.role}"
            for login in logins
        ]
        lines += ["=" * 72, ""]
        self.stdout.write("\n".join(lines))


def check_debug(force: bool) -> None:
    if not settings.DEBUG and not force:
        raise CommandError(NOT_DEBUG)


def check_empty(has_data: bool, reset: bool) -> None:
    if has_data and not reset:
        raise CommandError(NOT_EMPTY)
