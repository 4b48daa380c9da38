from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from committees.models import Territory
from reports import booklet, spreadsheet
from reports.document import build


class Command(BaseCommand):
    help = "Годовой отчет за год: буклет PDF и/или таблица .xlsx."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--pdf", type=Path, help="куда записать буклет PDF")
        parser.add_argument("--xlsx", type=Path, help="куда записать таблицу .xlsx")
        parser.add_argument("--territory", help="название территории (по умолчанию весь город)")

    def handle(self, *args, year, pdf, xlsx, territory, **options):
        if not pdf and not xlsx:
            raise CommandError("Укажите --pdf и/или --xlsx.")
        area = None
        if territory:
            area = Territory.objects.filter(name=territory).first()
            if area is None:
                raise CommandError(f"Нет территории «{territory}».")
        doc = build(year, area, with_charts=bool(pdf))
        if xlsx:
            xlsx.write_bytes(spreadsheet.workbook_bytes(doc))
            self.stdout.write(f"Таблица: {xlsx}")
        if pdf:
            fetcher = booklet.ReportURLFetcher()
            pdf.write_bytes(booklet.write_pdf(booklet.render_html(doc), fetcher))
            if fetcher.refused and options["verbosity"] > 0:
                self.stderr.write(f"Не загружено в буклет: {', '.join(fetcher.refused)}")
            self.stdout.write(f"Буклет: {pdf}")
        self.stdout.write(self.style.SUCCESS(f"Годовой отчет за {year} год готов"))
