"""Everything the page, the spreadsheet and the PDF show for a year, built
once from the same aggregate functions."""

from dataclasses import dataclass

from core.db_router import report_reads

from . import charts as charts_module
from . import tables as tables_module
from .aggregates import Figure, Report, annual_report, compare
from .text import Section, sections


@dataclass
class Document:
    report: Report
    figures: list[Figure]
    comparable: bool  # whether the previous year has data to compare with
    sections: list[Section]
    tables: dict
    charts: list | None = None

    @property
    def year(self) -> int:
        return self.report.year

    @property
    def previous_year(self) -> int:
        return self.report.year - 1


# Which charts and tables follow the text of which section.
SECTION_CHARTS = {
    "tos": ["events_by_month", "participants_by_month", "events_by_territory", "events_by_kind"],
    "contests": ["applications_by_stage"],
}
SECTION_TABLES = {
    "tos": ["tos"],
    "contests": ["applications", "projects", "winners"],
    "centers": ["centers", "prevention"],
}


def build(year: int, territory=None, *, with_charts: bool = True) -> Document:
    with report_reads():  # from the replica, where one is configured
        report = annual_report(year, territory)
        previous = annual_report(year - 1, territory, full=False)
    figures, comparable = compare(report, previous)
    document = Document(
        report=report,
        figures=figures,
        comparable=comparable,
        sections=sections(report),
        tables=tables_module.all_tables(report),
        charts=charts_module.charts(report) if with_charts else [],
    )
    charts = {chart.key: chart for chart in document.charts}
    for section in document.sections:
        section.charts = [charts[k] for k in SECTION_CHARTS.get(section.key, []) if k in charts]
        for key in SECTION_TABLES.get(section.key, []):
            table = document.tables.get(key)
            if isinstance(table, list):
                section.tables.extend(table)
            elif table is not None and table.rows:
                section.tables.append(table)
    return document
