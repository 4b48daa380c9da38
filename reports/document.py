"""Everything the page, the spreadsheet and the PDF show for a year, built
once from the same aggregate functions."""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import cache as shared_cache
from django.urls import reverse

from core.admin_base.figure_note import FIGURE_VAR
from core.db_router import report_reads

from . import tables as tables_module
from .aggregates import Figure, Records, Report, annual_report, compare, headline_figures
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


def drilldown_url(records: Records | None, figure: str = "") -> str:
    """The admin list of `records`, filtered by plain query parameters, so
    that the link can be shared; the list itself keeps to the reader's
    scope. `figure` («2022-cultural», the year and the figure's key) makes
    the list say which figure it lists (figure_note)."""
    if records is None:
        return ""
    opts = records.model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    params = records.params_text
    if figure:
        params = {**params, FIGURE_VAR: figure}
    return f"{changelist}?{urlencode(params)}"


FIGURE_NOTE = re.compile(r"^(\d{4})-([a-z_]+)$")
# The figures' labels and definitions of a year change only with the code
# and the contests' editions: kept a while, not recounted for every page.
FIGURE_NOTE_SECONDS = 600


def figure_note(value: str) -> str | None:
    """The sentence above a list opened from a figure (`?_figure=2022-cultural`,
    core/admin_base/figure_note.py): «Записи показателя «…»: <its
    definition>», the definition being the figure's own (reports.aggregates,
    its Measure). None for anything else."""
    match = FIGURE_NOTE.match(value or "")
    if not match:
        return None
    year, key = int(match[1]), match[2]
    cache_key = f"reports:figure-notes:{year}"
    notes = shared_cache.get(cache_key)
    if notes is None or key not in notes:  # a contest's figure added since
        with report_reads():
            figures = headline_figures(annual_report(year, full=False))
        notes = {f.key: f"Записи показателя «{f.label}»: {f.definition}" for f in figures}
        shared_cache.set(cache_key, notes, FIGURE_NOTE_SECONDS)
    return notes.get(key)


def _link(document: "Document") -> None:
    """Each figure and table cell with the address of its records."""
    territory = document.report.territory
    for figure in document.figures:
        records = figure.records
        if records is not None and territory is not None:
            records = records.in_territory(territory.pk)
        figure.url = drilldown_url(records, f"{document.report.year}-{figure.key}")
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
