from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from committees.models import EventOrganiser, Territory
from core.models import REGISTRY_PERMISSIONS, Lifespan, not_negative
from core.periods import refuse_future

from .querysets import CenterQuerySet, ClubQuerySet, PreventionQuerySet, ReceptionQuerySet


class Center(EventOrganiser, Lifespan):
    """Центр по работе с населением (МКУ «ЦРН»)."""

    name = models.CharField(
        "название", max_length=100, unique=True, help_text="Без кавычек.",
        error_messages={"unique": "Центр с таким названием уже есть."},
    )
    territory = models.ForeignKey(
        Territory, models.PROTECT, related_name="centers", verbose_name="территория"
    )
    address = models.CharField("адрес", max_length=300, blank=True)
    head_name = models.CharField("руководитель", max_length=200, blank=True)
    phone = models.CharField("телефон", max_length=40, blank=True)

    objects = CenterQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "центр по работе с населением"
        verbose_name_plural = "центры по работе с населением"
        ordering = ["name"]
        constraints = [Lifespan.lifespan_constraint("center")]

    def __str__(self):
        return f"ЦРН «{self.name}»"


class Club(Lifespan):
    """Кружок или клуб по интересам at a center.

    `members` is the count used for a year that has no ClubYear of its
    own (the clubs loaded before counts were kept per year); a year's own
    count is a ClubYear, and the report takes that one when it exists
    (centers.querysets.ClubQuerySet.of_year).
    """

    center = models.ForeignKey(
        Center, models.PROTECT, related_name="clubs", verbose_name="центр"
    )
    name = models.CharField("название", max_length=200)
    direction = models.CharField("направление", max_length=200, blank=True)
    members = models.PositiveIntegerField("занимающихся", default=0)
    online = models.BooleanField("работает и онлайн", default=False)

    objects = ClubQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "кружок или клуб"
        verbose_name_plural = "кружки и клубы"
        ordering = ["center__name", "name"]
        constraints = [
            Lifespan.lifespan_constraint("club"),
            models.UniqueConstraint(
                fields=["center", "name"],
                name="club_unique_name_per_center",
                violation_error_message="В этом центре уже есть кружок с таким названием.",
            ),
            not_negative("club", "members", "Число занимающихся не может быть отрицательным."),
        ]

    def __str__(self):
        return self.name


class ClubYear(models.Model):
    """How many people a club had in one year: the report's figure 18
    counts members by year, so a new year's count leaves last year's."""

    club = models.ForeignKey(
        Club, models.PROTECT, related_name="years", verbose_name="кружок или клуб"
    )
    year = models.PositiveSmallIntegerField("год")
    members = models.PositiveIntegerField("занимающихся")

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "занимающиеся за год"
        verbose_name_plural = "занимающиеся по годам"
        ordering = ["club", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["club", "year"],
                name="club_year_one_per_year",
                violation_error_message="За этот год число занимающихся уже внесено.",
            ),
            not_negative(
                "club_year", "members", "Число занимающихся не может быть отрицательным."
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000),
                name="club_year_from_2000",
                violation_error_message="Год должен быть не раньше 2000.",
            ),
        ]

    def __str__(self):
        return f"{self.club}: {self.members} в {self.year} году"

    def clean(self):
        super().clean()
        if self.year and self.year > timezone.localdate().year:
            raise ValidationError({"year": f"{self.year} год еще не наступил."})
        if self.year and self.club_id:
            first, last = self.club.founded, self.club.closed
            if (first and self.year < first.year) or (last and self.year > last.year):
                raise ValidationError(
                    {"year": f"В {self.year} году кружок не работал."}
                )


class Reception(models.Model):
    """Консультативный прием граждан at a center."""

    center = models.ForeignKey(
        Center, models.PROTECT, related_name="receptions", verbose_name="центр"
    )
    date = models.DateField("дата")
    topic = models.CharField("тема", max_length=300, blank=True)
    visitors = models.PositiveIntegerField(
        "обратилось граждан", validators=[MinValueValidator(0)]
    )

    objects = ReceptionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "консультативный прием"
        verbose_name_plural = "консультативные приемы"
        ordering = ["-date", "center__name"]
        constraints = [
            not_negative("reception", "visitors",
                         "Число обратившихся не может быть отрицательным."),
        ]
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return f"Прием {self.date:%d.%m.%Y}, {self.center}"

    def clean(self):
        super().clean()
        refuse_future(self.date, field="date")


class PreventionRecord(models.Model):
    """A month's count of one kind of prevention work at a center.

    Counts only: by design no family or child is ever named in the system.
    """

    class Kind(models.TextChoices):
        FAMILY_RAID = "family_raid", "Рейд в неблагополучную семью"
        TEEN_RAID = "teen_raid", "Рейд к подростку «группы риска»"
        FAMILY_CALL = "family_call", "Беседа по телефону с неблагополучной семьей"
        RISK_CHILD_CALL = "risk_child_call", "Беседа по телефону с семьей ребенка «группы риска»"
        INFORMATION = "information", "Информация в правоохранительные и контролирующие органы"

    center = models.ForeignKey(
        Center, models.PROTECT, related_name="prevention_records", verbose_name="центр"
    )
    month = models.DateField("месяц", help_text="Первое число месяца.")
    kind = models.CharField("вид работы", max_length=16, choices=Kind)
    count = models.PositiveIntegerField("количество")

    objects = PreventionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "профилактическая работа"
        verbose_name_plural = "профилактическая работа"
        ordering = ["-month", "center__name", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "month", "kind"],
                name="prevention_one_per_center_month_kind",
                violation_error_message="За этот месяц такая запись центра уже есть.",
            ),
            not_negative("prevention", "count", "Количество не может быть отрицательным."),
            models.CheckConstraint(
                condition=Q(month__day=1),
                name="prevention_month_first_day",
                violation_error_message="Месяц записывается первым числом.",
            ),
        ]
        # The year and month filters of the list.
        indexes = [models.Index(fields=["month"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.count} ({self.month:%m.%Y})"

    def clean(self):
        super().clean()
        if self.month and self.month.day != 1:
            self.month = self.month.replace(day=1)
        refuse_future(self.month, field="month")


class RentalItem(models.Model):
    """Sports equipment in a center's free rental point."""

    center = models.ForeignKey(
        Center, models.PROTECT, related_name="rental_items", verbose_name="центр"
    )
    item = models.CharField("инвентарь", max_length=200)
    quantity = models.PositiveIntegerField("количество", default=1)

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "инвентарь пункта проката"
        verbose_name_plural = "пункты проката: инвентарь"
        ordering = ["center__name", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "item"],
                name="rental_item_unique_per_center",
                violation_error_message="Этот инвентарь уже есть в пункте проката центра.",
            ),
            not_negative("rental_item", "quantity", "Количество не может быть отрицательным."),
        ]

    def __str__(self):
        return f"{self.item} ({self.quantity})"
