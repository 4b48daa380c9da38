from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from centers.models import Center
from committees.models import DistrictCommittee, Territory, TosBody

from .querysets import ApplicationQuerySet, EditionQuerySet, ProjectQuerySet, ResultQuerySet


class Contest(models.Model):
    class Level(models.TextChoices):
        CITY = "city", "Городской"
        REGIONAL = "regional", "Региональный"
        FEDERAL = "federal", "Всероссийский"

    class Audience(models.TextChoices):
        TOS = "tos", "Органы и активисты ТОС"
        CENTERS = "centers", "Центры по работе с населением"
        RESIDENTS = "residents", "Жители"

    name = models.CharField("название", max_length=300, unique=True)
    former_names = models.CharField(
        "прежние названия", max_length=300, blank=True, help_text="Через точку с запятой."
    )
    held_since = models.PositiveSmallIntegerField("проводится с года", null=True, blank=True)
    level = models.CharField("уровень", max_length=10, choices=Level, default=Level.CITY)
    audience = models.CharField("участники", max_length=10, choices=Audience, default=Audience.TOS)
    organiser = models.CharField("организатор", max_length=300, blank=True)
    description = models.TextField("описание", blank=True)

    history = HistoricalRecords()

    class Meta:
        default_permissions = ("add", "change", "delete", "view", "import", "export")
        verbose_name = "конкурс"
        verbose_name_plural = "конкурсы"
        ordering = ["name"]

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
    periods = models.PositiveSmallIntegerField(
        "число периодов",
        null=True,
        blank=True,
        help_text="Если конкурс идет в несколько периодов.",
    )
    participation_year = models.PositiveSmallIntegerField(
        "год участия города подряд",
        null=True,
        blank=True,
        help_text="Для внешних конкурсов: который год подряд участвует город.",
    )
    summary = models.TextField("итоги (текст)", blank=True)

    objects = EditionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        default_permissions = ("add", "change", "delete", "view", "import", "export")
        verbose_name = "проведение конкурса"
        verbose_name_plural = "проведения конкурсов"
        ordering = ["-year", "contest__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "year"],
                name="edition_one_per_year",
                violation_error_message="Этот конкурс в этом году уже заведен.",
            ),
        ]

    def __str__(self):
        return f"{self.contest} — {self.year}"

    def clean(self):
        super().clean()
        since = self.contest.held_since if self.contest_id else None
        if since and self.year and self.year < since:
            raise ValidationError({"year": f"Конкурс проводится только с {since} года."})


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
        default_permissions = ("add", "change", "delete", "view", "import", "export")
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
    period = models.PositiveSmallIntegerField("период", null=True, blank=True)
    order = models.PositiveSmallIntegerField("порядок", default=0)

    history = HistoricalRecords()

    class Meta:
        default_permissions = ("add", "change", "delete", "view", "import", "export")
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

    def clean(self):
        super().clean()
        periods = self.edition.periods if self.edition_id else None
        if self.period and (not periods or self.period > periods):
            raise ValidationError(
                {"period": "Такого периода у этого проведения нет."}
            )


class Application(models.Model):
    class Stage(models.TextChoices):
        DISTRICT = "district", "Районный этап"
        CITY = "city", "Городской этап"
        REGIONAL = "regional", "Региональный этап"
        FEDERAL = "federal", "Федеральный этап"

        @classmethod
        def at_least(cls, stage: str) -> list[str]:
            # A city contest runs district -> city; an all-Russian one runs
            # regional -> federal. Each stage includes the ones after it.
            chains = [[cls.DISTRICT, cls.CITY], [cls.REGIONAL, cls.FEDERAL]]
            for chain in chains:
                if stage in chain:
                    return [s.value for s in chain[chain.index(stage):]]
            raise ValueError(stage)

        @classmethod
        def next_of(cls, stage: str) -> str | None:
            return {cls.DISTRICT: cls.CITY, cls.REGIONAL: cls.FEDERAL}.get(stage)

    class ApplicantKind(models.TextChoices):
        TOS_BODY = "tos_body", "Орган ТОС"
        COMMITTEE = "committee", "Окружной комитет"
        CENTER = "center", "Центр по работе с населением"
        PERSON = "person", "Житель или команда"

    edition = models.ForeignKey(
        ContestEdition, models.PROTECT, related_name="applications", verbose_name="проведение"
    )
    nomination = models.ForeignKey(
        Nomination,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name="номинация",
    )
    applicant_kind = models.CharField("заявитель", max_length=10, choices=ApplicantKind)
    tos_body = models.ForeignKey(
        TosBody, models.PROTECT, null=True, blank=True, related_name="applications",
        verbose_name="орган ТОС",
    )
    committee = models.ForeignKey(
        DistrictCommittee, models.PROTECT, null=True, blank=True, related_name="applications",
        verbose_name="окружной комитет",
        help_text="Для заявки органа ТОС заполняется сам.",
    )
    center = models.ForeignKey(
        Center, models.PROTECT, null=True, blank=True, related_name="applications",
        verbose_name="центр",
    )
    applicant_name = models.CharField(
        "житель или команда",
        max_length=300,
        blank=True,
        help_text="ФИО жителя или название команды.",
    )
    territory = models.ForeignKey(
        Territory, models.PROTECT, null=True, blank=True, related_name="applications",
        verbose_name="территория",
        help_text="Заполняется по заявителю; для жителя укажите вручную.",
    )
    address = models.CharField("адрес объекта", max_length=300, blank=True)
    participants = models.PositiveIntegerField("участников", default=1)
    stage = models.CharField("достигнутый этап", max_length=10, choices=Stage)
    submitted = models.DateField("дата подачи")

    objects = ApplicationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        default_permissions = ("add", "change", "delete", "view", "import", "export")
        verbose_name = "заявка"
        verbose_name_plural = "заявки"
        ordering = ["-submitted", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(applicant_kind="tos_body", tos_body__isnull=False, center__isnull=True)
                    | Q(applicant_kind="committee", committee__isnull=False,
                        tos_body__isnull=True, center__isnull=True)
                    | Q(applicant_kind="center", center__isnull=False,
                        committee__isnull=True, tos_body__isnull=True)
                    | Q(applicant_kind="person", tos_body__isnull=True, center__isnull=True)
                    & ~Q(applicant_name="")
                ),
                name="application_applicant_matches_kind",
                violation_error_message="Заявитель не соответствует виду заявителя.",
            ),
        ]
        indexes = [
            models.Index(fields=["edition", "stage"]),
            # The admin list's order: its first page reads 50 index entries
            # instead of sorting every application.
            models.Index(fields=["submitted", "id"], name="application_list_order"),
        ]

    def __str__(self):
        return f"Заявка №{self.pk}: {self.applicant}"

    def save(self, *args, **kwargs):
        type(self).derive([self])
        super().save(*args, **kwargs)

    @classmethod
    def derive(cls, applications) -> None:
        """Set what an application takes from elsewhere, for save(), forms
        and imports alike (core.scoping calls it before checking a
        write): the committee of its TOS body; the territory of its
        committee or center (a resident's application without either keeps
        the territory given by hand); the contest's first stage for a new
        application that names none."""
        for application in applications:
            if application.tos_body_id and not application.committee_id:
                application.committee_id = application.tos_body.committee_id
            source = application.committee if application.committee_id else (
                application.center if application.center_id else None
            )
            if source is not None:
                application.territory_id = source.territory_id
            if not application.stage and application.edition_id:
                application.stage = application.edition.contest.first_stage

    @property
    def applicant(self):
        return self.tos_body or self.center or self.committee or self.applicant_name

    def clean(self):
        super().clean()
        errors = {}
        kind = self.applicant_kind
        if kind == self.ApplicantKind.TOS_BODY:
            if not self.tos_body_id:
                errors["tos_body"] = "Выберите орган ТОС."
            else:
                self.committee_id = self.tos_body.committee_id
        elif kind == self.ApplicantKind.COMMITTEE and not self.committee_id:
            errors["committee"] = "Выберите окружной комитет."
        elif kind == self.ApplicantKind.CENTER and not self.center_id:
            errors["center"] = "Выберите центр."
        elif kind == self.ApplicantKind.PERSON and not self.applicant_name.strip():
            errors["applicant_name"] = "Укажите жителя или команду."
        if kind != self.ApplicantKind.TOS_BODY and self.tos_body_id:
            errors["tos_body"] = "Орган ТОС указывается только для заявки органа ТОС."
        if kind != self.ApplicantKind.CENTER and self.center_id:
            errors["center"] = "Центр указывается только для заявки центра."
        if (
            self.nomination_id
            and self.edition_id
            and self.nomination.edition_id != self.edition_id
        ):
            errors["nomination"] = "Эта номинация относится к другому проведению конкурса."
        if errors:
            raise ValidationError(errors)
        type(self).derive([self])


class Result(models.Model):
    application = models.OneToOneField(
        Application, models.PROTECT, related_name="result", verbose_name="заявка"
    )
    edition = models.ForeignKey(
        ContestEdition, models.PROTECT, related_name="results", verbose_name="проведение"
    )
    place = models.PositiveSmallIntegerField(
        "место",
        null=True,
        blank=True,
        validators=[MinValueValidator(1, message="Место должно быть не меньше 1.")],
    )
    prize = models.CharField(
        "специальный приз", max_length=300, blank=True,
        help_text="Например, «самые костюмированные болельщики».",
    )
    stage = models.CharField(
        "этап", max_length=10, choices=Application.Stage, help_text="На каком этапе присуждено."
    )

    objects = ResultQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        default_permissions = ("add", "change", "delete", "view", "import", "export")
        verbose_name = "итог"
        verbose_name_plural = "итоги"
        ordering = ["edition", "application__nomination__order", "place", "prize"]
        constraints = [
            models.CheckConstraint(
                condition=Q(place__isnull=True) | Q(place__gte=1),
                name="result_place_positive",
                violation_error_message="Место должно быть не меньше 1.",
            ),
            models.CheckConstraint(
                condition=Q(place__isnull=False) | ~Q(prize=""),
                name="result_place_or_prize",
                violation_error_message="Укажите место или специальный приз.",
            ),
        ]

    def __str__(self):
        return f"{self.place} место" if self.place else self.prize

    def save(self, *args, **kwargs):
        if self.application_id and not self.edition_id:
            self.edition_id = self.application.edition_id
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.place is None and not self.prize:
            raise ValidationError("Укажите место или специальный приз.")
        if not self.application_id:
            return
        application = self.application
        if self.edition_id and application.edition_id != self.edition_id:
            raise ValidationError(
                {"application": "Заявка относится к другому проведению конкурса."}
            )
        if self.stage and application.stage not in Application.Stage.at_least(self.stage):
            raise ValidationError(
                {
                    "stage": f"Заявка не дошла до этапа «{self.get_stage_display()}»: "
                    f"она на этапе «{application.get_stage_display()}»."
                }
            )


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
        default_permissions = ("add", "change", "delete", "view", "import", "export")
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
        default_permissions = ("add", "change", "delete", "view", "import", "export")
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
