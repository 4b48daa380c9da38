import io
import secrets
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from PIL import Image, ImageCms, UnidentifiedImageError
from simple_history.models import HistoricalRecords

from centers.models import Center
from committees.models import DistrictCommittee, Territory, TosBody, follow_territory
from core.models import REGISTRY_PERMISSIONS, not_negative, related_values
from core.periods import refuse_future

from .querysets import EventQuerySet

# Two people editing the same event: the second save is refused with this,
# never silently overwriting the first (Event.version; the admin's and the
# portal's forms both check it).
EDIT_CONFLICT_MESSAGE = (
    "Запись изменил другой пользователь, пока вы её редактировали. "
    "Ваши изменения не сохранены: откройте запись заново и внесите их ещё раз."
)


def participants_message(count: int) -> str:
    """Asked of a participant count above settings.EVENT_PARTICIPANTS_CONFIRM."""
    return (
        f"{count} участников — больше {settings.EVENT_PARTICIPANTS_CONFIRM}. Проверьте, нет "
        "ли лишней цифры. Верное число подтвердите в форме отметкой «Да, число верное»; "
        "из файла такое число не загружается."
    )


class Campaign(models.Model):
    """A named city-wide action, such as «Все на лыжи»."""

    name = models.CharField(
        "название", max_length=200, unique=True,
        error_messages={"unique": "Акция с таким названием уже есть."},
    )
    description = models.TextField("описание", blank=True)

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "акция (городская)"
        verbose_name_plural = "акции (городские)"
        ordering = ["name"]

    def __str__(self):
        return f"«{self.name}»"


class Event(models.Model):
    """An event, action or clean-up, by a committee (or one of its bodies),
    a center, or the city administration itself: exactly one organiser."""

    class Kind(models.TextChoices):
        CULTURAL = "cultural", "Культурно-массовое мероприятие"
        ACTION = "action", "Акция"
        CLEANUP = "cleanup", "Субботник"
        SPORT = "sport", "Спортивное мероприятие"
        GATHERING = "gathering", "Слет общественности"
        OTHER = "other", "Другое"

    date = models.DateField("дата")
    title = models.CharField("название", max_length=300)
    kind = models.CharField("вид", max_length=10, choices=Kind)
    committee = models.ForeignKey(
        DistrictCommittee,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name="окружной комитет",
    )
    tos_body = models.ForeignKey(
        TosBody,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name="орган ТОС",
        help_text="Если мероприятие провел орган ТОС комитета.",
    )
    center = models.ForeignKey(
        Center,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name="центр по работе с населением",
    )
    by_city = models.BooleanField("проводит администрация города", default=False)
    campaign = models.ForeignKey(
        Campaign,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name="городская акция",
    )
    participants = models.PositiveIntegerField("участников")
    is_youth = models.BooleanField("по развитию молодежного движения", default=False)
    is_at_risk = models.BooleanField(
        "с участием семей и подростков «группы риска»", default=False
    )
    is_highlight = models.BooleanField(
        "яркий момент года", default=False, help_text="Фото попадут в буклет отчета."
    )
    place = models.CharField("место проведения", max_length=300, blank=True)
    description = models.TextField("описание", blank=True)
    # The organiser's territory, stored: the annual report groups a year of
    # events by territory in one index scan instead of joining each event
    # to its committee or center. Derived on every write (derive()), kept
    # when a committee or center moves (their save()); not in history.
    territory = models.ForeignKey(
        Territory,
        models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="территория",
    )
    version = models.PositiveIntegerField("версия", default=1, editable=False)
    created = models.DateTimeField("внесено", auto_now_add=True)
    updated = models.DateTimeField("изменено", auto_now=True)

    objects = EventQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["territory"])

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "мероприятие"
        verbose_name_plural = "мероприятия"
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(committee__isnull=False, center__isnull=True, by_city=False)
                    | Q(committee__isnull=True, center__isnull=False, by_city=False)
                    | Q(committee__isnull=True, center__isnull=True, by_city=True)
                ),
                name="event_exactly_one_organiser",
                violation_error_message="У мероприятия должен быть ровно один организатор: "
                "окружной комитет, центр или администрация города.",
            ),
            models.CheckConstraint(
                condition=Q(tos_body__isnull=True) | Q(committee__isnull=False),
                name="event_body_needs_committee",
                violation_error_message="Орган ТОС указывается вместе с его окружным комитетом.",
            ),
            not_negative("event", "participants", "Число участников не может быть отрицательным."),
            models.CheckConstraint(
                condition=Q(is_at_risk=False) | Q(center__isnull=False),
                name="event_at_risk_only_by_centers",
                violation_error_message="Отметка «группа риска» ставится только "
                "мероприятиям центров.",
            ),
        ]
        # The list's filters, each with the date order of the list: year (a date
        # range), organiser, kind, and the booklet's highlights.
        indexes = [
            # The list's own order (newest first), read page by page.
            models.Index(fields=["-date", "-id"], name="event_list_order"),
            models.Index(fields=["committee", "date"]),
            models.Index(fields=["center", "date"]),
            models.Index(fields=["kind", "date"]),
            models.Index(
                fields=["date"], condition=Q(is_highlight=True), name="event_highlight_date"
            ),
            # Everything the annual report counts, so that it reads a year
            # of events from this index alone (reports.aggregates._events).
            models.Index(
                fields=["date", "territory", "kind", "committee", "center", "campaign",
                        "participants", "is_youth", "is_at_risk"],
                name="event_year_figures",
            ),
        ]

    # A participant count above settings.EVENT_PARTICIPANTS_CONFIRM is
    # refused by clean() unless the form that set it asked and was told
    # «Да, число верное» (sets this), or the record already had it. A file
    # cannot confirm, so an import refuses such a row.
    participants_confirmed = False

    def __str__(self):
        return f"{self.title} ({self.date:%d.%m.%Y})"

    def save(self, *args, **kwargs):
        type(self).derive([self])
        super().save(*args, **kwargs)
        self._stored_participants = self.participants

    @classmethod
    def from_db(cls, db, field_names, values):
        event = super().from_db(db, field_names, values)
        event._stored_participants = event.__dict__.get("participants")
        return event

    @classmethod
    def derive(cls, events) -> None:
        """Set what an event takes from its organiser, for save(),
        bulk_create() and the import engine's INSERTs alike: the committee of
        its TOS body (figures 4 and 6 count by committee) and its territory.
        Related objects already loaded are used; the others are read with
        one query per table."""
        orphans = [event for event in events if not event.committee_id]
        bodies = related_values(cls.tos_body, orphans, "committee_id")
        for event in events:
            if event.tos_body_id and not event.committee_id:
                event.committee_id = bodies[event.tos_body_id]
        committees = related_values(cls.committee, events, "territory_id")
        centers = related_values(cls.center, events, "territory_id")
        for event in events:
            if event.committee_id:
                event.territory_id = committees[event.committee_id]
            elif event.center_id:
                event.territory_id = centers[event.center_id]
            else:
                event.territory_id = None

    @classmethod
    def follow_organiser(cls, organiser: DistrictCommittee | Center, **kwargs) -> None:
        """A committee or center was saved, perhaps in another territory
        (committees.models.organiser_saved, connected in EventsConfig.ready):
        its events' stored territory follows. Not in history: the events
        themselves did not change."""
        follow_territory(cls, organiser)

    @property
    def organiser(self):
        if self.by_city:
            return "Администрация города"
        return self.tos_body or self.committee or self.center

    def clean(self):
        super().clean()
        if self.tos_body_id and not self.committee_id:
            self.committee_id = self.tos_body.committee_id
        organisers = [bool(self.committee_id), bool(self.center_id), bool(self.by_city)]
        if sum(organisers) != 1:
            message = (
                "Укажите организатора: окружной комитет, центр или администрацию города."
                if not any(organisers)
                else "У мероприятия может быть только один организатор: "
                "окружной комитет, центр или администрация города."
            )
            raise ValidationError(message)
        if self.tos_body_id and self.tos_body.committee_id != self.committee_id:
            raise ValidationError(
                {"tos_body": "Этот орган ТОС относится к другому окружному комитету."}
            )
        if self.is_at_risk and not self.center_id:
            raise ValidationError(
                {"is_at_risk": "Отметка «группа риска» ставится только мероприятиям центров."}
            )
        # An event is reported after it happened (core.periods).
        refuse_future(self.date, field="date")
        if self.participants_need_confirmation:
            raise ValidationError(
                {"participants": ValidationError(
                    participants_message(self.participants), code="confirm")}
            )

    @property
    def participants_need_confirmation(self) -> bool:
        return (
            self.participants is not None
            and self.participants > settings.EVENT_PARTICIPANTS_CONFIRM
            and not self.participants_confirmed
            and self.participants != getattr(self, "_stored_participants", None)
        )


def event_photo_path(instance, filename):
    # A random part: the stored name of a photo cannot be guessed, even by
    # someone who knows the event's date and the file's name.
    return f"events/{instance.event.date:%Y/%m}/{secrets.token_hex(8)}-{filename}"


# Photos: one rule for every photo, whichever way it comes in (the admin's
# inline, the portal, an import, a script). The field refuses, in Russian, a
# file too big, a picture of too many pixels (read from its header, before
# anything is decoded) and whatever is not a picture; every photo accepted is
# stored re-encoded by prepare_photo(): decoded, turned upright, shrunk, saved
# afresh as a JPEG with no metadata, so that nothing the file carried beside
# its pixels (EXIF, comments, HTML after the image's end) is ever stored.

PHOTO_MAX_BYTES = 15 * 1024 * 1024  # as uploaded: a modern phone's photo
PHOTO_MAX_PIXELS = 50_000_000  # a 50-megapixel phone camera; ~150 MB decoded
PHOTO_MAX_SIDE = 1600  # px, as stored: sharp on any phone and in the booklet
PHOTO_JPEG_QUALITY = 85
PHOTO_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}  # MPO: some phones' JPEGs

# Pillow's own guard against decompression bombs, set to the same limit, for
# whatever else opens an image in this process (WeasyPrint reading a photo
# stored before these checks): Pillow warns above it and refuses twice it.
Image.MAX_IMAGE_PIXELS = PHOTO_MAX_PIXELS

_ORIENTATION = 0x0112
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_DECODE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError,
                  Image.DecompressionBombError, Image.DecompressionBombWarning)


class PreparedPhoto(ContentFile):
    """A photo re-encoded by prepare_photo(): stored as it is."""


def _display_name(file) -> str:
    return PurePath(getattr(file, "name", None) or "").name or "без имени"


def _not_a_photo(name: str) -> ValidationError:
    return ValidationError(
        f"Файл «{name}» не похож на фотографию. Подойдут JPEG, PNG или WebP.",
        code="invalid_image",
    )


def _too_many_pixels(name: str, size=None) -> ValidationError:
    found = f" ({size[0]} × {size[1]} точек)" if size else ""
    return ValidationError(
        f"Фото «{name}» слишком большое{found}: можно не больше "
        f"{PHOTO_MAX_PIXELS // 1_000_000} мегапикселей. Уменьшите его и загрузите снова.",
        code="too_many_pixels",
    )


def _open_photo(file, max_bytes: int | None) -> Image.Image:
    """The photo opened lazily (only its header read so far), or a
    ValidationError saying why it is refused."""
    name = _display_name(file)
    max_bytes = PHOTO_MAX_BYTES if max_bytes is None else max_bytes
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            f"Фото «{name}» больше {max_bytes // (1024 * 1024) or 1} МБ. "
            "Выберите фото меньшего размера.",
            code="too_big",
        )
    file.seek(0)
    try:
        image = Image.open(file)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(name) from None
    except _DECODE_ERRORS:
        raise _not_a_photo(name) from None
    if image.format not in PHOTO_FORMATS:
        image.close()
        raise _not_a_photo(name)
    if image.width * image.height > PHOTO_MAX_PIXELS:
        image.close()
        raise _too_many_pixels(name, image.size)
    return image


def check_photo(file, *, max_bytes: int | None = None) -> None:
    """Refuse a file too big, of too many pixels or not a picture, reading
    no more than its header."""
    _open_photo(file, max_bytes).close()
    file.seek(0)


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """RGB or greyscale pixels, turned to sRGB from the photo's own colour
    profile (phones shoot in Display P3), which is then not stored."""
    if icc and image.mode in ("RGB", "L", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            return ImageCms.profileToProfile(
                image, source, ImageCms.createProfile("sRGB"),
                outputMode="L" if image.mode == "L" else "RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken profile: the pixels as they are
    return image if image.mode in ("RGB", "L") else image.convert("RGB")


def prepare_photo(file, *, max_bytes: int | None = None) -> PreparedPhoto:
    """The photo checked, then re-encoded: a JPEG whose longest side is at
    most PHOTO_MAX_SIDE, upright by its EXIF orientation, in sRGB, carrying
    nothing but its pixels. A ValidationError in Russian if it is refused."""
    name = _display_name(file)
    try:
        with _open_photo(file, max_bytes) as original:
            try:
                orientation = original.getexif().get(_ORIENTATION)
            except _DECODE_ERRORS:  # broken EXIF on good pixels
                orientation = None
            icc = original.info.get("icc_profile")
            image = original
            if image.mode not in ("RGB", "RGBA", "L", "LA", "CMYK"):
                # Palette, 1-bit, 16-bit: resized well only as RGB(A).
                alpha = image.has_transparency_data
                image = image.convert("RGBA" if alpha else "RGB")
            # Decoded at a reduced scale where the format allows (JPEG).
            image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.LANCZOS)
            if orientation in _TRANSPOSE:
                image = image.transpose(_TRANSPOSE[orientation])
            if image.mode in ("RGBA", "LA"):
                background = Image.new("RGB", image.size, "white")
                background.paste(image.convert("RGBA"), mask=image.getchannel("A"))
                image = background
            image = _to_srgb(image, icc)
            image.info = {}  # Pillow would write a JPEG comment back
            out = io.BytesIO()
            image.save(out, "JPEG", quality=PHOTO_JPEG_QUALITY, optimize=True)
    except ValidationError:
        raise
    except _DECODE_ERRORS:
        raise _not_a_photo(name) from None
    finally:
        file.seek(0)
    stem = PurePath(name).stem[:80] or "photo"
    return PreparedPhoto(out.getvalue(), name=f"{stem}.jpg")


def _new_file(value):
    """The file just assigned to a photo field, not yet stored; else None."""
    if not value or getattr(value, "_committed", True):
        return None
    return value.file


def validate_photo(value) -> None:
    """The model field's validator (full_clean): a photo already stored is
    not opened again; a new one is checked unless already prepared."""
    file = _new_file(value)
    if file is not None and not isinstance(file, PreparedPhoto):
        check_photo(file)


class PhotoFormField(forms.ImageField):
    """The form field of a photo: the photo rule instead of Django's own
    check (which would decode a picture of any size), and the re-encoded
    photo as its value."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        return prepare_photo(upload)

    def widget_attrs(self, widget):
        attrs = forms.FileField.widget_attrs(self, widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = "image/jpeg,image/png,image/webp"
        return attrs


class PhotoField(models.ImageField):
    """An ImageField under the photo rule; see prepare_photo()."""

    default_validators = [validate_photo]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoFormField, **kwargs})


class EventPhoto(models.Model):
    """A photo of an event; a chair or a center may propose it for the
    booklet with a caption, and city staff approve or reject it in one
    queue (BookletProposal). The booklet prints approved photos only."""

    class Booklet(models.TextChoices):
        NONE = "none", "Не предложено"
        PROPOSED = "proposed", "Предложено"
        APPROVED = "approved", "Одобрено"
        REJECTED = "rejected", "Отклонено"

    # The photos are parts of their event, so they go with it.
    event = models.ForeignKey(
        Event, models.CASCADE, related_name="photos", verbose_name="мероприятие"
    )
    image = PhotoField(
        "фото", upload_to=event_photo_path,
        help_text=f"JPEG, PNG или WebP до {PHOTO_MAX_BYTES // (1024 * 1024)} МБ; "
        f"хранится уменьшенным до {PHOTO_MAX_SIDE} точек по длинной стороне.",
    )
    caption = models.CharField("подпись", max_length=300, blank=True)
    booklet_state = models.CharField(
        "в буклет", max_length=10, choices=Booklet, default=Booklet.NONE
    )
    # The caption the booklet prints: proposed by the chair or center, made
    # the city's words by staff before they approve it.
    booklet_caption = models.CharField(
        "подпись в буклете", max_length=300, blank=True,
        help_text="Что увидит читатель буклета: событие, место, люди. Жители без "
        "согласия на публикацию не называются.",
    )
    booklet_order = models.PositiveSmallIntegerField(
        "порядок в буклете", default=0,
        help_text="Меньшее число — раньше в своем разделе буклета.",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name="предложил",
    )
    proposed_at = models.DateTimeField("предложено", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name="решение принял",
    )
    decided_at = models.DateTimeField("решение принято", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        default_permissions = REGISTRY_PERMISSIONS
        verbose_name = "фото мероприятия"
        verbose_name_plural = "фото мероприятий"
        # event_id, not event: ordering by the relation would join the
        # events to sort by their own order.
        ordering = ["event_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(booklet_state__in=["approved", "rejected"], decided_at__isnull=False)
                    | Q(booklet_state__in=["none", "proposed"], decided_at__isnull=True)
                ),
                name="eventphoto_decision_dated",
                violation_error_message="Решение по фото для буклета принимается с датой; "
                "у непредложенного или ожидающего фото решения нет.",
            ),
        ]
        indexes = [
            # The staff's queue and the booklet read the proposed photos
            # only: a small part of all photos.
            models.Index(
                fields=["booklet_state", "booklet_order"],
                condition=~Q(booklet_state="none"), name="eventphoto_booklet",
            ),
        ]

    def __str__(self):
        return self.caption or self.image.name

    def save(self, *args, **kwargs):
        # Whoever saves a new photo (a form, an import, a script), it is
        # stored re-encoded; a ValidationError if it is no acceptable photo.
        file = _new_file(self.image)
        if file is not None and not isinstance(file, PreparedPhoto):
            self.image = prepare_photo(file)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        decided = self.booklet_state in (self.Booklet.APPROVED, self.Booklet.REJECTED)
        if decided != (self.decided_at is not None):
            raise ValidationError(
                {"booklet_state": "Решение по фото для буклета принимается с датой; "
                 "у непредложенного или ожидающего фото решения нет."}
            )

    @property
    def decided(self) -> bool:
        return self.booklet_state in (self.Booklet.APPROVED, self.Booklet.REJECTED)

    def propose(self, *, by, caption: str) -> bool:
        """Propose the photo for the booklet (or change the caption of a
        proposal still waiting). A decided photo stays as staff left it;
        returns whether anything changed."""
        caption = caption.strip()
        if self.decided:
            return False
        if self.booklet_state == self.Booklet.PROPOSED and self.booklet_caption == caption:
            return False
        if self.booklet_state != self.Booklet.PROPOSED:
            self.proposed_by, self.proposed_at = by, timezone.now()
        self.booklet_state = self.Booklet.PROPOSED
        self.booklet_caption = caption
        return True

    def withdraw(self) -> bool:
        """Take back a proposal still waiting; returns whether it was one."""
        if self.booklet_state != self.Booklet.PROPOSED:
            return False
        self.booklet_state = self.Booklet.NONE
        return True

    def decide(self, state: str, *, by) -> None:
        """Staff's decision: approved or rejected, with who and when."""
        if state not in (self.Booklet.APPROVED, self.Booklet.REJECTED):
            raise ValueError(state)
        self.booklet_state = state
        self.decided_by, self.decided_at = by, timezone.now()

    @classmethod
    @transaction.atomic
    def decide_all(cls, photos, state: str, *, by) -> int:
        """Decide each photo of the queue (the admin's actions); every one
        validated and saved with its history line. Returns how many."""
        for photo in photos:
            photo.decide(state, by=by)
            photo.full_clean()
            photo._change_reason = f"В буклет: {photo.get_booklet_state_display().lower()}"
            photo.save()
        return len(photos)


class BookletProposal(EventPhoto):
    """The staff's queue of photos proposed for the booklet: the same rows
    as EventPhoto, an admin of their own (events.admin)."""

    class Meta:
        proxy = True
        default_permissions = ("view", "change")
        verbose_name = "фото для буклета"
        verbose_name_plural = "фото для буклета"
