"""Spreadsheet formats of TOS bodies and activists (docs/import-formats.md)."""

import datetime

from django.core.exceptions import ValidationError

from core.imports.columns import Choice, Column, Date, Text
from core.imports.engine import Context, ImportKind, RowError, rows_saved
from core.imports.resources import RegistryResource

from . import lookups, services
from .models import Activist, Consent, TosBody

COMMITTEE = "Окружной комитет"
TOS_BODY = "Орган ТОС"
CONSENT_DATE = "Дата согласия на обработку ПДн"


def lifespan_columns(example_founded: datetime.date) -> list[Column]:
    return [
        Column("Дата создания", "founded", Date(), required=True, example=example_founded,
               export=lambda o: o.founded,
               help="С какой даты действует (для активиста — с какой даты в органе ТОС)."),
        Column("Дата прекращения", "closed", Date(), fields=("closed",),
               export=lambda o: o.closed, aliases=("Дата прекращения деятельности",),
               help="Пусто, если действует."),
    ]


def committee_column(fields=("committee_id",), **kwargs) -> Column:
    return Column(
        COMMITTEE, "committee", Text(200), required=True, fields=fields,
        example="12", aliases=("Комитет", "ОК ТОС", "Номер комитета"),
        help="Номер или название окружного комитета ТОС.", **kwargs,
    )


class TosBodyKind(ImportKind):
    key = "tos_bodies"
    title = "Органы ТОС"
    model = TosBody
    identity = ("committee_id", "kind", "address")
    select_related = ("committee",)
    columns = [
        committee_column(export=lambda o: o.committee.number),
        Column("Вид", "kind", Choice(tuple(TosBody.Kind.choices)), required=True,
               example=TosBody.Kind.HOUSE.label, export=lambda o: o.get_kind_display()),
        Column("Адрес или границы", "address", Text(300), required=True,
               example="ул. Весенняя, 12", aliases=("Адрес",), export=lambda o: o.address,
               help="Дом или участок улицы; вместе с комитетом и видом определяет орган ТОС."),
        Column("Собственное название", "name", Text(200), example="Рудник",
               aliases=("Название",), export=lambda o: o.name, default="",
               help="Например, «Рудник» для ТОС «Рудник»."),
        *lifespan_columns(datetime.date(2015, 3, 1)),
    ]

    def preload(self, ctx: Context) -> None:
        lookups.load_committees(ctx)

    def build(self, values: dict, ctx: Context) -> TosBody:
        committee = lookups.committee(ctx, values["committee"], COMMITTEE)
        return TosBody(
            committee=committee, kind=values["kind"], address=values["address"],
            name=values["name"] or "", founded=values["founded"], closed=values["closed"],
        )

    def existing(self, objs, ctx):
        ids = {obj.committee_id for obj in objs}
        return TosBody.objects.filter(committee_id__in=ids).select_related("committee")


class ActivistKind(ImportKind):
    key = "activists"
    title = "Активисты"
    model = Activist
    identity = ("tos_body_id", "full_name")
    select_related = ("tos_body__committee",)
    columns = [
        committee_column(fields=(), export=lambda o: o.tos_body.committee.number),
        Column(TOS_BODY, "tos_body", Text(300), required=True, fields=("tos_body_id",),
               example="ул. Весенняя, 12", aliases=("Адрес органа ТОС",),
               export=lambda o: o.tos_body.name or o.tos_body.address,
               help="Адрес органа ТОС или его собственное название, как в реестре."),
        Column("Вид органа ТОС", "tos_kind", Choice(tuple(TosBody.Kind.choices)),
               fields=(), export=lambda o: o.tos_body.get_kind_display(),
               help="Нужен, только если по одному адресу несколько органов ТОС."),
        Column("ФИО", "full_name", Text(200), required=True, example="Иванова Мария Петровна",
               export=lambda o: o.full_name),
        Column("Роль", "role", Choice(tuple(Activist.Role.choices)), required=True,
               example=Activist.Role.HOUSE_SENIOR.label, export=lambda o: o.get_role_display()),
        Column("Телефон", "phone", Text(40), example="+7 (3842) 00-00-00", default="",
               export=lambda o: o.phone, personal="phone"),
        Column("Эл. почта", "email", Text(254), example="", default="",
               export=lambda o: o.email, personal="email", aliases=("Email", "E-mail")),
        Column("Дата рождения", "birth_date", Date(min_year=1900, ahead=0),
               export=lambda o: o.birth_date, personal="birth_date"),
        Column(CONSENT_DATE, "consent_date", Date(),
               example=datetime.date(2022, 1, 10), export=lambda o: o.consent_date,
               aliases=("Дата согласия",)),
        Column("Форма согласия", "consent_form", Choice(tuple(Activist.ConsentForm.choices)),
               example=Activist.ConsentForm.WRITTEN.label, default="",
               export=lambda o: o.get_consent_form_display()),
        *lifespan_columns(datetime.date(2020, 9, 1)),
    ]

    def preload(self, ctx: Context) -> None:
        lookups.load_committees(ctx)
        lookups.load_tos_bodies(ctx)

    def build(self, values: dict, ctx: Context) -> Activist:
        committee = lookups.committee(ctx, values["committee"], COMMITTEE)
        body = lookups.tos_body(ctx, committee, values["tos_body"], TOS_BODY, values["tos_kind"])
        email = values["email"] or ""
        if email and ("@" not in email or " " in email):
            raise RowError(f"неверный адрес эл. почты «{email}»", "Эл. почта")
        if values["consent_date"]:
            # The consent the row becomes (services.record_imported_consents)
            # keeps the rules of one entered by hand.
            try:
                Consent(given=values["consent_date"],
                        form=values["consent_form"] or Consent.Form.WRITTEN).clean()
            except ValidationError as error:
                raise RowError("; ".join(error.messages), CONSENT_DATE) from None
        return Activist(
            tos_body=body, full_name=values["full_name"], role=values["role"],
            phone=values["phone"] or "", email=email, birth_date=values["birth_date"],
            consent_date=values["consent_date"], consent_form=values["consent_form"] or "",
            founded=values["founded"], closed=values["closed"],
        )

    def existing(self, objs, ctx):
        ids = {obj.tos_body.committee_id for obj in objs}
        return Activist.objects.filter(tos_body__committee_id__in=ids).select_related(
            "tos_body__committee"
        )


def activists_imported(sender, model, objs, **kwargs) -> None:
    """core.imports.engine.rows_saved of the activists' format: each row's
    consent date becomes a Consent row, in the import's transaction, so
    that imported people are in the consent lists and the queue
    «На уничтожение» as those entered in the portal are."""
    services.record_imported_consents(objs)


rows_saved.connect(activists_imported, sender=ActivistKind, dispatch_uid="activist.consents")


class TosBodyResource(RegistryResource):
    kind_class = TosBodyKind

    class Meta:
        model = TosBody
        fields = ()


class ActivistResource(RegistryResource):
    kind_class = ActivistKind

    class Meta:
        model = Activist
        fields = ()
