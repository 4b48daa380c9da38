import io
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.dispatch import Signal
from simple_history.models import HistoricalRecords

from core.models import REGISTRY_PERMISSIONS, Lifespan, related_values
from core.periods import refuse_future

from .querysets import ActivistQuerySet, CommitteeQuerySet, TosBodyQuerySet


class Territory(models.Model):
    """A city district or a residential area (жилой район) of Kemerovo."""

    class Kind(models.TextChoices):
        DISTRICT = "district", "Район"
        RESIDENTIAL = "residential", "Жилой район"

    name = models.CharField(
        "название", max_length=100, unique=True,
        error_messages={"unique": "Территория с таким названием уже есть."},
    )
    kind = models.CharField("вид", max_length=12, choices=Kind, default=Kind.DISTRICT)
    name_genitive = models.CharField(
        "название в родительном падеже",
        max_length=100,
        blank=True,
        help_text="Как в отчете после названия центра: «Ленинского района».",
    )
    order = models.PositiveSmallIntegerField("порядок в отчете", default=0)

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "территория"
        verbose_name_plural = "территории"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    @property
    def genitive(self) -> str:
        return self.name_genitive or self.name


# Sent, with `organiser`, after a committee or center that existed is saved
# again, perhaps in another territory. The apps above that store an
# organiser's territory on their rows (events, contest applications) connect
# in their AppConfig.ready() and make those rows follow: this app imports
# none of them.
organiser_saved = Signal()


def follow_territory(model, organiser) -> None:
    """The rows of `model` that store the territory of a committee or
    center (its `committee` or `center`) take the organiser's territory.
    A plain UPDATE, not in history: those rows themselves did not change."""
    field = "committee" if isinstance(organiser, DistrictCommittee) else "center"
    model._base_manager.filter(**{field: organiser}).exclude(
        territory_id=organiser.territory_id
    ).update(territory_id=organiser.territory_id)


class EventOrganiser(models.Model):
    """A committee or a center, as the organiser of events and an
    applicant to contests: the rows that store its territory
    (Event.territory, Application.territory) follow when a saved organiser
    is saved again, perhaps in another territory (`organiser_saved`)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        existed = not self._state.adding
        super().save(*args, **kwargs)
        fields = kwargs.get("update_fields")
        if existed and (fields is None or {"territory", "territory_id"} & set(fields)):
            organiser_saved.send(sender=type(self), organiser=self)


class DistrictCommittee(EventOrganiser, Lifespan):
    """Окружной комитет ТОС."""

    number = models.PositiveSmallIntegerField(
        "номер", unique=True, error_messages={"unique": "Комитет с таким номером уже есть."}
    )
    name = models.CharField(
        "название", max_length=200, unique=True,
        error_messages={"unique": "Комитет с таким названием уже есть."},
    )
    territory = models.ForeignKey(
        Territory, models.PROTECT, related_name="committees", verbose_name="территория"
    )
    chair_name = models.CharField("председатель", max_length=200, blank=True)
    phone = models.CharField("телефон", max_length=40, blank=True)

    objects = CommitteeQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "окружной комитет ТОС"
        verbose_name_plural = "окружные комитеты ТОС"
        ordering = ["number"]
        constraints = [Lifespan.lifespan_constraint("committee")]

    def __str__(self):
        return self.name


class TosBody(Lifespan):
    """Орган ТОС: a house or street committee, or another body."""

    class Kind(models.TextChoices):
        HOUSE = "house", "Домовый комитет"
        STREET = "street", "Уличный комитет"
        OTHER = "other", "Иной орган ТОС"

    committee = models.ForeignKey(
        DistrictCommittee, models.PROTECT, related_name="bodies", verbose_name="окружной комитет"
    )
    kind = models.CharField("вид", max_length=10, choices=Kind, default=Kind.HOUSE)
    name = models.CharField(
        "собственное название", max_length=200, blank=True, help_text="Например, ТОС «Рудник»."
    )
    address = models.CharField(
        "адрес или границы", max_length=300, help_text="Дом или участок улицы."
    )

    objects = TosBodyQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "орган ТОС"
        verbose_name_plural = "органы ТОС"
        ordering = ["committee__number", "address"]
        constraints = [
            Lifespan.lifespan_constraint("tosbody"),
            models.UniqueConstraint(
                fields=["committee", "kind", "address"],
                name="tosbody_unique_address",
                violation_error_message="В этом комитете уже есть орган ТОС такого вида "
                "по этому адресу.",
            ),
            # A named body («Рудник») is known city-wide by its name: the
            # report and the contests name it without its committee.
            models.UniqueConstraint(
                fields=["name"],
                condition=~Q(name=""),
                name="tosbody_unique_name",
                violation_error_message="Орган ТОС с таким названием уже есть.",
            ),
        ]
        indexes = [
            models.Index(fields=["address"]),
            # Figure 2 counts the bodies of each committee from this index.
            models.Index(fields=["committee", "founded", "closed"], name="tosbody_by_committee"),
        ]

    def __str__(self):
        if self.name:
            return f"ТОС «{self.name}»"
        return f"{self.get_kind_display()}, {self.address}"

    def save(self, *args, **kwargs):
        moved = not self._state.adding
        super().save(*args, **kwargs)
        if moved:  # activists store their body's committee (Activist.committee)
            Activist._base_manager.filter(tos_body=self).exclude(
                committee_id=self.committee_id
            ).update(committee_id=self.committee_id)


class Activist(Lifespan):
    """A person in a TOS body. Personal data: see core.personal_data."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Председатель"
        HOUSE_SENIOR = "house_senior", "Старший дома"
        STREET_SENIOR = "street_senior", "Старший улицы"
        MEMBER = "member", "Член комитета"

    class ConsentForm(models.TextChoices):
        WRITTEN = "written", "Письменное"
        ELECTRONIC = "electronic", "Электронное"

    tos_body = models.ForeignKey(
        TosBody, models.PROTECT, related_name="activists", verbose_name="орган ТОС"
    )
    full_name = models.CharField("ФИО", max_length=200)
    role = models.CharField("роль", max_length=16, choices=Role, default=Role.MEMBER)
    phone = models.CharField("телефон", max_length=40, blank=True)
    email = models.EmailField("эл. почта", blank=True)
    birth_date = models.DateField("дата рождения", null=True, blank=True)
    consent_date = models.DateField("дата согласия на обработку ПДн", null=True, blank=True)
    consent_form = models.CharField(
        "форма согласия", max_length=12, choices=ConsentForm, blank=True
    )
    anonymised = models.DateTimeField("персональные данные удалены", null=True, blank=True)
    # The body's committee, stored: figure 3 counts the activists of each
    # committee from one index instead of joining 250 000 of them to their
    # bodies. Derived on every write (derive()), kept when a body moves to
    # another committee (TosBody.save()); not in history.
    committee = models.ForeignKey(
        DistrictCommittee,
        models.PROTECT,
        editable=False,
        related_name="+",
        verbose_name="окружной комитет",
    )

    objects = ActivistQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["committee"])

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "активист"
        verbose_name_plural = "активисты"
        ordering = ["full_name"]
        constraints = [
            Lifespan.lifespan_constraint("activist"),
            models.CheckConstraint(
                condition=Q(consent_date__isnull=True) | ~Q(consent_form=""),
                name="activist_consent_has_form",
                violation_error_message="Укажите форму согласия на обработку ПДн.",
            ),
        ]
        indexes = [
            # The list is ordered by name; 24 000 rows sort on an index.
            models.Index(fields=["full_name"]),
            # Figure 3 counts the activists of each committee from this index.
            models.Index(fields=["committee", "founded", "closed"], name="activist_by_committee"),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        type(self).derive([self])
        super().save(*args, **kwargs)

    @classmethod
    def derive(cls, activists) -> None:
        """Set each activist's committee from its TOS body, for save(),
        bulk_create() and the import engine's INSERTs alike."""
        committees = related_values(cls.tos_body, activists, "committee_id")
        for activist in activists:
            activist.committee_id = committees.get(activist.tos_body_id)

    def clean(self):
        super().clean()
        if self.consent_date and not self.consent_form:
            raise ValidationError({"consent_form": "Укажите форму согласия на обработку ПДн."})


SCAN_MAX_BYTES = 10 * 1024 * 1024
SCAN_SUFFIXES = {".pdf": b"%PDF-", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff",
                 ".png": b"\x89PNG\r\n\x1a\n"}


def validate_scan(value) -> None:
    """A scan of a paper consent: a PDF, JPEG or PNG of at most 10 MB whose
    first bytes are those of its kind (a renamed file is refused). A file
    already stored is not read again."""
    if not value or getattr(value, "_committed", True):
        return
    name = PurePath(value.name or "").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in SCAN_SUFFIXES:
        raise ValidationError(f"Файл «{name}» не подходит: загрузите скан в PDF, JPEG или PNG.")
    if value.size is not None and value.size > SCAN_MAX_BYTES:
        raise ValidationError(
            f"Файл «{name}» больше {SCAN_MAX_BYTES // (1024 * 1024)} МБ. "
            "Отсканируйте с меньшим разрешением."
        )
    file = value.file
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if not head.startswith(SCAN_SUFFIXES[suffix]):
        raise ValidationError(f"Файл «{name}» поврежден или не является {suffix[1:].upper()}.")
    if suffix != ".pdf":
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(io.BytesIO(file.read())) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
                Image.DecompressionBombError):
            raise ValidationError(f"Файл «{name}» поврежден или не является картинкой.") from None
        finally:
            file.seek(0)


def consent_scan_path(consent, filename: str) -> str:
    # Served only after the scope check of its consent (portal.media).
    suffix = PurePath(filename).suffix.lower()
    return f"consents/{consent.activist_id}/{PurePath(filename).stem[:40] or 'scan'}{suffix}"


class Consent(models.Model):
    """An activist's consent to the processing of personal data (152-ФЗ),
    one per purpose: taking part in the TOS, and publishing the name and
    photo in the report, which art. 10.1 wants as a consent of its own.
    A withdrawal is recorded, not deleted: withdrawn consents are the
    staff's list «Отозвали согласие» (the admin's filter).

    The activist's own consent_date and consent_form are the latest
    participation consent, kept by committees.services.record_consent for
    the import columns, the demo and the lists that read them."""

    class Purpose(models.TextChoices):
        PARTICIPATION = "participation", "Участие в ТОС"
        PUBLICATION = "publication", "Публикация имени и фото в отчете"

    Form = Activist.ConsentForm

    activist = models.ForeignKey(
        Activist, models.PROTECT, related_name="consents", verbose_name="активист"
    )
    purpose = models.CharField("цель", max_length=16, choices=Purpose,
                               default=Purpose.PARTICIPATION)
    text_version = models.CharField(
        "редакция текста", max_length=40, blank=True,
        help_text="Какой текст согласия подписан, например «2024-1».",
    )
    given = models.DateField("дата согласия")
    form = models.CharField("форма", max_length=12, choices=Form, default=Form.WRITTEN)
    scan = models.FileField(
        "скан", upload_to=consent_scan_path, blank=True, validators=[validate_scan],
        help_text="Для письменного согласия: PDF, JPEG или PNG до 10 МБ.",
    )
    withdrawn = models.DateField("отозвано", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "согласие на обработку ПДн"
        verbose_name_plural = "согласия на обработку ПДн"
        ordering = ["activist_id", "-given", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn__isnull=True) | Q(withdrawn__gte=F("given")),
                name="consent_withdrawn_after_given",
                violation_error_message="Согласие не может быть отозвано раньше, чем дано.",
            ),
            models.CheckConstraint(
                condition=Q(scan="") | Q(form="written"),
                name="consent_scan_only_written",
                violation_error_message="Скан прикладывается только к письменному согласию.",
            ),
        ]
        indexes = [
            # The staff's list of withdrawals, newest first.
            models.Index(fields=["withdrawn"], name="consent_withdrawn"),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()}: {self.given:%d.%m.%Y}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn is not None

    def clean(self):
        super().clean()
        refuse_future(self.given, field="given")
        refuse_future(self.withdrawn, field="withdrawn")
        if self.withdrawn and self.given and self.withdrawn < self.given:
            raise ValidationError(
                {"withdrawn": "Согласие не может быть отозвано раньше, чем дано."}
            )
        if self.scan and self.form != self.Form.WRITTEN:
            raise ValidationError(
                {"scan": "Скан прикладывается только к письменному согласию."}
            )
