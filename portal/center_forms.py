"""Forms of the center's portal pages: thin, the rules are the models'."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

from centers.models import Club, PreventionRecord, Reception, RentalItem
from core.scoping import OUT_OF_SCOPE, fits_scope

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
COUNT_WIDGET = {"inputmode": "numeric", "min": 0}
DATE_ERRORS = {"required": "Укажите дату.", "invalid": "Введите дату."}


def count_widget(**attrs):
    return forms.NumberInput(attrs={**COUNT_WIDGET, **attrs})


def _unique_message(model, name: str) -> str:
    for constraint in model._meta.constraints:
        if name in getattr(constraint, "fields", ()) and "center" in constraint.fields:
            return constraint.violation_error_message
    raise LookupError(name)


class CenterRecordForm(forms.ModelForm):
    """A record of the user's own center: the center is set by the view,
    never chosen. The name unique within the center (`unique_field`) is
    checked at its field, which Django skips when the center is not on
    the form."""

    unique_field = None

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def _post_clean(self):
        super()._post_clean()
        if self._errors:
            return
        name = self.unique_field
        if name and self.instance.center_id:
            model = type(self.instance)
            taken = model._default_manager.filter(
                center_id=self.instance.center_id, **{name: getattr(self.instance, name)}
            ).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(name, _unique_message(model, name))
        if not self._errors and not fits_scope(self.user, self.instance):
            self.add_error(None, OUT_OF_SCOPE)


class ReceptionForm(CenterRecordForm):
    class Meta:
        model = Reception
        fields = ["date", "visitors", "topic"]
        labels = {"visitors": "Обратилось граждан", "topic": "Тема"}
        widgets = {
            "date": DATE_WIDGET,
            "visitors": count_widget(),
            "topic": forms.TextInput(
                attrs={"placeholder": "Например, благоустройство двора", "autocomplete": "off"}
            ),
        }
        error_messages = {
            "date": DATE_ERRORS,
            "visitors": {
                "required": "Укажите, сколько граждан обратилось.",
                "min_value": "Число не может быть меньше нуля.",
            },
        }


class RentalItemForm(CenterRecordForm):
    unique_field = "item"

    class Meta:
        model = RentalItem
        fields = ["item", "quantity"]
        labels = {"item": "Инвентарь", "quantity": "Количество"}
        widgets = {
            "item": forms.TextInput(
                attrs={"placeholder": "Например, лыжи беговые", "autocomplete": "off"}
            ),
            "quantity": count_widget(),
        }
        error_messages = {
            "item": {"required": "Напишите, что это за инвентарь."},
            "quantity": {
                "required": "Укажите количество.",
                "min_value": "Количество не может быть меньше нуля.",
            },
        }


class ClubForm(CenterRecordForm):
    """A club and its members in one year: the year's count is a ClubYear
    (centers.services.save_club)."""

    unique_field = "name"

    year_members = forms.IntegerField(
        min_value=0,
        widget=count_widget(),
        error_messages={
            "required": "Укажите, сколько человек занимается.",
            "min_value": "Число не может быть меньше нуля.",
        },
    )

    class Meta:
        model = Club
        fields = ["name", "year_members", "direction", "online", "founded"]
        labels = {
            "name": "Название",
            "direction": "Направление",
            "online": "Работает и онлайн",
            "founded": "Работает с",
        }
        widgets = {
            "name": forms.TextInput(
                attrs={"placeholder": "Например, клуб «Рукодельница»", "autocomplete": "off"}
            ),
            "direction": forms.TextInput(
                attrs={"placeholder": "Например, декоративно-прикладное творчество"}
            ),
            "founded": DATE_WIDGET,
        }
        error_messages = {
            "name": {"required": "Напишите название."},
            "founded": DATE_ERRORS,
        }

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.fields["year_members"].label = f"Занимающихся в {year} году"


class ClubCloseForm(forms.ModelForm):
    class Meta:
        model = Club
        fields = ["closed"]
        labels = {"closed": "Дата, с которой кружок не работает"}
        widgets = {"closed": DATE_WIDGET}
        error_messages = {"closed": DATE_ERRORS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed"].required = True


class PreventionMonthForm(forms.Form):
    """The five kinds of one month side by side; a blank field means
    nothing of that kind was done (its record is removed)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in PreventionRecord.Kind.choices:
            self.fields[kind] = forms.IntegerField(
                label=label,
                required=False,
                min_value=0,
                widget=count_widget(),
                error_messages={"min_value": "Количество не может быть меньше нуля."},
            )

    def counts(self) -> dict[str, int | None]:
        return {kind: self.cleaned_data.get(kind) for kind in PreventionRecord.Kind.values}


def first_of_year_or_today(year: int, today: datetime.date) -> datetime.date:
    """Where a new club of `year` starts by default."""
    return today if year >= today.year else datetime.date(year, 1, 1)


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's ValidationError on the form: at its field when the form
    has it, above the form otherwise."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
