"""The monthly return («отчет за месяц») of a committee or a center.

A month of an organiser is «не начат» (nothing entered), «внесено»
(anything of any kind entered: events, receptions, prevention work) or
«сдан» (its chair or center staff confirmed it, MonthlyReturn). What has
been entered is counted in MonthTally, one row per organiser and month,
kept current on every write (returns/tally.py), so that the board and the
return page read a month's state from one row instead of the events.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from centers.models import Center
from committees.models import DistrictCommittee
from core.models import MONTHS


def one_organiser(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(committee__isnull=False, center__isnull=True)
        | Q(committee__isnull=True, center__isnull=False),
        name=f"{name}_one_organiser",
        violation_error_message="Укажите либо окружной комитет, либо центр.",
    )


def first_day(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(month__day=1),
        name=f"{name}_month_first_day",
        violation_error_message="Месяц записывается первым числом.",
    )


def one_per_month(name: str) -> list[models.UniqueConstraint]:
    return [
        models.UniqueConstraint(
            fields=[kind, "month"],
            condition=Q(**{f"{kind}__isnull": False}),
            name=f"{name}_one_per_{kind}_month",
            violation_error_message="За этот месяц запись уже есть.",
        )
        for kind in ("committee", "center")
    ]


class OrganiserMonth(models.Model):
    """A month of one committee or one center."""

    committee = models.ForeignKey(
        DistrictCommittee, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="окружной комитет",
    )
    center = models.ForeignKey(
        Center, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="центр",
    )
    month = models.DateField("месяц", help_text="Первое число месяца.")

    class Meta:
        abstract = True

    @property
    def organiser(self):
        return self.committee or self.center

    @property
    def month_name(self) -> str:
        return f"{MONTHS[self.month.month - 1]} {self.month.year}"


class MonthlyReturn(OrganiserMonth):
    """A month a committee or center confirmed («сдан»), or that city staff
    opened again; every change is in the history."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", "Сдан"
        REOPENED = "reopened", "Открыт заново"

    state = models.CharField("состояние", max_length=10, choices=State)
    nothing_happened = models.BooleanField("в этом месяце мероприятий не было", default=False)
    submitted_at = models.DateTimeField("сдан", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="кто сдал",
    )
    reopened_at = models.DateTimeField("открыт заново", null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="кто открыл заново",
    )
    reopen_reason = models.TextField("причина", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "отчет за месяц"
        verbose_name_plural = "отчеты за месяц"
        ordering = ["-month", "committee_id", "center_id"]
        constraints = [
            one_organiser("return"),
            first_day("return"),
            *one_per_month("return"),
            models.CheckConstraint(
                condition=Q(state="submitted") | ~Q(reopen_reason=""),
                name="return_reopened_with_reason",
                violation_error_message="Укажите, почему месяц открыт заново.",
            ),
        ]
        indexes = [models.Index(fields=["month", "state"])]

    def __str__(self):
        return f"{self.organiser}: отчет за {self.month_name} — {self.get_state_display()}"

    def clean(self):
        super().clean()
        if self.state == self.State.REOPENED and not self.reopen_reason.strip():
            raise ValidationError({"reopen_reason": "Укажите, почему месяц открыт заново."})


class MonthTally(OrganiserMonth):
    """How much of each kind an organiser entered in a month: derived from
    the records (returns/tally.py), never edited, not in history."""

    # The tally goes with its organiser's rows; it is no record of its own.
    committee = models.ForeignKey(
        DistrictCommittee, models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name="окружной комитет",
    )
    center = models.ForeignKey(
        Center, models.CASCADE, null=True, blank=True, related_name="+", verbose_name="центр",
    )
    events = models.PositiveIntegerField("мероприятий", default=0)
    participants = models.PositiveIntegerField("участников", default=0)
    receptions = models.PositiveIntegerField("приемов", default=0)
    visitors = models.PositiveIntegerField("обратившихся", default=0)
    prevention_records = models.PositiveIntegerField("записей профилактики", default=0)
    prevention = models.PositiveIntegerField("профилактическая работа", default=0)

    class Meta:
        verbose_name = "итог месяца"
        verbose_name_plural = "итоги месяцев"
        constraints = [one_organiser("tally"), first_day("tally"), *one_per_month("tally")]
        indexes = [models.Index(fields=["month"])]

    def __str__(self):
        return f"{self.organiser}: {self.month_name}"

    @property
    def entered(self) -> int:
        """Records of every kind."""
        return self.events + self.receptions + self.prevention_records


class Reminder(OrganiserMonth):
    """A reminder e-mail sent to one person about one month's return; at
    most one a person a day (reminder_one_per_user_day)."""

    # The log outlives a removed login or a closed organiser.
    committee = models.ForeignKey(
        DistrictCommittee, models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name="окружной комитет",
    )
    center = models.ForeignKey(
        Center, models.CASCADE, null=True, blank=True, related_name="+", verbose_name="центр",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name="кому"
    )
    email = models.EmailField("адрес")
    sent_on = models.DateField("день")
    sent_at = models.DateTimeField("отправлено", auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="кто напомнил", help_text="Пусто: по расписанию.",
    )

    class Meta:
        verbose_name = "напоминание об отчете"
        verbose_name_plural = "напоминания об отчетах"
        ordering = ["-sent_at"]
        constraints = [
            one_organiser("reminder"),
            first_day("reminder"),
            models.UniqueConstraint(
                fields=["user", "sent_on"],
                name="reminder_one_per_user_day",
                violation_error_message="Сегодня этому пользователю уже напомнили.",
            ),
        ]

    def __str__(self):
        return f"{self.email}: {self.month_name} ({self.sent_on:%d.%m.%Y})"
