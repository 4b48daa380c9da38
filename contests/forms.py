from django import forms
from django.utils import timezone

from committees.models import TosBody
from core.scoping import scope_queryset

from .models import Contest, ContestEdition, Nomination


class NominationSelect(forms.Select):
    """Each nomination's option names its edition (data-edition), so that
    static/portal/chair-application.js shows only the chosen edition's."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-edition"] = str(instance.edition_id)
        return option


class ApplicationForm(forms.Form):
    """A chair's application for one of the committee's TOS bodies. Its
    cleaned_data are the keyword arguments of services.submit_application.

    Only the editions taking applications today are offered
    (ContestEdition.open_on), and only the chosen edition's nominations:
    with the script the list follows the edition at once; without it a
    bound form offers the posted edition's nominations."""

    edition = forms.ModelChoiceField(
        label="Конкурс", queryset=ContestEdition.objects.none(), empty_label="— выберите —",
        error_messages={"invalid_choice": "Этот конкурс сейчас не принимает заявки."},
    )
    nomination = forms.ModelChoiceField(
        label="Номинация", queryset=Nomination.objects.none(), required=False,
        empty_label="— без номинации —", widget=NominationSelect,
    )
    tos_body = forms.ModelChoiceField(
        label="Орган ТОС", queryset=TosBody.objects.none(), empty_label="— выберите —"
    )
    participants = forms.IntegerField(label="Участников", min_value=1, initial=1)
    address = forms.CharField(
        label="Адрес объекта", max_length=300, required=False,
        help_text="Если отличается от адреса органа ТОС.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        today = timezone.localdate()
        editions = (
            ContestEdition.open_on(today)
            .filter(contest__audience=Contest.Audience.TOS)
            .select_related("contest")
            .order_by("applications_close", "contest__name")
        )
        self.editions = list(editions)
        self.fields["edition"].queryset = editions
        self.fields["edition"].label_from_instance = (
            lambda e: f"{e.contest.name}, {e.year} (заявки до {e.applications_close:%d.%m.%Y})"
        )
        nominations = Nomination.objects.filter(edition__in=editions)
        chosen = str(self.data.get(self.add_prefix("edition"), "")) if self.is_bound else ""
        if chosen.isdigit() and any(e.pk == int(chosen) for e in self.editions):
            nominations = nominations.filter(edition_id=int(chosen))
        self.fields["nomination"].queryset = nominations
        self.fields["nomination"].error_messages["invalid_choice"] = (
            "Эта номинация относится к другому конкурсу."
        )
        self.fields["nomination"].help_text = "Список меняется с выбранным конкурсом."
        self.fields["tos_body"].queryset = scope_queryset(
            user, TosBody.objects.active_on(today)
        ).select_related("committee")

    def clean(self):
        cleaned = super().clean()
        edition, nomination = cleaned.get("edition"), cleaned.get("nomination")
        if edition and nomination and nomination.edition_id != edition.pk:
            self.add_error("nomination", "Эта номинация относится к другому конкурсу.")
        return cleaned


class ResultActionForm(forms.Form):
    """The intermediate page of the admin action «Записать итог»."""

    place = forms.IntegerField(label="Место", required=False)
    prize = forms.CharField(
        label="Специальный приз", max_length=300, required=False,
        help_text="Например, «самые костюмированные болельщики».",
    )
