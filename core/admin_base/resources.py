"""Import-export resources bound to one user: they find only the user's
rows, write only into the user's scope and leave out the fields the user
may not see; the export of a list without an import format."""

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from import_export import resources
from import_export.fields import Field

from core.imports.escaping import EscapedExport
from core.scoping import OUT_OF_SCOPE, fits_scope, scope_queryset

from .scoped import hidden_fields, root_name


class ScopedResourceMixin:
    """Mixed into an import-export resource class for one user: it finds only
    the user's rows, writes only into the user's scope, and leaves out the
    fields the user may not see."""

    scope_user = None

    def _hidden(self):
        return hidden_fields(self.scope_user, self._meta.model)

    def _visible(self, fields):
        hidden = self._hidden()
        return [f for f in fields if root_name(getattr(f, "attribute", None) or "") not in hidden]

    def get_queryset(self):
        return scope_queryset(self.scope_user, super().get_queryset())

    def get_export_order(self):
        hidden = self._hidden()
        return tuple(
            name for name in super().get_export_order()
            if root_name(getattr(self.fields.get(name), "attribute", None) or name) not in hidden
        )

    def get_export_fields(self, selected_fields=None):
        return self._visible(super().get_export_fields(selected_fields))

    def get_import_fields(self):
        return self._visible(super().get_import_fields())

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if not fits_scope(self.scope_user, instance):
            raise ValidationError(OUT_OF_SCOPE)


def scoped_resource(resource_class, user):
    """`resource_class` bound to `user` (see ScopedResourceMixin)."""
    return type(
        resource_class.__name__,
        (ScopedResourceMixin, resource_class),
        {"scope_user": user, "__module__": resource_class.__module__},
    )


class ListResource(EscapedExport, resources.ModelResource):
    """The export of a list without an import format (territories,
    committees, centers, rental stock, contests...): every column of the
    model under its Russian name, a related record by its name rather than
    its key, a choice by its label; each cell formula-safe (EscapedExport)."""

    @classmethod
    def get_display_name(cls):
        return capfirst(cls._meta.model._meta.verbose_name_plural)

    def filter_export(self, queryset, **kwargs):
        relations = [f.name for f in self._meta.model._meta.concrete_fields if f.is_relation]
        return queryset.select_related(*relations)


def _shown(model_field):
    """The value of `model_field` as a person reads it in a list."""
    if model_field.is_relation:
        return lambda obj: getattr(obj, model_field.name)  # its __str__
    if model_field.choices:
        return lambda obj: getattr(obj, f"get_{model_field.name}_display")()
    return lambda obj: getattr(obj, model_field.attname)


def list_resource(model) -> type[ListResource]:
    """The ListResource of `model`."""
    fields = {
        model_field.name: Field(
            attribute=model_field.name,
            column_name=capfirst(model_field.verbose_name),
            dehydrate_method=_shown(model_field),
        )
        for model_field in model._meta.concrete_fields
        if not model_field.primary_key
    }
    meta = type("Meta", (), {"model": model, "fields": tuple(fields)})
    return type(f"{model.__name__}ListResource", (ListResource,),
                {**fields, "Meta": meta, "__module__": __name__})
