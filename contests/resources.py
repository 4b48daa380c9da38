"""Spreadsheet formats of contest applications and initiative projects
(docs/import-formats.md)."""

import datetime
from collections import defaultdict

from centers import lookups as center_lookups
from committees import lookups as committee_lookups
from committees.resources import COMMITTEE, TOS_BODY
from core.imports.columns import Choice, Column, Date, Integer, Text, fold
from core.imports.engine import Context, ImportKind, RowError
from core.imports.resources import RegistryResource

from .models import Application, ContestEdition, InitiativeProject, Nomination, Program

CONTEST = "Конкурс"
NOMINATION = "Номинация"
CENTER = "Центр"
TERRITORY = "Территория"
YEAR = Integer(minimum=1990, maximum=2100)


def _applicant(o: Application) -> str:
    return o.applicant_name


class ApplicationKind(ImportKind):
    key = "applications"
    title = "Заявки на конкурсы"
    model = Application
    identity = ("edition_id", "nomination_id", "applicant_kind", "tos_body_id", "committee_id",
                "center_id", "applicant_name")
    select_related = ("edition__contest", "nomination", "tos_body", "committee", "center",
                      "territory")
    columns = [
        Column(CONTEST, "contest", Text(300), required=True, fields=(),
               example="Любимому городу — красивый дом и двор",
               export=lambda o: o.edition.contest.name,
               help="Название конкурса (или одно из его прежних названий)."),
        Column("Год", "year", YEAR, required=True, fields=("edition_id",), example=2022,
               export=lambda o: o.edition.year, help="Год проведения конкурса."),
        Column(NOMINATION, "nomination", Text(300), fields=("nomination_id",),
               export=lambda o: o.nomination.name if o.nomination_id else ""),
        Column("Категория", "category", Choice(tuple(Nomination.Category.choices)), fields=(),
               export=lambda o: o.nomination.get_category_display()
               if o.nomination_id and o.nomination.category else "",
               help="Нужна, если у номинации есть категории."),
        Column("Заявитель", "applicant_kind", Choice(tuple(Application.ApplicantKind.choices)),
               required=True, example=Application.ApplicantKind.TOS_BODY.label,
               export=lambda o: o.get_applicant_kind_display()),
        Column(COMMITTEE, "committee", Text(200), fields=("committee_id",), example="12",
               export=lambda o: o.committee.number if o.committee_id else "",
               help="Номер или название комитета; для заявки органа ТОС — его комитет."),
        Column(TOS_BODY, "tos_body", Text(300), fields=("tos_body_id",),
               example="ул. Весенняя, 12",
               export=lambda o: (o.tos_body.name or o.tos_body.address) if o.tos_body_id else "",
               help="Адрес или название органа ТОС (для заявки органа ТОС)."),
        Column(CENTER, "center", Text(200), fields=("center_id",),
               export=lambda o: o.center.name if o.center_id else ""),
        Column("Житель или команда", "applicant_name", Text(300), default="",
               export=_applicant),
        Column(TERRITORY, "territory", Text(100), fields=("territory_id",),
               export=lambda o: o.territory.name if o.territory_id else "",
               help="Для жителя; у комитета и центра берется их территория."),
        Column("Адрес объекта", "address", Text(300), default="", export=lambda o: o.address),
        Column("Участников", "participants", Integer(), default=1, example=5,
               export=lambda o: o.participants),
        Column("Достигнутый этап", "stage", Choice(tuple(Application.Stage.choices)),
               required=True, example=Application.Stage.DISTRICT.label, aliases=("Этап",),
               export=lambda o: o.get_stage_display()),
        Column("Дата подачи", "submitted", Date(min_year=1998), required=True,
               example=datetime.date(2022, 6, 1), export=lambda o: o.submitted),
    ]

    def preload(self, ctx: Context) -> None:
        committee_lookups.load_committees(ctx)
        center_lookups.load_centers(ctx)
        committee_lookups.load_territories(ctx)
        committee_lookups.load_tos_bodies(ctx)
        editions = {}
        for edition in ContestEdition.objects.select_related("contest"):
            names = [edition.contest.name, *edition.contest.former_names.split(";")]
            for name in names:
                if name.strip():
                    editions.setdefault((fold(name), edition.year), edition)
        ctx.lookups["edition"] = editions
        nominations = defaultdict(list)
        for nomination in Nomination.objects.all():
            nominations[(nomination.edition_id, fold(nomination.name))].append(nomination)
        ctx.lookups["nomination"] = nominations

    def build(self, values, ctx):
        edition = ctx.lookups["edition"].get((fold(values["contest"]), values["year"]))
        if edition is None:
            raise RowError(f"конкурс «{values['contest']}» {values['year']} года не заведен "
                           "в реестре", CONTEST)
        nomination = None
        if values["nomination"]:
            found = ctx.lookups["nomination"].get((edition.pk, fold(values["nomination"])), [])
            if values["category"] is not None:
                found = [n for n in found if n.category == values["category"]]
            if not found:
                raise RowError(f"в конкурсе нет номинации «{values['nomination']}»", NOMINATION)
            if len(found) > 1:
                raise RowError("у номинации несколько категорий: укажите категорию", NOMINATION)
            nomination = found[0]
        territory = None
        committee, body, center = center_lookups.organiser(
            ctx, values, COMMITTEE, TOS_BODY, CENTER
        )
        if values["territory"]:
            territory = committee_lookups.territory(ctx, values["territory"], TERRITORY)
        # Application.save() fills these; bulk_create does not call it.
        source = committee or center
        if territory is None and source is not None:
            territory = source.territory
        return Application(
            edition=edition, nomination=nomination, applicant_kind=values["applicant_kind"],
            tos_body=body, committee=committee, center=center,
            applicant_name=values["applicant_name"] or "", territory=territory,
            address=values["address"] or "", participants=values["participants"],
            stage=values["stage"], submitted=values["submitted"],
        )

    def existing(self, objs, ctx):
        ids = {obj.edition_id for obj in objs}
        return Application.objects.filter(edition_id__in=ids).select_related(
            *self.select_related
        )


class InitiativeProjectKind(ImportKind):
    key = "projects"
    title = "Проекты инициативного бюджетирования"
    model = InitiativeProject
    identity = ("year_submitted", "title", "address")
    select_related = ("program", "territory")
    columns = [
        Column("Программа", "program", Text(300), fields=("program_id",),
               example="Твой Кузбасс — твоя инициатива", export=lambda o: o.program.name,
               help="Можно не заполнять, если в реестре одна программа."),
        Column("Год подачи", "year_submitted", YEAR, required=True, example=2022,
               export=lambda o: o.year_submitted),
        Column("Год реализации", "year_built", YEAR, example=2022,
               export=lambda o: o.year_built),
        Column(TERRITORY, "territory", Text(100), required=True, fields=("territory_id",),
               example="Кировский район", export=lambda o: o.territory.name),
        Column("Объект", "title", Text(300), required=True,
               example="Спортивная площадка МБОУ «СОШ № 1»", export=lambda o: o.title),
        Column("Адрес", "address", Text(300), required=True, example="ул. Институтская, 1",
               export=lambda o: o.address),
        Column("Вид", "kind", Choice(tuple(InitiativeProject.Kind.choices)), required=True,
               example=InitiativeProject.Kind.SPORT.label, export=lambda o: o.get_kind_display()),
        Column("Статус", "status", Choice(tuple(InitiativeProject.Status.choices)),
               required=True, example=InitiativeProject.Status.BUILT.label,
               export=lambda o: o.get_status_display()),
        Column("Жителей участвовало в выборе", "voters", Integer(), default=0, example=1000,
               aliases=("Голосов", "Жителей"), export=lambda o: o.voters),
    ]

    def preload(self, ctx):
        committee_lookups.load_territories(ctx)
        ctx.lookups["program"] = {fold(p.name): p for p in Program.objects.all()}

    def build(self, values, ctx):
        programs = ctx.lookups["program"]
        if values["program"]:
            program = programs.get(fold(values["program"]))
            if program is None:
                raise RowError(f"неизвестная программа «{values['program']}»", "Программа")
        elif len(programs) == 1:
            program = next(iter(programs.values()))
        else:
            raise RowError("укажите программу", "Программа")
        return InitiativeProject(
            program=program, year_submitted=values["year_submitted"],
            year_built=values["year_built"],
            territory=committee_lookups.territory(ctx, values["territory"], TERRITORY),
            title=values["title"], address=values["address"], kind=values["kind"],
            status=values["status"], voters=values["voters"] or 0,
        )

    def existing(self, objs, ctx):
        years = {obj.year_submitted for obj in objs}
        return InitiativeProject.objects.filter(year_submitted__in=years).select_related(
            *self.select_related
        )


class ApplicationResource(RegistryResource):
    kind_class = ApplicationKind

    class Meta:
        model = Application
        fields = ()


class InitiativeProjectResource(RegistryResource):
    kind_class = InitiativeProjectKind

    class Meta:
        model = InitiativeProject
        fields = ()
