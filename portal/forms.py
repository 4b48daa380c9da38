from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from committees.models import TosBody
from core.scoping import (
    OUT_OF_SCOPE,
    fits_scope,
    role_hidden_fields,
    role_read_only_fields,
    scope_queryset,
)
from events.models import Campaign, Event, EventPhoto

from .services import PHOTO_MAX_COUNT, prepare_photos


class PortalLoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Неверное имя пользователя или пароль. "
        "Проверьте раскладку клавиатуры и Caps Lock.",
        "inactive": "Эта учетная запись отключена. Обратитесь в администрацию города.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Имя пользователя"
        self.fields["username"].widget.attrs.update(autocapitalize="none", spellcheck="false")
        self.fields["password"].label = "Пароль"


class MultiplePhotoInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos in one input; each is checked, none is required."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            MultiplePhotoInput(
                attrs={
                    "accept": "image/jpeg,image/png,image/webp",
                    "class": "photo-pick__input",
                    "data-photo-input": "",
                }
            ),
        )
        super().__init__(required=False, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(PhotosField, self).clean(f, initial) for f in files if f]


BOOKLET_CAPTION_HELP = (
    "Что на фото, где, кто. Жителей называйте, только если они дали согласие "
    "на публикацию; подпись может поправить администрация."
)
BOOKLET_CAPTION_REQUIRED = "Напишите подпись для буклета: что на фото, где, кто."


class EventForm(forms.ModelForm):
    """At most seven fields on screen; the rarely needed ones are folded
    under «Подробнее» (see ADVANCED). Photos may be proposed for the
    booklet with a caption: the ones uploaded now together (BOOKLET), each
    photo already attached on its own (photo_rows)."""

    ADVANCED = ["is_youth", "place", "description"]
    BOOKLET = ["propose_new", "booklet_caption"]

    photos = PhotosField(
        label="Фото",
        help_text=f"До {PHOTO_MAX_COUNT} фото; большие уменьшаются при загрузке.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Shown under «Участников» only when the model asks (Event.clean:
    # more than settings.EVENT_PARTICIPANTS_CONFIRM).
    confirm_participants = forms.BooleanField(label="Да, число верное", required=False)
    propose_new = forms.BooleanField(label="Предложить в буклет", required=False)
    booklet_caption = forms.CharField(
        label="Подпись для буклета", max_length=300, required=False,
        help_text=BOOKLET_CAPTION_HELP,
    )

    class Meta:
        model = Event
        fields = [
            "date",
            "title",
            "kind",
            "campaign",
            "tos_body",
            "participants",
            "is_at_risk",
            "is_youth",
            "place",
            "description",
        ]
        labels = {
            "title": "Название",
            "kind": "Вид",
            "campaign": "Городская акция",
            "tos_body": "Орган ТОС",
            "participants": "Участников",
            "is_at_risk": "С участием семей и подростков «группы риска»",
            "is_youth": "По развитию молодежного движения",
        }
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "participants": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "title": forms.TextInput(
                attrs={"placeholder": "Например, Праздник двора", "autocomplete": "off"}
            ),
        }
        error_messages = {
            "date": {"required": "Укажите дату.", "invalid": "Введите дату."},
            "title": {"required": "Напишите, что это было."},
            "kind": {"required": "Выберите вид мероприятия."},
            "participants": {
                "required": "Укажите число участников.",
                "min_value": "Участников не может быть меньше нуля.",
            },
        }

    def __init__(self, *args, user, photos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # The event's own photos (the view read them in scope): a field pair
        # per photo; ids posted for any other photo are never read.
        self.photos = list(photos)
        if self.photos:
            self.fields["propose_new"].label = "Предложить в буклет фото, выбранные сейчас"
        for photo in self.photos:
            decided = photo.decided
            self.fields[f"photo_{photo.pk}_propose"] = forms.BooleanField(
                label="Предложить в буклет", required=False, disabled=decided,
                initial=photo.booklet_state != EventPhoto.Booklet.NONE,
            )
            self.fields[f"photo_{photo.pk}_caption"] = forms.CharField(
                label="Подпись для буклета", max_length=300, required=False,
                disabled=decided, initial=photo.booklet_caption,
            )
        # What the role never fills in or may not set is not offered, as in
        # the admin (core.access): a center's event has no TOS body, a
        # chair's no "risk group" mark.
        for name in (*role_hidden_fields(user, Event), *role_read_only_fields(user, Event)):
            self.fields.pop(name, None)
        self.fields["campaign"].queryset = scope_queryset(user, Campaign.objects.all())
        self.fields["campaign"].empty_label = "— не городская акция —"
        self.fields["kind"].choices = [("", "— выберите —"), *Event.Kind.choices]
        self.fields["participants"].help_text = ""
        if "tos_body" in self.fields:
            bodies = scope_queryset(user, TosBody.objects.filter(closed__isnull=True))
            self.fields["tos_body"].queryset = bodies.order_by("name", "address")
            self.fields["tos_body"].empty_label = "— весь окружной комитет —"
            self.fields["tos_body"].help_text = "Если мероприятие провел дом или улица."
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def _post_clean(self):
        self.instance.participants_confirmed = bool(
            self.cleaned_data.get("confirm_participants")
        )
        super()._post_clean()
        # The admin's check (core.admin_base): the event, as filled in,
        # stays in the user's committee or center.
        if not self._errors and not fits_scope(self.user, self.instance):
            self.add_error(None, OUT_OF_SCOPE)

    @property
    def asks_confirmation(self) -> bool:
        """«Да, число верное» is offered once the count was questioned."""
        if self.data.get("confirm_participants"):
            return True
        errors = self.errors.as_data().get("participants", []) if self.is_bound else []
        return any(error.code == "confirm" for error in errors)

    @property
    def main_fields(self):
        shown = [
            f for f in self.visible_fields()
            if f.name not in self.ADVANCED and f.name not in self.BOOKLET
            and f.name != "confirm_participants" and not f.name.startswith("photo_")
        ]
        if self.asks_confirmation:
            at = next(i for i, f in enumerate(shown) if f.name == "participants") + 1
            shown.insert(at, self["confirm_participants"])
        return shown

    @property
    def booklet_open(self):
        """Unfold the booklet's proposal when it is filled in or wrong: an
        event is entered in under a minute, the booklet is a choice."""
        return any(f.errors or f.value() not in (None, "", False) for f in self.booklet_fields)

    @property
    def advanced_fields(self):
        return [f for f in self.visible_fields() if f.name in self.ADVANCED]

    @property
    def advanced_open(self):
        """Unfold «Подробнее» when something in it is filled in or wrong."""
        return any(
            f.errors or f.value() not in (None, "", False) for f in self.advanced_fields
        )

    @property
    def booklet_fields(self):
        """«Предложить в буклет» for the photos chosen now."""
        return [self[name] for name in self.BOOKLET]

    @property
    def photo_rows(self):
        """Per photo attached: the photo, its two fields, its state."""
        return [
            (photo, self[f"photo_{photo.pk}_propose"], self[f"photo_{photo.pk}_caption"])
            for photo in self.photos
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("propose_new") and not cleaned.get("booklet_caption", "").strip():
            self.add_error("booklet_caption", BOOKLET_CAPTION_REQUIRED)
        for photo in self.photos:
            if photo.decided:
                continue
            caption = cleaned.get(f"photo_{photo.pk}_caption", "").strip()
            if cleaned.get(f"photo_{photo.pk}_propose") and not caption:
                self.add_error(f"photo_{photo.pk}_caption", BOOKLET_CAPTION_REQUIRED)
        return cleaned

    @property
    def booklet(self) -> dict:
        """What the services write of the booklet proposals (cleaned)."""
        data = self.cleaned_data
        return {
            "propose_new": bool(data.get("propose_new")),
            "caption": data.get("booklet_caption", ""),
            "proposals": [
                (photo, bool(data.get(f"photo_{photo.pk}_propose")),
                 data.get(f"photo_{photo.pk}_caption", ""))
                for photo in self.photos if not photo.decided
            ],
        }

    def clean_photos(self):
        photos = self.cleaned_data["photos"]
        if len(photos) > PHOTO_MAX_COUNT:
            raise ValidationError(f"Можно приложить не больше {PHOTO_MAX_COUNT} фото за раз.")
        return prepare_photos(photos)


class ReturnForm(forms.Form):
    """The monthly return's one question beside the month's sums."""

    nothing_happened = forms.BooleanField(
        label="В этом месяце мероприятий не было", required=False
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Почему месяц открывается заново",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Напишите, почему месяц открывается заново."},
    )
