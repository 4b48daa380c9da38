"""Applications to a contest edition and the results awarded to them."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from centers.models import Center
from committees.models import Consent, DistrictCommittee, Territory, TosBody, follow_territory
from core.models import REGISTRY_PERMISSIONS

from ..querysets import ApplicationQuerySet, ResultQuerySet
from .contests import ContestEdition, Nomination

# A resident named without a publication consent, in the report and on the
# results page (Application.mark_for_publication).
RESIDENT = "житель"
# A person's name: two or three capitalised words (a hyphenated surname, an
# initial), «Иванова Анна Петровна», «Петров П. И.». A team's name, which
# is no one's personal data, is anything else: «Лига ТОС», «Команда
# Ленинского района», or starts with one of TEAM_WORDS («Клуб Патриот»).
PERSON_NAME = re.compile(
    r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
    r"(?:\s+(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?|[А-ЯЁ]\.\s*[А-ЯЁ]\.|[А-ЯЁ]\.)){1,2}"
)
TEAM_WORDS = {"команда", "сборная", "лига", "клуб", "отряд", "дружина", "ансамбль",
              "коллектив", "хор", "студия", "союз", "совет", "школа", "центр"}


def names_a_person(name: str) -> bool:
    """Whether a resident's application names a person, not a team."""
    name = " ".join(name.split())
    first = name.split(" ", 1)[0].casefold() if name else ""
    return bool(PERSON_NAME.fullmatch(name)) and first not in TEAM_WORDS


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold().replace("ё", "е")


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
        default_permissions = REGISTRY_PERMISSIONS
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

    @classmethod
    def follow_organiser(cls, organiser: DistrictCommittee | Center, **kwargs) -> None:
        """A committee or center was saved, perhaps in another territory
        (committees.models.organiser_saved, connected in
        ContestsConfig.ready): the territory its applications take from it
        (see derive) follows, a TOS body's application through its stored
        committee. Not in history: the applications themselves did not
        change."""
        follow_territory(cls, organiser)

    @property
    def applicant(self):
        """Who applied: the TOS body, center or committee, else the resident
        or team by name; «житель» for a person not to be named in public
        (see mark_for_publication)."""
        named = self.tos_body or self.center or self.committee
        if named:
            return named
        if getattr(self, "_publishable", True) is False:
            return RESIDENT
        return self.applicant_name

    @classmethod
    def mark_for_publication(cls, applications) -> None:
        """Mark applications read for the report, its booklet and the
        results page: a person (152-ФЗ, art. 10.1) is named there only
        with a publication consent standing, and is «житель» otherwise
        (`applicant`). The person is an activist, not yet erased, of a
        committee of the application's territory (a resident's application
        with a committee shows the committee, no name), whose full name is
        the applicant's name (case, spaces and «ё» aside) and who has a
        publication consent not withdrawn (committees.models.Consent); no
        territory, no match. A team's name (names_a_person) is nobody's
        personal data and stays. One query, none without persons."""
        people = [
            a for a in applications
            if a.applicant_kind == cls.ApplicantKind.PERSON and not a.committee_id
            and not a.tos_body_id and not a.center_id and names_a_person(a.applicant_name)
        ]
        for application in applications:
            application._publishable = True
        if not people:
            return
        territories = {a.territory_id for a in people if a.territory_id}
        consents = Consent.objects.filter(
            purpose=Consent.Purpose.PUBLICATION, withdrawn__isnull=True,
            activist__anonymised__isnull=True, activist__committee__territory_id__in=territories,
        ).values_list("activist__full_name", "activist__committee__territory_id")
        consented = {(_folded(name), territory) for name, territory in consents}
        for application in people:
            application._publishable = (
                _folded(application.applicant_name), application.territory_id
            ) in consented

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
        default_permissions = REGISTRY_PERMISSIONS
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
