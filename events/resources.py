"""Spreadsheet format of events (docs/import-formats.md)."""

import datetime

from django.utils import timezone

from centers import lookups as center_lookups
from committees import lookups as committee_lookups
from committees.resources import COMMITTEE, TOS_BODY
from core.imports.columns import Boolean, Choice, Column, Date, Integer, Text
from core.imports.engine import Context, ImportKind
from core.imports.resources import RegistryResource

from . import lookups
from .models import Event

CENTER = "Центр"
CITY = "Администрация города"


class EventKind(ImportKind):
    key = "events"
    title = "Мероприятия"
    model = Event
    identity = ("committee_id", "center_id", "by_city", "date", "title")
    extra_update_fields = ("version", "updated")
    select_related = ("committee", "tos_body", "center", "campaign")
    columns = [
        Column("Дата", "date", Date(min_year=2000), required=True,
               example=datetime.date(2022, 5, 20), export=lambda o: o.date),
        Column("Название", "title", Text(300), required=True, example="Праздник двора",
               export=lambda o: o.title),
        Column("Вид", "kind", Choice(tuple(Event.Kind.choices)), required=True,
               example=Event.Kind.CULTURAL.label, export=lambda o: o.get_kind_display()),
        Column(COMMITTEE, "committee", Text(200), fields=("committee_id",), example="12",
               aliases=("Комитет", "ОК ТОС"),
               export=lambda o: o.committee.number if o.committee_id else "",
               help="Номер или название комитета-организатора. Заполняется одно из трех: "
               "комитет, центр или «Администрация города»."),
        Column(TOS_BODY, "tos_body", Text(300), fields=("tos_body_id",),
               export=lambda o: (o.tos_body.name or o.tos_body.address) if o.tos_body_id else "",
               help="Если мероприятие провел орган ТОС комитета: его адрес или название."),
        Column(CENTER, "center", Text(200), fields=("center_id",),
               aliases=("ЦРН", "Центр по работе с населением"),
               export=lambda o: o.center.name if o.center_id else "",
               help="Название центра-организатора, например «Импульс»."),
        Column(CITY, "by_city", Boolean(), default=False,
               export=lambda o: o.by_city,
               help="«да», если проводит администрация города."),
        Column("Городская акция", "campaign", Text(200), fields=("campaign_id",),
               aliases=("Акция",), example="Все на лыжи",
               export=lambda o: o.campaign.name if o.campaign_id else "",
               help="Название городской акции, если мероприятие в нее входит."),
        Column("Участников", "participants", Integer(), required=True, example=30,
               aliases=("Количество участников", "Участники"),
               export=lambda o: o.participants),
        Column("Молодежное движение", "is_youth", Boolean(), default=False,
               aliases=("По развитию молодежного движения",), export=lambda o: o.is_youth),
        Column("Группа риска", "is_at_risk", Boolean(), default=False,
               aliases=("С участием семей и подростков «группы риска»",),
               export=lambda o: o.is_at_risk, help="Только для мероприятий центров."),
        Column("Яркий момент", "is_highlight", Boolean(), default=False,
               export=lambda o: o.is_highlight),
        Column("Место проведения", "place", Text(300), default="", aliases=("Место",),
               example="двор дома ул. Весенняя, 12", export=lambda o: o.place),
        Column("Описание", "description", Text(5000), default="",
               export=lambda o: o.description),
    ]

    def preload(self, ctx: Context) -> None:
        committee_lookups.load_committees(ctx)
        center_lookups.load_centers(ctx)
        lookups.load_campaigns(ctx)
        committee_lookups.load_tos_bodies(ctx)

    def build(self, values: dict, ctx: Context) -> Event:
        campaign = None
        committee, body, center = center_lookups.organiser(
            ctx, values, COMMITTEE, TOS_BODY, CENTER
        )
        if values["campaign"]:
            campaign = lookups.campaign(ctx, values["campaign"], "Городская акция")
        return Event(
            date=values["date"], title=values["title"], kind=values["kind"],
            committee=committee, tos_body=body, center=center, by_city=values["by_city"],
            campaign=campaign, participants=values["participants"],
            is_youth=values["is_youth"], is_at_risk=values["is_at_risk"],
            is_highlight=values["is_highlight"], place=values["place"] or "",
            description=values["description"] or "",
        )

    def existing(self, objs, ctx):
        dates = [obj.date for obj in objs]
        return Event.objects.filter(date__gte=min(dates), date__lte=max(dates)).select_related(
            *self.select_related
        )

    def before_update(self, instance: Event) -> None:
        instance.version += 1
        instance.updated = timezone.now()


class EventResource(RegistryResource):
    kind_class = EventKind

    class Meta:
        model = Event
        fields = ()
