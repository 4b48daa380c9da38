"""The territory filter of every registry list: a record's territory
through one or more paths, offering only the territories of the user's
scope."""

from django.apps import apps
from django.contrib import admin
from django.db.models import Q

from core.scoping import OWNER_MODELS, get_scope, scope_queryset

from .models import Territory


class TerritoryFilter(admin.SimpleListFilter):
    """Territory through a path (one or more, OR-ed) from the listed model."""

    title = "территория"
    parameter_name = "territory"
    paths: tuple[str, ...] = ("territory",)

    def lookups(self, request, model_admin):
        return [(str(t.pk), t.name) for t in territories_of(request.user)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        # Only a territory the filter offers: anything else (another scope's
        # territory, "abc", a number too big for the column) lists nothing.
        if self.value() not in {value for value, _label in self.lookup_choices}:
            return queryset.none()
        q = Q()
        for path in self.paths:
            q |= Q(**{f"{path}_id": int(self.value())})
        return queryset.filter(q)


def territories_of(user):
    """The territories of the user's scope: every one for city staff, their
    own for a viewer, that of their committee or center for a chair or a
    center (whose scope of territories, reference data, is all of them)."""
    territories = scope_queryset(user, Territory.objects.all())
    owner = OWNER_MODELS.get(get_scope(user).role)
    if owner is not None:
        owners = scope_queryset(user, apps.get_model(owner)._default_manager.all())
        territories = territories.filter(pk__in=owners.values("territory_id"))
    return territories


def territory_filter(*paths: str) -> type[TerritoryFilter]:
    return type("TerritoryFilter", (TerritoryFilter,), {"paths": paths})
