"""Tables of the report (by territory, winners, projects) as plain rows, so
that the page, the PDF and the spreadsheet show the same cells."""

from dataclasses import dataclass, field

from centers.models import PreventionRecord

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


def by_territory(report, key: str, title: str, columns: list[tuple[str, dict]]) -> Table:
    tallies = [tally for _, tally in columns]
    table = Table(key, title, ["Территория", *[label for label, _ in columns]])
    for territory_id in _territory_order(report, tallies):
        name = (
            str(report.territories[territory_id]) if territory_id is not None
            else "Администрация города"
        )
        table.rows.append([name, *[tally.get(territory_id, 0) for tally in tallies]])
    table.footer = ["Всего", *[sum(tally.values()) for tally in tallies]]
    return table


def tos_by_territory(report) -> Table:
    reg, ev = report.registry, report.events
    return by_territory(report, "tos_territories", "ТОС по территориям", [
        ("Окружные комитеты", reg["committees"]),
        ("Органы ТОС", reg["bodies"]),
        ("Активисты", reg["activists"]),
        ("Культурно-массовые мероприятия", ev.cultural),
        ("в т. ч. молодежные", ev.youth),
        ("Акции и субботники", ev.actions),
        ("Участники", ev.committee_people),
    ])


def centers_by_territory(report) -> Table:
    cen, ev = report.centers, report.events
    return by_territory(report, "centers_territories", "Центры по работе с населением "
                        "по территориям", [
        ("Центры", cen["centers"]),
        ("Кружки и клубы", cen["clubs"]),
        ("Занимающиеся", cen["club_members"]),
        ("Приемы", cen["receptions"]),
        ("Обратились", cen["visitors"]),
        ("Мероприятия", ev.center_events),
        ("в т. ч. «группа риска»", ev.at_risk),
        ("Участники", ev.center_people),
    ])


def prevention_by_territory(report) -> Table:
    prevention = report.centers["prevention"]
    return by_territory(report, "prevention_territories", "Профилактическая работа "
                        "по территориям", [
        (label, prevention[kind]) for kind, label in PREVENTION_LABELS.items()
    ])


def applications_by_territory(report) -> Table:
    editions = [e for e in report.contests["editions"] if e.applications]
    return by_territory(report, "contest_territories", "Заявки на конкурсы по территориям", [
        (e.contest.name, e.by_territory) for e in editions
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
