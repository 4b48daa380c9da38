from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from centers.models import Center
from committees.models import Activist, DistrictCommittee, Territory
from core.models import REGISTRY_PERMISSIONS


class Profile(models.Model):
    """Which part of the registry a user works with. See core.scoping."""

    class Role(models.TextChoices):
        STAFF = "staff", "Сотрудник администрации"
        CHAIR = "chair", "Председатель окружного комитета"
        CENTER = "center", "Специалист ЦРН"
        VIEWER = "viewer", "Наблюдатель (территория)"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="profile",
        verbose_name="пользователь",
    )
    role = models.CharField("роль", max_length=10, choices=Role)
    committee = models.ForeignKey(
        DistrictCommittee, models.PROTECT, null=True, blank=True, related_name="profiles",
        verbose_name="окружной комитет",
    )
    center = models.ForeignKey(
        Center, models.PROTECT, null=True, blank=True, related_name="profiles",
        verbose_name="центр",
    )
    territory = models.ForeignKey(
        Territory, models.PROTECT, null=True, blank=True, related_name="profiles",
        verbose_name="территория",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "профиль пользователя"
        verbose_name_plural = "профили пользователей"
        ordering = ["user__username"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role="staff", committee__isnull=True, center__isnull=True,
                      territory__isnull=True)
                    | Q(role="chair", committee__isnull=False, center__isnull=True,
                        territory__isnull=True)
                    | Q(role="center", committee__isnull=True, center__isnull=False,
                        territory__isnull=True)
                    | Q(role="viewer", committee__isnull=True, center__isnull=True,
                        territory__isnull=False)
                ),
                name="profile_link_matches_role",
                violation_error_message="Роль не соответствует привязке: председателю нужен "
                "комитет, специалисту ЦРН — центр, наблюдателю — территория.",
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.get_role_display()}"

    def clean(self):
        super().clean()
        needs = {
            self.Role.CHAIR: ("committee", "Выберите окружной комитет председателя."),
            self.Role.CENTER: ("center", "Выберите центр специалиста."),
            self.Role.VIEWER: ("territory", "Выберите территорию наблюдателя."),
        }
        errors = {}
        for role, (field, message) in needs.items():
            if self.role == role and not getattr(self, f"{field}_id"):
                errors[field] = message
            elif self.role != role and getattr(self, f"{field}_id"):
                errors[field] = "Для этой роли поле должно быть пустым."
        if errors:
            raise ValidationError(errors)


class ExportRecord(models.Model):
    """Who exported which rows of the registry, and when (152-ФЗ: exports of
    personal data are themselves recorded). Written by the export paths
    through accounts.services.record_export; never edited."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+",
        verbose_name="пользователь",
    )
    username = models.CharField("имя пользователя", max_length=150)
    created = models.DateTimeField("время", auto_now_add=True, db_index=True)
    model = models.CharField("таблица", max_length=100)
    model_name = models.CharField("что выгружено", max_length=200)
    row_count = models.PositiveIntegerField("строк")
    object_ids = models.JSONField("номера записей", default=list)
    filters = models.CharField("отбор", max_length=1000, blank=True)
    file_format = models.CharField("формат", max_length=20, blank=True)
    via = models.CharField("способ", max_length=50, default="admin")
    personal_fields = models.CharField(
        "выгружены персональные данные", max_length=200, blank=True,
        help_text="Поля с персональными данными, вошедшие в выгрузку.",
    )

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "выгрузка данных"
        verbose_name_plural = "журнал выгрузок"
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["model", "created"])]

    def __str__(self):
        return f"{self.username}: {self.model_name}, {self.row_count} стр."


class AccessRecord(models.Model):
    """The access log of personal data (152-ФЗ, art. 19; Roskomnadzor order
    No. 179): who opened a record holding personal data, exported or printed
    it, searched by a phone or an e-mail, or was refused a record outside
    their scope; when, and from which address (behind the configured
    proxies, accounts.security).

    Append-only: the database refuses an UPDATE of any row and a DELETE of a
    row younger than the retention period (triggers made by this app's
    migrations, accounts.access_log). It names records by id only, never
    by a person's name or phone, so that destroying a person's data leaves
    nothing of them here."""

    class Action(models.TextChoices):
        CARD = "card", "Открыта карточка"
        SEARCH = "search", "Поиск по телефону или e-mail"
        EXPORT = "export", "Выгрузка или печать"
        REFUSED = "refused", "Отказ в доступе"

    at = models.DateTimeField("время", default=timezone.now, db_index=True)
    # No foreign-key constraint: deleting a user must not rewrite the log.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.DO_NOTHING, null=True, blank=True,
        db_constraint=False, related_name="+", verbose_name="пользователь",
    )
    username = models.CharField("имя пользователя", max_length=150)
    action = models.CharField("действие", max_length=10, choices=Action)
    model = models.CharField("таблица", max_length=100)
    model_name = models.CharField("что", max_length=200)
    object_ids = models.JSONField("номера записей", default=list)
    detail = models.CharField("подробности", max_length=300, blank=True)
    address = models.GenericIPAddressField("адрес", null=True, blank=True)

    class Meta:
        default_permissions = ("view",)
        verbose_name = "обращение к персональным данным"
        verbose_name_plural = "журнал доступа к персональным данным"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["model", "at"], name="access_record_model_at")]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.username}: {self.get_action_display()}"


class SubjectRequest(models.Model):
    """A person's request for the data the city holds about them (152-ФЗ,
    art. 14), to be answered within ten working days
    (accounts.subject_requests). Names the person by their registry record
    only, so that destroying their data leaves nothing here."""

    class Channel(models.TextChoices):
        LETTER = "letter", "Письмо"
        EMAIL = "email", "Электронная почта"
        IN_PERSON = "in_person", "Лично"

    activist = models.ForeignKey(
        "committees.Activist", models.PROTECT, related_name="subject_requests",
        verbose_name="о ком запрос",
    )
    received = models.DateField("получен", default=timezone.localdate)
    channel = models.CharField("как получен", max_length=10, choices=Channel,
                               default=Channel.LETTER)
    due = models.DateField("ответить до", editable=False)
    answered = models.DateField("дан ответ", null=True, blank=True)
    note = models.CharField("номер и заметка", max_length=300, blank=True,
                            help_text="Входящий номер, без имен и адресов.")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+", verbose_name="зарегистрировал",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "запрос субъекта персональных данных"
        verbose_name_plural = "запросы субъектов персональных данных"
        ordering = ["answered", "due", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered__isnull=True) | Q(answered__gte=models.F("received")),
                name="subject_request_answered_after_received",
                violation_error_message="Ответ не может быть дан раньше, чем получен запрос.",
            )
        ]

    def __str__(self):
        return f"Запрос №{self.pk} от {self.received:%d.%m.%Y}"

    def save(self, *args, **kwargs):
        from .subject_requests import due_date

        self.due = due_date(self.received)
        super().save(*args, **kwargs)

    @property
    def overdue(self) -> bool:
        return self.answered is None and timezone.localdate() > self.due


class DestructionAct(models.Model):
    """The act of one destruction of personal data (152-ФЗ, art. 21;
    Roskomnadzor order No. 179): when, by whom, on what basis, which records
    (by number: their names are what was destroyed), and the PDF with the
    access-log extract (accounts.destruction)."""

    at = models.DateTimeField("время", default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="кто уничтожил",
    )
    username = models.CharField("имя пользователя", max_length=150)
    basis = models.CharField("основание", max_length=300)
    object_ids = models.JSONField("номера записей", default=list)
    reasons = models.JSONField("причины", default=dict)
    file = models.FileField("акт (PDF)", upload_to="destruction-acts/", blank=True)

    class Meta:
        default_permissions = ("view",)
        permissions = [("destroy_personal_data", "Может уничтожать персональные данные")]
        verbose_name = "акт об уничтожении персональных данных"
        verbose_name_plural = "акты об уничтожении персональных данных"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"Акт №{self.pk} от {timezone.localtime(self.at):%d.%m.%Y}"


class ErasureQueue(Activist):
    """The queue «На уничтожение» of the officer responsible for personal
    data: the activists accounts.destruction.queue() lists (a proxy: no
    table of its own)."""

    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = "активист на уничтожение ПДн"
        verbose_name_plural = "на уничтожение ПДн"
