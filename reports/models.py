import uuid
from pathlib import PurePath

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from contests.models import Program
from core.models import REGISTRY_PERMISSIONS


class NarrativeBlock(models.Model):
    """Text of the annual report that is not a figure: edited by staff."""

    class Key(models.TextChoices):
        INTRODUCTION = "introduction", "Введение"
        LEGAL_BASIS = "legal_basis", "Правовая основа"
        TOS = "tos", "Территориальное общественное самоуправление"
        CONTESTS = "contests", "Городские конкурсы"
        CENTERS = "centers", "Центры по работе с населением"
        MEDIA = "media", "Информирование населения"
        CONCLUSION = "conclusion", "Заключение"

    year = models.PositiveSmallIntegerField("год отчета")
    key = models.CharField("раздел", max_length=20, choices=Key)
    title = models.CharField("заголовок", max_length=300, blank=True)
    text = models.TextField("текст", help_text="Абзацы разделяются пустой строкой.")
    # Copied from the year before by reports.rollover: printed nowhere (page,
    # booklet, spreadsheet) until staff confirm it (reports.document.build).
    is_draft = models.BooleanField(
        "черновик из прошлого года", default=False,
        help_text="Черновик не печатается ни на странице, ни в буклете, ни в таблице, "
        "пока его не подтвердят: снимите отметку, когда текст проверен.",
    )

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "текстовый блок отчета"
        verbose_name_plural = "текстовые блоки отчета"
        ordering = ["-year", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "key"],
                name="narrative_one_per_year_key",
                violation_error_message="Этот блок за этот год уже есть.",
            )
        ]

    def __str__(self):
        text = f"{self.get_key_display()} ({self.year})"
        return f"{text}, черновик" if self.is_draft else text

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.split("\n\n") if p.strip()]


class YearPlan(models.Model):
    """The goal and tasks set for a year (the seed's «задачи на 2023 год»)."""

    year = models.PositiveSmallIntegerField("год", unique=True)
    program = models.ForeignKey(
        Program, models.PROTECT, null=True, blank=True, related_name="year_plans",
        verbose_name="программа",
    )
    goal = models.TextField("цель")
    is_draft = models.BooleanField(
        "черновик из прошлого года", default=False,
        help_text="Черновик не печатается в отчете, пока его не подтвердят.",
    )

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "план на год"
        verbose_name_plural = "планы на год"
        ordering = ["-year"]

    def __str__(self):
        return f"Цель и задачи на {self.year} год"


class YearTask(models.Model):
    plan = models.ForeignKey(
        YearPlan, models.CASCADE, related_name="tasks", verbose_name="план"
    )
    order = models.PositiveSmallIntegerField("№")
    text = models.CharField("задача", max_length=500)

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "задача"
        verbose_name_plural = "задачи"
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="yeartask_unique_order")
        ]

    def __str__(self):
        return self.text


def booklet_path(instance, filename):
    """booklets/<year>/<random token>/<name>: a booklet's address cannot be
    guessed from its year and territory. It is downloaded only through
    reports.views.booklet_file, which checks the user's scope and names the
    file for people."""
    return f"booklets/{instance.year}/{uuid.uuid4().hex}/{PurePath(filename).name}"


class BookletJob(models.Model):
    """A PDF booklet being made off the request path (reports.tasks)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "В очереди"
        RUNNING = "running", "Готовится"
        DONE = "done", "Готов"
        FAILED = "failed", "Ошибка"

    year = models.PositiveSmallIntegerField("год отчета")
    territory = models.ForeignKey(
        "committees.Territory", models.PROTECT, null=True, blank=True,
        related_name="booklet_jobs", verbose_name="территория",
    )
    requested_by = models.ForeignKey(
        "auth.User", models.SET_NULL, null=True, related_name="booklet_jobs",
        verbose_name="кто заказал",
    )
    # What the report's records were when the booklet was ordered
    # (reports.services.data_version): a booklet of the same year,
    # territory and version is handed out again instead of made anew.
    data_version = models.CharField("версия данных", max_length=40, blank=True, editable=False)
    status = models.CharField("состояние", max_length=8, choices=Status, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField("готовность, %", default=0)
    stage = models.CharField("этап", max_length=200, blank=True)
    file = models.FileField("файл", upload_to=booklet_path, max_length=200, blank=True)
    error = models.TextField("ошибка", blank=True)
    created = models.DateTimeField("заказан", auto_now_add=True)
    # When the job last moved on: ordered, or a stage begun by the worker
    # (reports.services._advance). A job in flight that stands still longer
    # than REPORTS_BOOKLET_JOB_TIMEOUT has lost its worker
    # (reports.services.give_up_stalled).
    progressed = models.DateTimeField("последний шаг", default=timezone.now, editable=False)
    finished = models.DateTimeField("завершен", null=True, blank=True)
    # The id of the django-tasks task that makes it: a job given up as lost
    # ends its task's row too, which a killed worker leaves RUNNING.
    task_id = models.CharField("задача", max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = "подготовка буклета"
        verbose_name_plural = "подготовка буклетов"
        ordering = ["-created"]
        default_permissions = ("view", "delete")
        indexes = [
            models.Index(fields=["year", "territory", "data_version"],
                         name="booklet_job_same_report"),
            models.Index(fields=["requested_by", "created"], name="booklet_job_by_user"),
        ]

    def __str__(self):
        return f"Буклет за {self.year} год ({self.get_status_display().lower()})"

    @property
    def is_over(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def is_stalled(self, since) -> bool:
        """In flight, and not moved on since that moment."""
        return not self.is_over and self.progressed < since


class ClosedYear(models.Model):
    """A year closed to chairs and center staff (reports.editions.lock_reason,
    a lock source of core.periods): their records of the year take no more
    adds, edits or deletes; city staff may still change them, and the
    history records who did. Publishing the year's report closes it."""

    year = models.PositiveSmallIntegerField("год", unique=True)
    reason = models.CharField(
        "причина", max_length=300,
        help_text="Ее увидит председатель, которому откажут в изменении: "
        "например, «идет подготовка годового отчета».",
    )
    closed_at = models.DateTimeField("закрыт", default=timezone.now, editable=False)
    closed_by = models.ForeignKey(
        "auth.User", models.SET_NULL, null=True, blank=True, editable=False,
        related_name="closed_years", verbose_name="кто закрыл",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "закрытый год"
        verbose_name_plural = "закрытые годы"
        ordering = ["-year"]
        default_permissions = ("view", "add", "change", "delete")

    def __str__(self):
        return f"{self.year} год закрыт"

    @property
    def message(self) -> str:
        """What a chair refused a change reads."""
        return (
            f"{self.year} год закрыт: {self.reason}. Изменения за этот год вносят только "
            "сотрудники администрации города."
        )


def edition_path(instance, filename):
    """editions/<year>/<random token>/<name>: served only through
    reports.edition_views, after the access check."""
    return f"editions/{instance.year}/{uuid.uuid4().hex}/{PurePath(filename).name}"


class PublishedEdition(models.Model):
    """The annual report of a year as it was published: its figures, text,
    tables and charts (`snapshot`, reports.editions.snapshot) and the PDF
    and xlsx files byte for byte. A later edition (with its reason) never
    changes an earlier one."""

    class Status(models.TextChoices):
        PREPARING = "preparing", "Готовится"
        PUBLISHED = "published", "Опубликована"
        FAILED = "failed", "Ошибка"

    year = models.PositiveSmallIntegerField("год отчета")
    number = models.PositiveSmallIntegerField("№ редакции")
    note = models.TextField(
        "примечание", blank=True,
        help_text="Для второй и следующих редакций — что и почему изменилось.",
    )
    published_at = models.DateTimeField("опубликована", default=timezone.now)
    published_by = models.ForeignKey(
        "auth.User", models.SET_NULL, null=True, related_name="published_editions",
        verbose_name="кто опубликовал",
    )
    status = models.CharField(
        "состояние", max_length=10, choices=Status, default=Status.PREPARING
    )
    snapshot = models.JSONField("содержание", default=dict, blank=True, editable=False)
    # What the report's records were when it was published
    # (reports.services.data_version): equal now, nothing has changed since.
    data_version = models.CharField("версия данных", max_length=40, blank=True, editable=False)
    pdf = models.FileField("буклет PDF", upload_to=edition_path, max_length=200, blank=True)
    xlsx = models.FileField("таблица xlsx", upload_to=edition_path, max_length=200, blank=True)
    error = models.TextField("ошибка", blank=True)

    class Meta:
        verbose_name = "опубликованная редакция отчета"
        verbose_name_plural = "опубликованные редакции отчета"
        ordering = ["-year", "-number"]
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number"], name="edition_number_per_year",
                violation_error_message="Редакция с этим номером за этот год уже есть.",
            ),
        ]

    def __str__(self):
        return f"Отчет за {self.year} год, редакция № {self.number}"

    @property
    def title(self) -> str:
        day = timezone.localtime(self.published_at)
        return f"Опубликованная редакция № {self.number} от {day:%d.%m.%Y}"
