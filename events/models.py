from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from centers.models import Center
from committees.models import DistrictCommittee, Territory, TosBody
from kemerovo_tos.models import related_values

from .querysets import EventQuerySet

# Two people editing the same event: the second save is refused with this,
# never silently overwriting the first (Event.version; the admin's and the
# portal's forms both check it).
EDIT_CONFLICT_MESSAGE = (
    "Запись изменил другой пользователь, пока вы её редактировали. "
    "Ваши изменения не сохранены: откройте запись заново и внесите их ещё раз."
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
        default_permissions = ("add", "change", "delete", "view", "import", "export")
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
        default_permissions = ("add", "change", "delete", "view", "import", "export")
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
            models.CheckConstraint(
                condition=Q(participants__gte=0),
                name="event_participants_not_negative",
                violation_error_message="Число участников не может быть отрицательным.",
            ),
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

    def __str__(self):
        return f"{self.title} ({self.date:%d.%m.%Y})"

    def save(self, *args, **kwargs):
        type(self).derive([self])
        super().save(*args, **kwargs)

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
    def follow_organiser(cls, organiser: DistrictCommittee | Center) -> None:
        """A committee or center was saved, perhaps in another territory:
        its events' stored territory follows. Not in history: the events
        themselves did not change."""
        field = "committee" if isinstance(organiser, DistrictCommittee) else "center"
        cls._base_manager.filter(**{field: organiser}).exclude(
            territory_id=organiser.territory_id
        ).update(territory_id=organiser.territory_id)

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


def event_photo_path(instance, filename):
    return f"events/{instance.event.date:%Y/%m}/{filename}"


class EventPhoto(models.Model):
    # The photos are parts of their event, so they go with it.
    event = models.ForeignKey(
        Event, models.CASCADE, related_name="photos", verbose_name="мероприятие"
    )
    image = models.ImageField("фото", upload_to=event_photo_path)
    caption = models.CharField("подпись", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        default_permissions = ("add", "change", "delete", "view", "import", "export")
        verbose_name = "фото мероприятия"
        verbose_name_plural = "фото мероприятий"
        # event_id, not event: ordering by the relation would join the
        # events to sort by their own order.
        ordering = ["event_id", "pk"]

    def __str__(self):
        return self.caption or self.image.name
