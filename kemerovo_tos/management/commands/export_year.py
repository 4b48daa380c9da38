from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kemerovo_tos.management.backup import year_workbook


class Command(BaseCommand):
    help = "Весь реестр за год в одну книгу .xlsx (лист на каждый вид записей)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("path", type=Path, help="куда записать .xlsx")
        parser.add_argument(
            "--user", required=True,
            help="от чьего имени выгрузка: ее объем и запись в журнале выгрузок",
        )

    def handle(self, *args, year, path, user, **options):
        try:
            account = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Нет пользователя «{user}».") from None

        def progress(title, rows):
            if options["verbosity"] > 0:
                self.stdout.write(f"{title}: {rows}")

        path.write_bytes(year_workbook(year, user=account, progress=progress))
        self.stdout.write(self.style.SUCCESS(f"Реестр за {year} год записан в {path}"))
