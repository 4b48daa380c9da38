from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from centers.models import Center
from committees.models import DistrictCommittee, Territory


class Profile(models.Model):
    """Which part of the registry a user works with. See accounts.scoping."""

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
