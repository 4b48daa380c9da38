"""The chair's forms: TOS bodies, activists, consents and closing dates.

The rows' own rules are the models' clean() (full_clean() in the views'
services); a form only narrows its choices to the chair's committee
(core.scoping) and leaves out what the role never fills in (personal data
by core.personal_data, fields by core.scoping)."""

from django import forms
from django.utils import timezone

from committees.models import Activist, Consent, TosBody
from core.periods import refuse_future
from core.personal_data import hidden_fields
from core.scoping import scope_queryset

DATE = {"type": "date"}


def date_input():
    return forms.DateInput(attrs=DATE, format="%Y-%m-%d")


class TosBodyForm(forms.ModelForm):
    class Meta:
        model = TosBody
        fields = ["kind", "address", "name", "founded"]
        widgets = {"founded": date_input()}
        labels = {"founded": "Дата создания"}
        help_texts = {"name": "Если у органа есть свое имя, например «Рудник»."}

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.committee = committee
        self.fields["address"].widget.attrs["autocomplete"] = "street-address"
        if self.instance.pk is None:
            self.fields["founded"].initial = timezone.localdate()

    def clean_founded(self):
        day = self.cleaned_data["founded"]
        refuse_future(day)
        return day


class CloseForm(forms.Form):
    """The date a TOS body stops or an activist leaves."""

    day = forms.DateField(label="Дата", widget=date_input())

    def __init__(self, *args, founded, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.founded = founded
        self.fields["day"].label = label
        self.fields["day"].initial = timezone.localdate()

    def clean_day(self):
        day = self.cleaned_data["day"]
        refuse_future(day)
        if day < self.founded:
            raise forms.ValidationError(
                f"Дата раньше даты создания ({self.founded:%d.%m.%Y})."
            )
        return day


class ActivistForm(forms.ModelForm):
    """Add or edit an activist; choosing another body of the committee moves
    them there (history keeps where they were)."""

    class Meta:
        model = Activist
        fields = ["full_name", "tos_body", "role", "founded", "phone", "email", "birth_date"]
        widgets = {"founded": date_input(), "birth_date": date_input()}
        labels = {"founded": "В органе ТОС с", "tos_body": "Орган ТОС"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for name in hidden_fields(user, Activist):
            self.fields.pop(name, None)
        today = timezone.localdate()
        bodies = scope_queryset(user, TosBody.objects.active_on(today))
        if self.instance.pk is not None:  # a body closed since stays choosable
            bodies = bodies | scope_queryset(
                user, TosBody.objects.filter(pk=self.instance.tos_body_id)
            )
        self.fields["tos_body"].queryset = bodies.order_by("name", "address")
        self.fields["tos_body"].empty_label = "— выберите —"
        if "phone" in self.fields:
            self.fields["phone"].widget.attrs.update(type="tel", autocomplete="tel")
        if "email" in self.fields:
            self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        if self.instance.pk is None:
            self.fields["founded"].initial = today

    def clean_founded(self):
        day = self.cleaned_data["founded"]
        refuse_future(day)
        return day


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["purpose", "given", "form", "text_version", "scan"]
        widgets = {"given": date_input()}
        labels = {"given": "Дата согласия", "form": "Форма согласия"}
        help_texts = {
            "scan": "Необязательно. Для согласия на бумаге: PDF, JPEG или PNG до 10 МБ.",
            "purpose": "Публикация имени и фото в отчете требует отдельного согласия.",
        }

    def __init__(self, *args, activist, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.activist = activist
        self.fields["given"].initial = timezone.localdate()
        self.fields["scan"].widget = forms.FileInput(
            attrs={"accept": "application/pdf,image/jpeg,image/png"}
        )


class WithdrawForm(forms.Form):
    day = forms.DateField(label="Дата отзыва", widget=date_input())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].initial = timezone.localdate()


class SearchForm(forms.Form):
    q = forms.CharField(label="Поиск", required=False, max_length=100)
    closed = forms.BooleanField(label="Показать прекратившие деятельность", required=False)
