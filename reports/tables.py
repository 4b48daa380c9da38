"""Tables of the report (by territory, winners, projects) as plain rows, so
that the page, the PDF and the spreadsheet show the same cells."""

from dataclasses import dataclass, field

from centers.models import PreventionRecord

from .aggregates import CENTERS, CONTESTS, EVENTS, REGISTRY
from .formatting import place

Kind = PreventionRecord.Kind
PREVENTION_LABELS = {
    Kind.FAMILY_RAID: "Рейды в семьи",
    Kind.TEEN_RAID: "Рейды к подросткам",
    Kind.FAMILY_CALL: "Беседы с семьями",
    Kind.RISK_CHILD_CALL: "Беседы с семьями детей «группы риска»",
    Kind.INFORMATION: "Информации в органы",
}


@dataclass
class Table:
    key: str
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    footer: list | None = None  # the totals row
    # The records each cell counts (aggregates.Records, None for a cell that
    # counts nothing), as `rows` and `footer`; made links by reports.document.
    links: list[list] = field(default_factory=list)
    footer_links: list | None = None
    notes: list[str] = field(default_factory=list)  # each column's definition

    @property
    def row_cells(self) -> list[list[tuple]]:
        """Each row as (value, link) pairs; "" where a cell has no link."""
        return [_pairs(row, self.links[n] if n < len(self.links) else None)
                for n, row in enumerate(self.rows)]

    @property
    def footer_cells(self) -> list[tuple]:
        return _pairs(self.footer, self.footer_links) if self.footer else []


def _pairs(values: list, links: list | None) -> list[tuple]:
    links = links or []
    return [(value, (links[n] if n < len(links) else "") or "")
            for n, value in enumerate(values)]


def _territory_order(report, tallies) -> list:
    ids = set()
    for tally in tallies:
        ids.update(tally)
    known = [t for t in report.territories.values() if t.pk in ids]
    known.sort(key=lambda t: (t.order, t.name))
    out = [t.pk for t in known]
    if None in ids:
        out.append(None)
    return out


def by_territory(report, key: str, title: str, columns: list[tuple]) -> Table:
    """A table of `columns` (label, Tally, and the figure's Measure with what
    it is of) by territory, each cell with its records."""
    tallies = [column[1] for column in columns]
    table = Table(key, title, ["Территория", *[column[0] for column in columns]])
    records = [column[2].records(column[3]) if len(column) > 2 else None
               for column in columns]
    table.notes = ["", *[column[2].define(column[3]) if len(column) > 2 else ""
                         for column in columns]]
    for territory_id in _territory_order(report, tallies):
        name = (
            str(report.territories[territory_id]) if territory_id is not None
            else "Администрация города"
        )
        table.rows.append([name, *[tally.get(territory_id, 0) for tally in tallies]])
        table.links.append([None, *[r and r.in_territory(territory_id) for r in records]])
    table.footer = ["Всего", *[sum(tally.values()) for tally in tallies]]
    territory = report.territory
    table.footer_links = [None, *[r and (r.in_territory(territory.pk) if territory else r)
                                  for r in records]]
    return table


def tos_by_territory(report) -> Table:
    reg, ev, year = report.registry, report.events, report.year
    return by_territory(report, "tos_territories", "ТОС по территориям", [
        ("Окружные комитеты", reg["committees"], REGISTRY["committees"], year),
        ("Органы ТОС", reg["bodies"], REGISTRY["bodies"], year),
        ("Активисты", reg["activists"], REGISTRY["activists"], year),
        ("Культурно-массовые мероприятия", ev.cultural, EVENTS["cultural"], year),
        ("в т. ч. молодежные", ev.youth, EVENTS["youth"], year),
        ("Акции и субботники", ev.actions, EVENTS["actions"], year),
        ("Участники", ev.committee_people, EVENTS["committee_people"], year),
    ])


def centers_by_territory(report) -> Table:
    cen, ev, year = report.centers, report.events, report.year
    return by_territory(report, "centers_territories", "Центры по работе с населением "
                        "по территориям", [
        ("Центры", cen["centers"], CENTERS["centers"], year),
        ("Кружки и клубы", cen["clubs"], CENTERS["clubs"], year),
        ("Занимающиеся", cen["club_members"], CENTERS["club_members"], year),
        ("Приемы", cen["receptions"], CENTERS["receptions"], year),
        ("Обратились", cen["visitors"], CENTERS["visitors"], year),
        ("Мероприятия", ev.center_events, EVENTS["center_events"], year),
        ("в т. ч. «группа риска»", ev.at_risk, EVENTS["at_risk"], year),
        ("Участники", ev.center_people, EVENTS["center_people"], year),
    ])


def prevention_by_territory(report) -> Table:
    prevention = report.centers["prevention"]
    return by_territory(report, "prevention_territories", "Профилактическая работа "
                        "по территориям", [
        (label, prevention[kind], CENTERS[kind], report.year)
        for kind, label in PREVENTION_LABELS.items()
    ])


def applications_by_territory(report) -> Table:
    editions = [e for e in report.contests["editions"] if e.applications]
    return by_territory(report, "contest_territories", "Заявки на конкурсы по территориям", [
        (e.contest.name, e.by_territory, CONTESTS["applications"], e) for e in editions
    ])


def _winner(result) -> str:
    app = result.application
    if app.center_id:
        return f"ЦРН «{app.center.name}»"
    return str(app.applicant)


def winners(report) -> list[Table]:
    """A table of results for each contest edition that has them."""
    tables = []
    for item in report.contests["editions"]:
        if not item.results:
            continue
        table = Table(
            f"winners_{item.edition.pk}",
            f"«{item.contest.name}» — итоги {report.year} года",
            ["Номинация", "Итог", "Участник", "Территория", "Этап"],
        )
        for result in item.results:
            app = result.application
            table.rows.append([
                str(app.nomination) if app.nomination_id else "—",
                place(result),
                _winner(result),
                str(app.territory) if app.territory_id else "—",
                result.get_stage_display(),
            ])
        tables.append(table)
    return tables


def projects(report) -> Table | None:
    init = report.initiative
    if init is None:
        return None
    table = Table(
        "projects", f"«{init.program.name}»: проекты {report.year} года",
        ["Территория", "Объект", "Адрес", "Статус", "Жителей в выборе"],
    )
    for project in [*init.built_this_year, *init.submitted_next_year]:
        table.rows.append([
            str(project.territory), project.title, project.address,
            project.get_status_display(), project.voters,
        ])
    return table


def all_tables(report) -> dict:
    return {
        "tos": tos_by_territory(report),
        "centers": centers_by_territory(report),
        "prevention": prevention_by_territory(report),
        "applications": applications_by_territory(report),
        "winners": winners(report),
        "projects": projects(report),
    }
