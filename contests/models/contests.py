"""Contests and their editions: what a contest is, its year's nominations
and the figures it reports."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from core.models import REGISTRY_PERMISSIONS

from ..querysets import EditionQuerySet


class Contest(models.Model):
    class Level(models.TextChoices):
        CITY = "city", "Городской"
        REGIONAL = "regional", "Региональный"
        FEDERAL = "federal", "Всероссийский"

    class Audience(models.TextChoices):
        TOS = "tos", "Органы и активисты ТОС"
        CENTERS = "centers", "Центры по работе с населением"
        RESIDENTS = "residents", "Жители"

    class ReportKey(models.TextChoices):
        """The figures of the annual report (docs/design.md's rows) that tell of
        one contest: the contest that feeds each is named here, never found
        by its name, so that renaming a contest keeps its figure."""

        BEST_PRACTICE = "best_practice", "7. «Лучшая практика ТОС»"
        BEAUTIFUL_YARD = "beautiful_yard", "10. «Красивый дом и двор»"
        BEST_COMMITTEE = "best_committee", "11. «Лучший комитет ТОС»"
        SNOW = "snow", "12. «Снежный калейдоскоп»"
        SPARTAKIAD = "spartakiad", "13. Спартакиада комитетов ТОС"
        BEST_CENTER = "best_center", "20. «Лучший центр по работе с населением»"

    name = models.CharField("название", max_length=300, unique=True)
    former_names = models.CharField(
        "прежние названия", max_length=300, blank=True, help_text="Через точку с запятой."
    )
    held_since = models.PositiveSmallIntegerField("проводится с года", null=True, blank=True)
    level = models.CharField("уровень", max_length=10, choices=Level, default=Level.CITY)
    audience = models.CharField("участники", max_length=10, choices=Audience, default=Audience.TOS)
    organiser = models.CharField("организатор", max_length=300, blank=True)
    description = models.TextField("описание", blank=True)
    report_key = models.CharField(
        "показатель отчета",
        max_length=20,
        choices=ReportKey,
        blank=True,
        help_text="Какой показатель годового отчета рассказывает об этом конкурсе; "
        "у показателя один конкурс. Без показателя конкурс входит в отчет только "
        "общими цифрами (участники городских конкурсов).",
    )

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "конкурс"
        verbose_name_plural = "конкурсы"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["report_key"],
                condition=~Q(report_key=""),
                name="contest_one_per_report_key",
                violation_error_message="Этот показатель отчета уже дает другой конкурс.",
            ),
        ]

    def __str__(self):
        return f"«{self.name}»"

    @property
    def first_stage(self) -> str:
        """Where an application starts: a city contest at the district
        stage, a regional or all-Russian one at the regional stage."""
        return "district" if self.level == self.Level.CITY else "regional"


class ContestEdition(models.Model):
    contest = models.ForeignKey(
        Contest, models.PROTECT, related_name="editions", verbose_name="конкурс"
    )
    year = models.PositiveSmallIntegerField("год")
    ordinal = models.PositiveSmallIntegerField(
        "порядковый номер", null=True, blank=True, help_text="Например, 6 для VI спартакиады."
    )
    participation_year = models.PositiveSmallIntegerField(
        "год участия города подряд",
        null=True,
        blank=True,
        help_text="Для внешних конкурсов: который год подряд участвует город.",
    )
    summary = models.TextField("итоги (текст)", blank=True)
    # Outside these dates the edition takes no applications: the portal's
    # form offers only the editions open today (ContestEdition.open_on).
    applications_open = models.DateField("прием заявок с", null=True, blank=True)
    applications_close = models.DateField(
        "прием заявок по", null=True, blank=True,
        help_text="Без дат прием заявок закрыт.",
    )
    # Copied from the year before by reports.rollover, to be reviewed.
    is_draft = models.BooleanField(
        "черновик из прошлого года", default=False,
        help_text="Заведено копией прошлогоднего проведения: проверьте номинации, "
        "задайте даты приема заявок и снимите отметку.",
    )

    objects = EditionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "проведение конкурса"
        verbose_name_plural = "проведения конкурсов"
        ordering = ["-year", "contest__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "year"],
                name="edition_one_per_year",
                violation_error_message="Этот конкурс в этом году уже заведен.",
            ),
            models.CheckConstraint(
                condition=Q(applications_open__isnull=True, applications_close__isnull=True)
                | Q(applications_close__gte=F("applications_open")),
                name="edition_applications_dates",
                violation_error_message="Укажите обе даты приема заявок, окончание не "
                "раньше начала.",
            ),
        ]

    def __str__(self):
        return f"{self.contest} — {self.year}"

    @classmethod
    def open_on(cls, day: datetime.date):
        """The editions taking applications on `day`."""
        return cls.objects.filter(applications_open__lte=day, applications_close__gte=day)

    def accepts_applications(self, day: datetime.date) -> bool:
        """Whether the edition takes applications on `day` (both dates
        inclusive); an edition without dates takes none."""
        return bool(
            self.applications_open and self.applications_close
            and self.applications_open <= day <= self.applications_close
        )

    @property
    def periods(self) -> int:
        """How many periods the edition runs in: the distinct periods of its
        nominations (0 when none has one). Counted, not stored, so that it
        cannot disagree with the nominations; reads a prefetched
        `nominations`."""
        return len({n.period for n in self.nominations.all() if n.period})

    def clean(self):
        super().clean()
        since = self.contest.held_since if self.contest_id else None
        if since and self.year and self.year < since:
            raise ValidationError({"year": f"Конкурс проводится только с {since} года."})
        start, end = self.applications_open, self.applications_close
        if (start is None) != (end is None):
            field = "applications_close" if end is None else "applications_open"
            raise ValidationError({field: "Укажите обе даты приема заявок или ни одной."})
        if start and end and end < start:
            raise ValidationError(
                {"applications_close": "Окончание приема заявок раньше его начала."}
            )


class EditionOutcome(models.Model):
    """A figure a contest reports about its year: 126 snow towns, 5322 entrances."""

    edition = models.ForeignKey(
        ContestEdition, models.CASCADE, related_name="outcomes", verbose_name="проведение"
    )
    label = models.CharField("показатель", max_length=200)
    value = models.PositiveIntegerField("значение")
    order = models.PositiveSmallIntegerField("порядок", default=0)

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "итоговый показатель"
        verbose_name_plural = "итоговые показатели"
        ordering = ["edition", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "label"],
                name="outcome_unique_label",
                violation_error_message="Такой показатель уже есть.",
            )
        ]

    def __str__(self):
        return f"{self.label}: {self.value}"


class Nomination(models.Model):
    class Category(models.TextChoices):
        NONE = "", "—"
        FIRST = "I", "I категория"
        SECOND = "II", "II категория"

    edition = models.ForeignKey(
        ContestEdition, models.PROTECT, related_name="nominations", verbose_name="проведение"
    )
    name = models.CharField("название", max_length=300)
    category = models.CharField(
        "категория", max_length=2, choices=Category, default=Category.NONE, blank=True
    )
    period = models.PositiveSmallIntegerField(
        "период",
        null=True,
        blank=True,
        validators=[MinValueValidator(1, message="Периоды нумеруются с 1.")],
        help_text="Если конкурс идет в несколько периодов: номер периода этой номинации.",
    )
    order = models.PositiveSmallIntegerField("порядок", default=0)

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "номинация"
        verbose_name_plural = "номинации"
        ordering = ["edition", "order", "name", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "name", "category"],
                name="nomination_unique",
                violation_error_message="Такая номинация в этом проведении уже есть.",
            ),
        ]

    def __str__(self):
        text = f"«{self.name}»"
        if self.category:
            text += f" {self.get_category_display()}"
        return text
