"""Everything the page, the spreadsheet and the PDF show for a year, built
once from the same aggregate functions."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from core.db_router import report_reads

from . import tables as tables_module
from .aggregates import Figure, Records, Report, annual_report, compare
from .rollover import without_drafts
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


def drilldown_url(records: Records | None) -> str:
    """The admin list of `records`, filtered by plain query parameters, so
    that the link can be shared; the list itself keeps to the reader's
    scope."""
    if records is None:
        return ""
    opts = records.model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{changelist}?{urlencode(records.params_text)}"


def _link(document: "Document") -> None:
    """Each figure and table cell with the address of its records."""
    territory = document.report.territory
    for figure in document.figures:
        records = figure.records
        if records is not None and territory is not None:
            records = records.in_territory(territory.pk)
        figure.url = drilldown_url(records)
    tables = []
    for table in document.tables.values():
        tables.extend(table if isinstance(table, list) else [table] if table else [])
    for table in tables:
        table.links = [[drilldown_url(r) for r in row] for row in table.links]
        if table.footer_links:
            table.footer_links = [drilldown_url(r) for r in table.footer_links]


def build(year: int, territory=None, *, with_charts: bool = True) -> Document:
    with report_reads():  # from the replica, where one is configured
        report = annual_report(year, territory)
        previous = annual_report(year - 1, territory, full=False)
    without_drafts(report)  # a draft copied from last year prints nowhere
    figures, comparable = compare(report, previous)
    if with_charts:
        # matplotlib only where a chart is made: the page of an unchanged
        # year comes from the cache (reports.live) and loads none of it.
        from . import charts as charts_module
    document = Document(
        report=report,
        figures=figures,
        comparable=comparable,
        sections=sections(report),
        tables=tables_module.all_tables(report),
        charts=charts_module.charts(report) if with_charts else [],
    )
    _link(document)
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
