"""Rows, choices, fields and writes of an admin (or inline) limited to the
user's scope; which fields a user does not see."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpResponseRedirect

from core import periods, personal_data
from core.scoping import (
    get_scope,
    may_change,
    role_hidden_fields,
    role_read_only_fields,
    scope_queryset,
)


def hidden_fields(user, model) -> set[str]:
    """Every field of `model` the user does not see: role and personal data."""
    return set(role_hidden_fields(user, model)) | set(personal_data.hidden_fields(user, model))


def root_name(name) -> str:
    """The model field a name (`committee__territory`) starts from."""
    return name.split("__")[0] if isinstance(name, str) else ""


def without_hidden(names, hidden):
    """`names` (fields, or tuples of fields on one line) minus `hidden`."""
    kept = []
    for name in names:
        if isinstance(name, (list, tuple)):
            line = type(name)(n for n in name if root_name(n) not in hidden)
            if line:
                kept.append(line)
        elif root_name(name) not in hidden:
            kept.append(name)
    return kept


def lookup_touches_hidden(user, model, lookup: str) -> bool:
    """Whether a filter lookup (`phone__startswith`, `activists__email`)
    reads, at any hop of its path, a field the user does not see. Such a
    filter would answer yes or no about the hidden value."""
    for part in lookup.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False  # a transform or lookup name: the path has ended
        if field.name in hidden_fields(user, model):
            return True
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
    return False


def scoped_choices(user, field):
    """A relation's form field offering only the rows in the user's scope."""
    if field is not None and hasattr(field, "queryset"):
        field.queryset = scope_queryset(user, field.queryset)
    return field


def closed_rows(user, rows) -> list[tuple[object, str]]:
    """The rows (of a model dated by month, core.periods) the user may not
    change because their month is closed, each with the reason; none for
    city staff, whose rows are not even read."""
    if get_scope(user).is_staff:
        return []
    refused = []
    for obj in rows:
        if periods.period_of(obj)[0] is None:
            continue
        try:
            periods.check_record_open(user, obj)
        except ValidationError as error:
            refused.append((obj, " ".join(error.messages)))
    return refused


class ScopedMixin:
    """Rows, choices, fields and writes limited to the user's scope."""

    def hidden_fields(self, request) -> set[str]:
        return hidden_fields(request.user, self.model)

    def lookup_allowed(self, lookup, value, request=None):
        # Django allows any lookup on a model's own fields; one on a field
        # the user may not see is refused (HTTP 400), match or no match.
        if request is not None and lookup_touches_hidden(request.user, self.model, lookup):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_queryset(self, request):
        return scope_queryset(request.user, super().get_queryset(request))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        user = request.user

        class PeriodForm(form):
            # A month submitted by its committee or center (core.periods):
            # neither the date it had nor the one it is given may be in it.
            def _post_clean(self):
                before = periods.period_of(self.instance)
                super()._post_clean()
                try:
                    periods.check_record_open(user, self.instance, before=before)
                except ValidationError as error:
                    for name, messages in error.message_dict.items():
                        self.add_error(name if name in self.fields else None, messages)

        PeriodForm.__name__ = form.__name__
        return PeriodForm

    def get_object(self, request, object_id, from_field=None):
        # Every open card of a record with personal data the user sees, and
        # every record refused because it is outside the user's scope, goes
        # into the access log (core.personal_data.log_access).
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            if personal_data.personal_fields(self.model) and personal_data.may_see_personal_data(
                request.user
            ):
                personal_data.log_access(request, "card", self.model, [obj.pk])
        elif self._exists(object_id, from_field):
            personal_data.log_access(request, "refused", self.model, [object_id])
        return obj

    def _exists(self, object_id, from_field=None) -> bool:
        field = self.model._meta.pk if from_field is None else self.model._meta.get_field(
            from_field
        )
        try:
            value = field.to_python(object_id)
        except (ValidationError, ValueError, TypeError):
            return False
        return self.model._base_manager.filter(**{field.name: value}).exists()

    def get_changelist_instance(self, request):
        # A search of a list holding personal data by a phone or an e-mail
        # goes into the access log, with the rows it found (never the term).
        changelist = super().get_changelist_instance(request)
        if personal_data.searches_personal(self.model, changelist.query):
            ids = list(changelist.queryset.order_by().values_list("pk", flat=True)[:1000])
            personal_data.log_access(
                request, "search", self.model, ids,
                detail=personal_data.search_kind(changelist.query),
            )
        return changelist

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return scoped_choices(request.user, field)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return scoped_choices(request.user, field)

    def get_fieldsets(self, request, obj=None):
        hidden = self.hidden_fields(request)
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = without_hidden(options.get("fields", ()), hidden)
            if fields:
                fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        hidden = self.hidden_fields(request)
        fields = without_hidden(super().get_readonly_fields(request, obj), hidden)
        extra = [
            name for name in role_read_only_fields(request.user, self.model)
            if name not in fields and name not in hidden
        ]
        return [*fields, *extra]

    def has_add_permission(self, request, *args):
        return may_change(request.user, self.model) and super().has_add_permission(
            request, *args
        )

    def has_change_permission(self, request, obj=None):
        return may_change(request.user, self.model) and super().has_change_permission(
            request, obj
        )

    def response_action(self, request, queryset):
        # The list's bulk delete, row by row as has_delete_permission does
        # for one record: refused (the list again, the rows named) when any
        # selected row is in a month its committee or center submitted.
        data = request.POST
        index = int(data.get("index", 0) or 0)
        chosen = data.getlist("action")[index:index + 1]
        if chosen == ["delete_selected"]:
            rows = queryset
            if data.get("select_across") not in ("1", "True", "on"):
                rows = queryset.filter(pk__in=data.getlist(helpers.ACTION_CHECKBOX_NAME))
            refused = closed_rows(request.user, rows)
            if refused:
                names = ", ".join(f"«{obj}»" for obj, _ in refused[:10])
                more = f" и еще {len(refused) - 10}" if len(refused) > 10 else ""
                self.message_user(
                    request, f"Ничего не удалено. {refused[0][1]} Не удаляются: {names}{more}.",
                    messages.ERROR,
                )
                return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and periods.period_of(obj)[0] is not None:
            try:
                periods.check_record_open(request.user, obj)
            except ValidationError:
                return False
        return may_change(request.user, self.model) and super().has_delete_permission(
            request, obj
        )


class ScopedInline(ScopedMixin, admin.TabularInline):
    extra = 0
    show_change_link = True
