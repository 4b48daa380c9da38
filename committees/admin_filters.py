"""The registry lists' own filters: the territory of every registry list
(a record's territory through one or more paths, offering only the
territories of the user's scope) and the consent status of an activist."""

from django.apps import apps
from django.contrib import admin
from django.db.models import Exists, OuterRef, Q

from core.scoping import OWNER_MODELS, get_scope, scope_queryset

from .models import Consent, Territory


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


class ConsentFilter(admin.SimpleListFilter):
    """«Согласие» of the activists list, read off the Consent rows (never
    the activist's own consent_date), each choice one EXISTS, so the list
    asks no more questions for more rows:

    - «есть (участие)»: a participation consent not withdrawn;
    - «нет согласия»: no participation consent on record at all (the
      queue «На уничтожение» lists them for the officer to check);
    - «отозвано»: a participation consent withdrawn and none standing (the
      queue's withdrawals, accounts/destruction.py);
    - «есть на публикацию»: a publication consent not withdrawn (art. 10.1:
      only they are named in the report, Application.mark_publication).

    The first three split every activist; the last is beside them."""

    title = "согласие"
    parameter_name = "consent"

    def lookups(self, request, model_admin):
        return [
            ("participation", "есть (участие)"),
            ("none", "нет согласия"),
            ("withdrawn", "отозвано"),
            ("publication", "есть на публикацию"),
        ]

    def queryset(self, request, queryset):
        condition = consent_status(self.value())
        return queryset if condition is None else queryset.filter(condition)


def consent_status(status: str | None):
    """The condition on activists of a ConsentFilter choice; None for none."""
    mine = Consent.objects.filter(activist=OuterRef("pk"))
    participation = mine.filter(purpose=Consent.Purpose.PARTICIPATION)
    standing = participation.filter(withdrawn__isnull=True)
    if status == "participation":
        return Exists(standing)
    if status == "none":
        return ~Exists(participation)
    if status == "withdrawn":
        return Exists(participation.filter(withdrawn__isnull=False)) & ~Exists(standing)
    if status == "publication":
        return Exists(mine.filter(purpose=Consent.Purpose.PUBLICATION, withdrawn__isnull=True))
    return None
