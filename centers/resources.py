"""Spreadsheet formats of clubs, receptions and prevention records
(docs/import-formats.md)."""

import datetime

from committees.resources import lifespan_columns
from core.imports.columns import Boolean, Choice, Column, Date, Integer, Month, Text
from core.imports.engine import Context, ImportKind
from core.imports.resources import RegistryResource

from . import lookups
from .models import Club, PreventionRecord, Reception

CENTER = "Центр"


def center_column() -> Column:
    return Column(
        CENTER, "center", Text(200), required=True, fields=("center_id",), example="Импульс",
        aliases=("ЦРН", "Центр по работе с населением"), export=lambda o: o.center.name,
        help="Название центра по работе с населением, например «Импульс».",
    )


class CenterKind(ImportKind):
    """A format whose rows belong to a center."""

    select_related = ("center",)

    def preload(self, ctx: Context) -> None:
        lookups.load_centers(ctx)

    def center(self, values, ctx):
        return lookups.center(ctx, values["center"], CENTER)

    def existing(self, objs, ctx):
        ids = {obj.center_id for obj in objs}
        return self.model._default_manager.filter(center_id__in=ids).select_related("center")


class ClubKind(CenterKind):
    key = "clubs"
    title = "Кружки и клубы"
    model = Club
    identity = ("center_id", "name")
    columns = [
        center_column(),
        Column("Название", "name", Text(200), required=True, example="Клуб «Рукодельница»",
               export=lambda o: o.name),
        Column("Направление", "direction", Text(200), default="", example="декоративно-"
               "прикладное творчество", export=lambda o: o.direction),
        Column("Занимающихся", "members", Integer(), default=0, example=15,
               aliases=("Участников",), export=lambda o: o.members),
        Column("Работает и онлайн", "online", Boolean(), default=False,
               aliases=("Онлайн",), export=lambda o: o.online),
        *lifespan_columns(datetime.date(2019, 9, 1)),
    ]

    def build(self, values, ctx):
        return Club(
            center=self.center(values, ctx), name=values["name"],
            direction=values["direction"] or "", members=values["members"] or 0,
            online=values["online"], founded=values["founded"], closed=values["closed"],
        )


class ReceptionKind(CenterKind):
    key = "receptions"
    title = "Консультативные приемы"
    model = Reception
    identity = ("center_id", "date", "topic")
    columns = [
        center_column(),
        Column("Дата", "date", Date(min_year=2000), required=True,
               example=datetime.date(2022, 3, 15), export=lambda o: o.date),
        Column("Тема", "topic", Text(300), default="", example="благоустройство двора",
               export=lambda o: o.topic),
        Column("Обратилось граждан", "visitors", Integer(), required=True, example=4,
               aliases=("Граждан", "Посетителей"), export=lambda o: o.visitors),
    ]

    def build(self, values, ctx):
        return Reception(
            center=self.center(values, ctx), date=values["date"], topic=values["topic"] or "",
            visitors=values["visitors"],
        )


class PreventionKind(CenterKind):
    key = "prevention"
    title = "Профилактическая работа"
    model = PreventionRecord
    identity = ("center_id", "month", "kind")
    columns = [
        center_column(),
        Column("Месяц", "month", Month(min_year=2000), required=True, example="03.2022",
               export=lambda o: f"{o.month:%m.%Y}"),
        Column("Вид работы", "kind", Choice(tuple(PreventionRecord.Kind.choices)),
               required=True, example=PreventionRecord.Kind.FAMILY_RAID.label,
               export=lambda o: o.get_kind_display()),
        Column("Количество", "count", Integer(), required=True, example=3,
               export=lambda o: o.count),
    ]

    def build(self, values, ctx):
        return PreventionRecord(
            center=self.center(values, ctx), month=values["month"], kind=values["kind"],
            count=values["count"],
        )


class ClubResource(RegistryResource):
    kind_class = ClubKind

    class Meta:
        model = Club
        fields = ()


class ReceptionResource(RegistryResource):
    kind_class = ReceptionKind

    class Meta:
        model = Reception
        fields = ()


class PreventionRecordResource(RegistryResource):
    kind_class = PreventionKind

    class Meta:
        model = PreventionRecord
        fields = ()
