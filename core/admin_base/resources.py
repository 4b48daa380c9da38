"""Import-export resources bound to one user: they find only the user's
rows, write only into the user's scope and leave out the fields the user
may not see."""

from django.core.exceptions import ValidationError

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
