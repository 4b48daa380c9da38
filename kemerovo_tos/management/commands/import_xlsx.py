"""python manage.py import_xlsx <kind> <file> [--dry-run] [--user <username>]

The first bulk load of the registry from the city's spreadsheets: the same
engine, checks and error list as the admin import.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.imports.engine import run_import
from core.imports.files import FileRejected, read_table
from core.imports.registry import KINDS, get_kind

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Загрузить таблицу (.xlsx или .csv) в реестр: все строки или ничего."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS), help="что загружается")
        parser.add_argument("file", type=Path, help="файл .xlsx или .csv")
        parser.add_argument("--dry-run", action="store_true",
                            help="только проверить файл, ничего не сохранять")
        parser.add_argument("--user", help="от чьего имени загружать (его права и история)")

    def handle(self, *args, kind, file, dry_run, user, **options):
        verbosity = options["verbosity"]
        importer = get_kind(kind)
        account = self.find_user(user) if user else None
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Не удалось прочитать файл {file}: {error}") from error
        try:
            table = read_table(data, file.name, importer.title)
        except FileRejected as error:
            raise CommandError(str(error)) from error
        progress = self.progress if verbosity > 0 else None
        if progress:
            self.stdout.write(f"{importer.title}: строк в файле {len(table.rows)}, проверка…")
        outcome = run_import(importer, table, user=account, dry_run=dry_run, progress=progress)
        if progress:
            self.stdout.write("")
        for notice in outcome.notices:
            self.stdout.write(notice)
        for problem in outcome.problems:
            self.stderr.write(str(problem))
        if outcome.problems:
            raise CommandError(
                f"Ошибок: {len(outcome.problems)}. Ничего не сохранено."
            )
        verb = "Проверено (ничего не сохранено)" if dry_run else "Загружено"
        self.stdout.write(self.style.SUCCESS(
            f"{verb}: {importer.title} — {outcome.summary()} за {outcome.seconds:.1f} с."
        ))

    def find_user(self, username):
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Нет пользователя «{username}».") from None

    def progress(self, done, total):
        filled = BAR_WIDTH * done // total
        bar = "█" * filled + "·" * (BAR_WIDTH - filled)
        self.stdout.write(f"\r[{bar}] {done}/{total}", ending="")
        self.stdout.flush()
