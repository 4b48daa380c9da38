"""The report's text: each figure in a sentence in the seed's style.

Built from a `reports.aggregates.Report`; the narrative blocks (text that is
not a figure) are put at the head of their section. The web page and the PDF
render the same sections.
"""

from dataclasses import dataclass, field

from centers.models import PreventionRecord
from contests.models import Application, Contest
from reports.models import NarrativeBlock

from .formatting import count, number, ordinal_word, place, plural, quoted_list, roman

Key = NarrativeBlock.Key
ContestKey = Contest.ReportKey

# Noun forms for one, a few and many (see formatting.plural).
COMMITTEES = ("окружной комитет", "окружных комитета", "окружных комитетов")
BODIES = ("орган", "органа", "органов")
ACTIVISTS = ("активного кемеровчанина", "активных кемеровчан", "активных кемеровчан")
CULTURAL_EVENTS = (
    "культурно-массовое мероприятие",
    "культурно-массовых мероприятия",
    "культурно-массовых мероприятий",
)
RECEPTIONS = ("консультативный прием", "консультативных приема", "консультативных приемов")
TEAM_BECAME = ("стала команда", "стали команды", "стали команды")


@dataclass
class Block:
    """A paragraph, or a list of items under a paragraph."""

    text: str = ""
    items: list[str] = field(default_factory=list)
    figure: int | None = None  # docs/design.md's row, for the reader and the tests


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    # Filled by reports.document: what is shown after the text.
    charts: list = field(default_factory=list)
    tables: list = field(default_factory=list)

    def add(self, text: str = "", items=None, figure: int | None = None) -> None:
        self.blocks.append(Block(text=text, items=list(items or []), figure=figure))


def _people(n: int) -> str:
    return count(n, "человек", "человека", "человек")


def _took_part(n: int) -> str:
    return f"{plural(n, 'принял', 'приняли', 'приняли')} участие {_people(n)}"


def _narrative(section: Section, report, *keys) -> None:
    for key in keys:
        block = report.narrative.get(key)
        if block is not None:
            for paragraph in block.paragraphs:
                section.add(paragraph)


def _where(report) -> str:
    if report.territory is not None:
        return f"На территории {report.territory.genitive}"
    return "В городе Кемерово"


def tos_section(report) -> Section:
    section = Section("tos", "Территориальное общественное самоуправление")
    reg, ev, year = report.registry, report.events, report.year
    _narrative(section, report, Key.TOS)
    committees, bodies, activists = (
        reg["committees"].total, reg["bodies"].total, reg["activists"].total
    )
    section.add(
        f"{_where(report)} {plural(committees, 'действует', 'действуют', 'действуют')} "
        f"{count(committees, *COMMITTEES)} "
        "территориального общественного самоуправления, в состав которых входит "
        f"{count(bodies, *BODIES)} территориального общественного "
        "самоуправления, объединяющих "
        f"{count(activists, *ACTIVISTS)}.",
        figure=1,
    )
    cultural, youth = ev.cultural.total, ev.youth.total
    section.add(
        f"За {year} год было проведено "
        f"{count(cultural, *CULTURAL_EVENTS)}, "
        f"в том числе {count(youth, 'мероприятие', 'мероприятия', 'мероприятий')} "
        "по развитию молодежного движения. Всего в отчетном периоде в мероприятиях "
        f"{_took_part(ev.cultural_people.total)}.",
        figure=4,
    )
    if report.campaigns:
        section.add(
            "При участии активистов ТОС прошли акции по месту жительства: "
            f"{quoted_list(report.campaigns)}.",
            figure=5,
        )
    actions, people = ev.actions.total, ev.action_people.total
    section.add(
        "Акции, субботники, тематические мероприятия регулярно проводятся активистами "
        f"территориального общественного самоуправления. За {year} год было проведено "
        f"{count(actions, 'акция и субботник', 'акции и субботника', 'акций и субботников')}, "
        f"в которых {_took_part(people)}.",
        figure=6,
    )
    return section


def _nomination_names(item) -> list[str]:
    return [str(n) for n in item.nominations]


def _applicant(result) -> str:
    app = result.application
    name = str(app.applicant)
    if app.center_id:
        name = f"«{app.center.name}»"
    territory = app.territory
    if territory is not None and app.applicant_kind in (
        Application.ApplicantKind.CENTER, Application.ApplicantKind.PERSON
    ):
        name = f"{name} {territory.genitive}" if app.center_id else f"{name} ({territory})"
    return name


def contests_section(report) -> Section:
    section = Section("contests", "Городские конкурсы и инициативные проекты")
    year = report.year
    _narrative(section, report, Key.CONTESTS)
    practice = report.contest(ContestKey.BEST_PRACTICE)
    if practice:
        _best_practice(section, practice, year)
    if report.initiative:
        _initiative(section, report.initiative, year)
    if report.contests["city_participants"]:
        _city_participants(section, report.contests["city_participants"], year)
    yard = report.contest(ContestKey.BEAUTIFUL_YARD)
    if yard:
        _beautiful_yard(section, yard, year)
    best_committee = report.contest(ContestKey.BEST_COMMITTEE)
    if best_committee:
        _best_committee(section, best_committee, year)
    snow = report.contest(ContestKey.SNOW)
    if snow:
        _snow(section, snow, year)
    spartakiad = report.contest(ContestKey.SPARTAKIAD)
    if spartakiad:
        _spartakiad(section, spartakiad)
    return section


def _best_practice(section: Section, practice, year: int) -> None:
    """Figure 7: the committees in the regional stage, the federal places."""
    edition = practice.edition
    lead = (
        f"{ordinal_word(edition.participation_year)} год подряд"
        if edition.participation_year
        else f"В {year} году"
    )
    section.add(
        f"{lead} члены окружных комитетов ТОС принимают участие в региональном этапе "
        f"конкурса «{edition.contest.name}». "
        f"{count(practice.committees_regional, *COMMITTEES)} "
        "территориального общественного самоуправления города Кемерово "
        f"{plural(practice.committees_regional, 'направил', 'направили', 'направили')} "
        f"заявки и {plural(practice.committees_regional, 'прошел', 'прошли', 'прошли')} "
        "региональный этап по номинациям: "
        f"{', '.join(n.name for n in practice.nominations)}.",
        figure=7,
    )
    federal = practice.results_at(Application.Stage.FEDERAL)
    if federal:
        section.add(
            f"По итогам федерального этапа конкурса {_federal_places(federal)}.", figure=7
        )


def _federal_places(results) -> str:
    """«в номинации … 3 место занял ТОС «Рудник» и 5 место ТОС «Шахтерский уголок»; …»"""
    by_nomination: dict[str, list] = {}
    for result in results:
        nomination = str(result.application.nomination or "")
        by_nomination.setdefault(nomination, []).append(result)
    parts = []
    for name, group in by_nomination.items():
        places = [
            f"{place(r)}{' занял' if n == 0 else ''} {_applicant(r)}"
            for n, r in enumerate(group)
        ]
        parts.append((f"в номинации {name} " if name else "") + " и ".join(places))
    return "; ".join(parts)


def _initiative(section: Section, init, year: int) -> None:
    """Figure 8: initiative budgeting, its voters, what it built and will build."""
    program = init.program.name
    section.add(
        "В региональной программе инициативного бюджетирования "
        f"«{program}» город Кемерово участвует {init.program_year}-й год подряд. "
        "В определении проектов инициативного бюджетирования уже "
        f"{plural(init.voters, 'принял', 'приняли', 'приняли')} участие "
        f"{count(init.voters, 'кемеровчанин', 'кемеровчанина', 'кемеровчан')}.",
        figure=8,
    )
    built = _built_objects(init)
    if built:
        section.add(
            f"За {count(init.program_year, 'год', 'года', 'лет')} в рамках программы "
            f"{plural(init.built_total, 'благоустроена', 'благоустроены', 'благоустроены')} "
            f"{' и '.join(built)} в разных районах города.",
            figure=8,
        )
    if init.built_this_year:
        n = len(init.built_this_year)
        section.add(
            f"Только в {year} году "
            f"{plural(n, 'оборудована', 'оборудовано', 'оборудовано')} "
            f"{count(n, 'площадка', 'площадки', 'площадок')} по региональной программе "
            f"«{program}»:",
            items=[f"{p.territory}: {_lower(p.title)} ({p.address})"
                   for p in init.built_this_year],
            figure=8,
        )
    if init.submitted_next_year:
        n = len(init.submitted_next_year)
        section.add(
            f"Реализация проектов продолжится и в {year + 1} году, в областную "
            f"конкурсную комиссию {plural(n, 'подан', 'поданы', 'поданы')} "
            f"{count(n, 'проект', 'проекта', 'проектов')}.",
            figure=8,
        )


def _built_objects(init) -> list[str]:
    """«2 спортивные площадки», «5 детских игровых площадок», … built so far."""
    built = []
    if init.built_sport:
        built.append(count(init.built_sport, "спортивная площадка", "спортивные площадки",
                           "спортивных площадок"))
    if init.built_playground:
        built.append(count(init.built_playground, "детская игровая площадка",
                           "детские игровые площадки", "детских игровых площадок"))
    if init.built_other:
        built.append(count(init.built_other, "другой объект", "других объекта",
                           "других объектов"))
    return built


def _city_participants(section: Section, people: int, year: int) -> None:
    """Figure 9: everyone who took part in the city's contests."""
    section.add(
        f"В {year} году были проведены городские конкурсы, целью которых является "
        "поддержка общественной инициативы через социально значимые дела и мероприятия "
        "патриотической направленности. В течение года в конкурсах "
        f"{_took_part(people)}.",
        figure=9,
    )


def _beautiful_yard(section: Section, yard, year: int) -> None:
    """Figure 10: the applications of the district stage and those that went on."""
    _city_contest_lead(section, yard, year, figure=10)
    district = yard.reached.get(Application.Stage.DISTRICT, 0)
    city = yard.reached.get(Application.Stage.CITY, 0)
    section.add(
        "На районный этап конкурса "
        f"{plural(district, 'была подана', 'было подано', 'было подано')} "
        f"{count(district, 'заявка', 'заявки', 'заявок')}, из которых на городской этап "
        f"{plural(city, 'прошла', 'прошли', 'прошли')} "
        f"{count(city, 'заявка', 'заявки', 'заявок')}.",
        figure=10,
    )


def _best_committee(section: Section, best_committee, year: int) -> None:
    """Figure 11: the committees' contest and its participants."""
    _city_contest_lead(section, best_committee, year, figure=11)
    section.add(
        f"По итогам конкурса в нем {_took_part(best_committee.participants)}.",
        figure=11,
    )


def _snow(section: Section, snow, year: int) -> None:
    """Figure 12: the winter yards' contest, its applications and what was built."""
    _city_contest_lead(section, snow, year, figure=12)
    n = snow.applications
    section.add(
        f"На участие в конкурсе {plural(n, 'была подана', 'было подано', 'было подано')} "
        f"{count(n, 'заявка', 'заявки', 'заявок')}.",
        figure=12,
    )
    if snow.outcomes:
        section.add(
            "Только в этом году усилиями неравнодушных кемеровчан по месту жительства: "
            + "; ".join(f"{_lower(o.label)} — {number(o.value)}" for o in snow.outcomes)
            + ".",
            figure=12,
        )


def _spartakiad(section: Section, spartakiad) -> None:
    """Figure 13: the committees' spartakiad, its sports, leaders and fans' prizes."""
    edition = spartakiad.edition
    ordinal = f"{roman(edition.ordinal)} " if edition.ordinal else ""
    section.add(
        f"Состоялась {ordinal}спартакиада среди комитетов территориального общественного "
        f"самоуправления «{edition.contest.name}».",
        figure=13,
    )
    if spartakiad.nominations:
        section.add(
            "Соревнования прошли по видам: "
            f"{', '.join(str(n) for n in spartakiad.nominations)}.",
            figure=13,
        )
    winners = [r for r in spartakiad.results if r.place == 1]
    if winners:
        names = ", ".join(_team(r) for r in winners)
        section.add(
            f"{plural(len(winners), 'Лидером', 'Лидерами', 'Лидерами')} {ordinal}спартакиады "
            f"среди комитетов ТОС {plural(len(winners), *TEAM_BECAME)} "
            f"{names}.",
            figure=13,
        )
    prizes = [r for r in spartakiad.results if r.prize]
    if prizes:
        section.add(
            "В конкурсе болельщиков отмечены: "
            + "; ".join(
                f"{r.prize} — {r.application.territory or _team(r)}" for r in prizes
            )
            + ".",
            figure=13,
        )


def _team(result) -> str:
    app = result.application
    name = str(app.applicant)
    if app.applicant_kind == Application.ApplicantKind.PERSON:
        name = f"«{name}»" if not name.startswith("«") else name
    if app.territory is not None:
        name = f"{name} {app.territory.genitive}"
    return name


def _lower(text: str) -> str:
    """«Построено снежных городков» in the middle of a sentence."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _city_contest_lead(section: Section, item, year: int, figure: int) -> None:
    contest = item.contest
    former = [n.strip() for n in contest.former_names.split(";") if n.strip()]
    text = f"Городской конкурс «{contest.name}»"
    if former:
        text += f" (ранее {quoted_list(former)})"
    if contest.held_since:
        text += f" проводится в городе Кемерово с {contest.held_since} года"
    else:
        text += " проводится ежегодно"
    if contest.description:
        text += f", направлен на {_lower(contest.description.strip().rstrip('.'))}"
    section.add(text + ".", figure=figure)
    names = _nomination_names(item)
    if names:
        section.add(
            f"В {year} году он прошел по "
            f"{count(len(names), 'номинации', 'номинациям', 'номинациям')}:",
            items=names,
            figure=figure,
        )


def centers_section(report) -> Section:
    section = Section("centers", "Центры по работе с населением")
    _centers_and_receptions(section, report)
    _narrative(section, report, Key.CENTERS)
    _prevention(section, report)
    _clubs_and_center_events(section, report)
    best = report.contest("best_center")
    if best:
        _best_center(section, best, report.year)
    return section


def _centers_and_receptions(section: Section, report) -> None:
    """Figures 14 and 15: the centers, their receptions and visitors."""
    cen = report.centers
    n = cen["centers"].total
    section.add(
        "Для содействия развитию ТОС и обеспечения эффективного взаимодействия органов "
        "местного самоуправления с населением в городе "
        f"{plural(n, 'работает', 'работают', 'работают')} "
        f"{count(n, 'центр', 'центра', 'центров')} по работе с населением, "
        "расположенные в жилых районах города.",
        figure=14,
    )
    receptions, visitors = cen["receptions"].total, cen["visitors"].total
    section.add(
        f"В {report.year} году на базе ЦРН "
        f"{plural(receptions, 'проведен', 'проведены', 'проведены')} "
        f"{count(receptions, *RECEPTIONS)} "
        f"граждан, {plural(visitors, 'обратился', 'обратились', 'обратились')} "
        f"{_people(visitors)}.",
        figure=15,
    )


def _prevention(section: Section, report) -> None:
    """Figures 16 and 17: raids, calls, information sent, events with families."""
    Kind = PreventionRecord.Kind
    prevention = {kind: tally.total for kind, tally in report.centers["prevention"].items()}
    family, teen = prevention[Kind.FAMILY_RAID], prevention[Kind.TEEN_RAID]
    section.add(
        "В рамках профилактики безнадзорности, правонарушений несовершеннолетних и защиты "
        f"их прав за отчетный период было проведено {count(family, 'рейд', 'рейда', 'рейдов')} "
        f"в неблагополучные семьи, {count(teen, 'рейд', 'рейда', 'рейдов')} к неблагополучным "
        "подросткам, находящимся в «группе риска».",
        figure=16,
    )
    calls, child_calls = prevention[Kind.FAMILY_CALL], prevention[Kind.RISK_CHILD_CALL]
    talk = ("профилактическую беседу", "профилактические беседы", "профилактических бесед")
    section.add(
        f"Сотрудники центров по работе с населением провели {count(calls, *talk)} по телефону "
        f"с неблагополучными семьями и {count(child_calls, *talk)} по телефону с семьями "
        "детей «группы риска».",
        figure=16,
    )
    section.add(
        "Направлено информации в правоохранительные и контролирующие органы по результатам "
        f"работы — {number(prevention[Kind.INFORMATION])}.",
        figure=16,
    )
    at_risk = report.events.at_risk.total
    section.add(
        f"За отчетный период {plural(at_risk, 'проведено', 'проведено', 'проведено')} "
        f"{count(at_risk, 'мероприятие', 'мероприятия', 'мероприятий')} на базе центров по "
        "работе с населением с участием неблагополучных семей, несовершеннолетних детей и "
        "подростков «группы риска».",
        figure=17,
    )


def _clubs_and_center_events(section: Section, report) -> None:
    """Figures 18 and 19: clubs and their members, the centers' events."""
    clubs, members = report.centers["clubs"].total, report.centers["club_members"].total
    section.add(
        "Для организации ежедневной занятости детей, подростков и взрослого населения "
        f"{plural(clubs, 'работает', 'работают', 'работают')} "
        f"{count(clubs, 'кружок или клуб', 'кружка и клуба', 'кружков и клубов')} по интересам, "
        f"в которых занимается {_people(members)}.",
        figure=18,
    )
    events, people = report.events.center_events.total, report.events.center_people.total
    section.add(
        "За отчетный период по месту жительства работниками ЦРН были проведены тематические, "
        f"праздничные и спортивные мероприятия. Всего прошло "
        f"{count(events, 'мероприятие', 'мероприятия', 'мероприятий')}, в которых "
        f"{_took_part(people)}.",
        figure=19,
    )


def _best_center(section: Section, best, year: int) -> None:
    """Figure 20: the centers' contest, its periods, directions and winners."""
    edition = best.edition
    directions = len(best.nominations)
    text = (
        "Ежегодно для улучшения своей материально-технической базы ЦРН принимают участие "
        f"в городском смотре-конкурсе «{edition.contest.name}». В {year} году конкурс "
        "проходил"
    )
    if edition.periods:
        text += f" в {count(edition.periods, 'период', 'периода', 'периодов')}"
    text += (
        f" по {count(directions, 'направлению', 'направлениям', 'направлениям')}. "
        f"Участие в конкурсе {plural(best.centers, 'принял', 'приняли', 'приняли')} "
        f"{count(best.centers, 'центр', 'центра', 'центров')} по работе с населением."
    )
    section.add(text, figure=20)
    by_nomination: dict = {}
    for result in best.results:
        if result.application.nomination_id:
            by_nomination.setdefault(result.application.nomination, []).append(result)
    for nomination, results in by_nomination.items():
        section.add(
            f"{plural(len(results), 'Победителем', 'Победителями', 'Победителями')} в "
            f"направлении «{nomination.name}» "
            f"{plural(len(results), 'стал', 'стали', 'стали')}: "
            f"{'; '.join(_applicant(r) for r in results)}.",
            figure=20,
        )


def media_section(report) -> Section:
    section = Section("media", "Информирование населения и Слет общественности")
    _narrative(section, report, Key.MEDIA)
    gathering = report.gathering
    if gathering:
        venue = f" (место проведения: {gathering.place})" if gathering.place else ""
        section.add(
            "С 2006 года стало доброй традицией проводить ежегодный городской Слет "
            "общественности, на котором подводят итоги работы, награждают общественников, "
            "сотрудников центров по работе с населением и неравнодушных кемеровчан. "
            f"В {report.year} году был проведен {roman(gathering.ordinal)} городской "
            f"Слет общественности{venue}.",
            figure=21,
        )
    return section


def plan_section(report) -> Section | None:
    plan = report.plan
    if plan is None:
        return None
    section = Section("plan", f"Задачи на {plan.year} год")
    goal = plan.goal.strip().rstrip(".")
    goal = goal[:1].lower() + goal[1:]
    section.add(
        f"В {plan.year} году органам местного самоуправления города Кемерово поставлена "
        f"цель: {goal}.",
        figure=22,
    )
    tasks = list(plan.tasks.all())
    if tasks:
        section.add(
            "Для достижения данной цели должны быть решены следующие основные задачи:",
            items=[task.text for task in tasks],
            figure=22,
        )
    if plan.program_id:
        section.add(
            "Достижение поставленных задач будет осуществляться в рамках муниципальной "
            f"программы «{plan.program.name}»"
            + (f" на {plan.program.start_year}–{plan.program.end_year} годы."
               if plan.program.end_year else "."),
        )
    return section


def narrative_section(report, key: str, title: str, *keys: str) -> Section | None:
    section = Section(key, title)
    _narrative(section, report, *keys)
    return section if section.blocks else None


def sections(report) -> list[Section]:
    """The report's sections in the seed's order; empty ones are left out."""
    out = [
        narrative_section(report, "intro", "Введение", Key.INTRODUCTION, Key.LEGAL_BASIS),
        tos_section(report),
        contests_section(report),
        centers_section(report),
        media_section(report),
        narrative_section(report, "conclusion", "Заключение", Key.CONCLUSION),
        plan_section(report),
    ]
    return [s for s in out if s is not None and s.blocks]
