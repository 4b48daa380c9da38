import datetime

from django import forms

from committees.models import TosBody
from core.scoping import scope_queryset

from .models import Contest, ContestEdition, Nomination


class ApplicationForm(forms.Form):
    """A chair's application for one of the committee's TOS bodies. Its
    cleaned_data are the keyword arguments of services.submit_application."""

    edition = forms.ModelChoiceField(
        label="Конкурс", queryset=ContestEdition.objects.none(), empty_label="— выберите —"
    )
    nomination = forms.ModelChoiceField(
        label="Номинация", queryset=Nomination.objects.none(), required=False,
        empty_label="— без номинации —",
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
        editions = ContestEdition.objects.filter(
            contest__audience=Contest.Audience.TOS
        ).select_related("contest")
        self.fields["edition"].queryset = editions
        self.fields["nomination"].queryset = Nomination.objects.filter(
            edition__in=editions
        ).select_related("edition__contest")
        self.fields["nomination"].label_from_instance = (
            lambda n: f"{n.edition.contest.name}, {n.edition.year}: {n}"
        )
        self.fields["tos_body"].queryset = scope_queryset(
            user, TosBody.objects.active_on(datetime.date.today())
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
