from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from committees.models import Territory
from core.db_router import report_reads
from reports import booklet, spreadsheet
from reports.aggregates import annual_report, headline_figures
from reports.document import build


class Command(BaseCommand):
    help = "Годовой отчет за год: буклет PDF и/или таблица .xlsx."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--pdf", type=Path, help="куда записать буклет PDF")
        parser.add_argument("--xlsx", type=Path, help="куда записать таблицу .xlsx")
        parser.add_argument("--territory", help="название территории (по умолчанию весь город)")
        parser.add_argument(
            "--figures", action="store_true", help="напечатать показатели отчета строками"
        )

    def handle(self, *args, year, pdf, xlsx, territory, figures, **options):
        if not (pdf or xlsx or figures):
            raise CommandError("Укажите --pdf, --xlsx и/или --figures.")
        area = None
        if territory:
            area = Territory.objects.filter(name=territory).first()
            if area is None:
                raise CommandError(f"Нет территории «{territory}».")
        if figures:
            with report_reads():
                figures_of_year = headline_figures(annual_report(year, area, full=False))
            for figure in figures_of_year:
                self.stdout.write(f"{figure.number:>2}. {figure.label}: {figure.value}")
            if not (pdf or xlsx):
                return
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
