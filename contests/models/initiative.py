"""Initiative budgeting: the programmes and their projects."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from committees.models import Territory
from core.models import REGISTRY_PERMISSIONS

from ..querysets import ProjectQuerySet


class Program(models.Model):
    """A municipal or regional programme: the frame of the year plans and projects."""

    class Level(models.TextChoices):
        MUNICIPAL = "municipal", "Муниципальная"
        REGIONAL = "regional", "Региональная"

    name = models.CharField("название", max_length=300, unique=True)
    level = models.CharField("уровень", max_length=10, choices=Level)
    start_year = models.PositiveSmallIntegerField("с года")
    end_year = models.PositiveSmallIntegerField("по год", null=True, blank=True)
    adopted = models.DateField("утверждена", null=True, blank=True)
    description = models.TextField("описание", blank=True)

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "программа"
        verbose_name_plural = "программы"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="program_end_after_start",
                violation_error_message="Год окончания раньше года начала.",
            )
        ]

    def __str__(self):
        return f"«{self.name}»"


class InitiativeProject(models.Model):
    """A project of initiative budgeting («Твой Кузбасс — твоя инициатива»)."""

    class Kind(models.TextChoices):
        SPORT = "sport", "Спортивная площадка"
        PLAYGROUND = "playground", "Детская игровая площадка"
        OTHER = "other", "Другое"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Подан"
        SELECTED = "selected", "Отобран"
        BUILT = "built", "Реализован"
        REJECTED = "rejected", "Отклонен"

    program = models.ForeignKey(
        Program, models.PROTECT, related_name="projects", verbose_name="программа"
    )
    year_submitted = models.PositiveSmallIntegerField("год подачи")
    year_built = models.PositiveSmallIntegerField("год реализации", null=True, blank=True)
    territory = models.ForeignKey(
        Territory, models.PROTECT, related_name="projects", verbose_name="территория"
    )
    title = models.CharField("объект", max_length=300)
    address = models.CharField("адрес", max_length=300)
    kind = models.CharField("вид", max_length=10, choices=Kind)
    status = models.CharField("статус", max_length=10, choices=Status, default=Status.SUBMITTED)
    voters = models.PositiveIntegerField(
        "жителей участвовало в выборе", default=0
    )

    objects = ProjectQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "проект инициативного бюджетирования"
        verbose_name_plural = "проекты инициативного бюджетирования"
        ordering = ["-year_submitted", "territory__order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_built__isnull=True) | Q(year_built__gte=F("year_submitted")),
                name="project_built_after_submitted",
                violation_error_message="Проект не может быть реализован раньше, чем подан.",
            ),
            models.CheckConstraint(
                condition=~Q(status="built") | Q(year_built__isnull=False),
                name="project_built_has_year",
                violation_error_message="Укажите год реализации.",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.year_built and self.year_submitted and self.year_built < self.year_submitted:
            raise ValidationError(
                {"year_built": "Проект не может быть реализован раньше, чем подан."}
            )
        if self.status == self.Status.BUILT and not self.year_built:
            raise ValidationError({"year_built": "Укажите год реализации."})
