"""Who sees which rows: the one mechanism every path goes through.

A chair sees their committee's rows, center staff their center's, a viewer
their territory's (read-only), city staff everything. Each model says once,
in core.access (read here as SCOPES), how its rows reach a committee, a
center and a territory; admin lists, form choices, pages, imports, exports,
history and reports all call `scope_queryset`. A model that is not listed is
visible to city staff only.

The annual report, its booklets and the staff's board read the whole city
or one territory: `may_read_report` says who may, `report_scope` which
territory the report is confined to.
"""

import copy
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet

from . import access
from .access import ALL


@dataclass(frozen=True)
class Scope:
    role: str  # one of accounts.models.Profile.Role, or "" for no access
    committee_id: int | None = None
    center_id: int | None = None
    territory_id: int | None = None

    @property
    def is_staff(self) -> bool:
        return self.role == "staff"

    @property
    def read_only(self) -> bool:
        return self.role == "viewer"


NO_ACCESS = Scope(role="")

# What a form says when a record, as filled in, would leave the user's
# scope (fits_scope).
OUT_OF_SCOPE = (
    "Запись вне вашей зоны ответственности: её можно сохранить только для своего "
    "окружного комитета (своего центра)."
)

# The tables below are read off core.access.ACCESS, the one declaration.

# model label -> {role: path or tuple of paths from the model to the owner}
SCOPES: dict[str, dict[str, str | tuple[str, ...]]] = access.by_model("scope")

# Fields a role never fills in: hidden from its forms and lists. Personal
# data is core.personal_data's part.
ROLE_HIDDEN_FIELDS: dict[str, dict[str, tuple[str, ...]]] = access.by_model("hidden")

# Fields a role sees but never sets: read-only in the admin's forms, refused
# in imports (read_only_changes), never offered by the portal.
ROLE_READ_ONLY_FIELDS: dict[str, dict[str, tuple[str, ...]]] = access.by_model("read_only")

# The model whose rows a role owns: its records point to one of them.
OWNER_MODELS = {"chair": "committees.districtcommittee", "center": "centers.center"}

# Reference data that roles other than staff may read but never change.
READ_ONLY_FOR_NON_STAFF = {
    label for label, paths in SCOPES.items() if any(p == ALL for p in paths.values())
}


# Where a user's role and link come from: accounts registers its profile
# lookup here (accounts.apps), so that this module imports no app.
_scope_source = None


def register_scope_source(source) -> None:
    """`source(user) -> Scope` for an active, non-superuser user."""
    global _scope_source
    _scope_source = source


def get_scope(user) -> Scope:
    """The scope of a user, cached on the user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_ACCESS
    cached = getattr(user, "_tos_scope", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        scope = Scope(role="staff")
    elif _scope_source is None:
        scope = NO_ACCESS
    else:
        scope = _scope_source(user)
    user._tos_scope = scope
    return scope


def _owner_id(scope: Scope) -> int | None:
    return {
        "chair": scope.committee_id,
        "center": scope.center_id,
        "viewer": scope.territory_id,
    }.get(scope.role)


def scope_q(scope: Scope, model: type[Model]) -> Q | None:
    """The filter for the rows of `model` in `scope`; None means every row."""
    if scope.is_staff:
        return None
    paths = SCOPES.get(model._meta.label_lower, {}).get(scope.role)
    owner = _owner_id(scope)
    if paths is None or (owner is None and paths != ALL):
        return Q(pk__in=[])
    if paths == ALL:
        return None
    if isinstance(paths, str):
        paths = (paths,)
    return reduce(or_, (Q(**{"pk" if p == "pk" else f"{p}_id": owner}) for p in paths))


def scope_queryset(user, queryset: QuerySet) -> QuerySet:
    q = scope_q(get_scope(user), queryset.model)
    return queryset if q is None else queryset.filter(q)


def may_change(user, model: type[Model]) -> bool:
    """Whether the user's role may write rows of the model at all (before
    Django's own permissions): viewers read, reference data is staff's."""
    scope = get_scope(user)
    if scope.is_staff:
        return True
    if scope.read_only or not scope.role:
        return False
    label = model._meta.label_lower
    return scope.role in SCOPES.get(label, {}) and label not in READ_ONLY_FOR_NON_STAFF


def in_scope(user, obj: Model) -> bool:
    """Whether a saved object lies in the user's scope (checked after a write,
    so that nobody moves a record out of their own committee or center)."""
    model = type(obj)
    return scope_queryset(user, model._default_manager.filter(pk=obj.pk)).exists()


def role_hidden_fields(user, model: type[Model]) -> tuple[str, ...]:
    """Fields of `model` the user's role never fills in."""
    return ROLE_HIDDEN_FIELDS.get(model._meta.label_lower, {}).get(get_scope(user).role, ())


def role_read_only_fields(user, model: type[Model]) -> tuple[str, ...]:
    """Fields of `model` the user's role sees but may not set."""
    return ROLE_READ_ONLY_FIELDS.get(model._meta.label_lower, {}).get(get_scope(user).role, ())


def read_only_expected(user, obj: Model) -> dict[str, object]:
    """For each read-only field (role_read_only_fields) that `obj`, as it
    stands in memory, sets to a value of its own, the value it must have:
    for a saved record the stored one; for a new one what the model derives
    when the field is left empty. Used by every write path to refuse such a
    write."""
    names = role_read_only_fields(user, type(obj))
    if not names:
        return {}
    fields = [obj._meta.get_field(name) for name in names]
    derive = getattr(type(obj), "derive", None)
    stored = type(obj)._base_manager.filter(pk=obj.pk) if obj.pk is not None else None
    reference = stored.first() if stored is not None else None
    if reference is None:
        reference = copy.copy(obj)
        for field in fields:
            setattr(reference, field.attname, field.get_default())
    if derive is not None:
        derive([reference, obj])
    return {
        field.name: getattr(reference, field.attname) for field in fields
        if getattr(obj, field.attname) != getattr(reference, field.attname)
    }


def read_only_changes(user, obj: Model) -> list[str]:
    """The names of read_only_expected()."""
    return list(read_only_expected(user, obj))


def read_only_message(obj: Model, name: str, expected=None) -> str:
    field = obj._meta.get_field(name)
    text = f"Поле «{field.verbose_name}» заполняют сотрудники администрации: его нельзя изменить"
    shown = dict(field.flatchoices).get(expected) if field.choices else None
    return f"{text}; здесь должно быть «{shown}»." if shown else f"{text}."


def owner_field_initial(user, model: type[Model]) -> dict[str, int]:
    """Initial values that put a new record in the user's own committee or
    center: {"committee": 7} for a chair's event."""
    scope = get_scope(user)
    owner_label = OWNER_MODELS.get(scope.role)
    if owner_label is None:
        return {}
    return {
        field.name: _owner_id(scope)
        for field in model._meta.concrete_fields
        if field.is_relation and field.editable
        and field.related_model._meta.label_lower == owner_label
        and field.name not in role_hidden_fields(user, model)
    }


def _follow(obj: Model, path: str):
    """The id at the end of `path` (as in SCOPES) on an unsaved object."""
    if path == "pk":
        return obj.pk
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


def fits_scope(user, obj: Model) -> bool:
    """Whether an object, as it stands in memory (a bound form's instance, an
    imported row before its save), lies in the user's scope. Used to refuse
    a write with a readable error before it reaches the database."""
    scope = get_scope(user)
    if scope.is_staff:
        return True
    paths = SCOPES.get(obj._meta.label_lower, {}).get(scope.role)
    owner = _owner_id(scope)
    if paths is None:
        return False
    if paths == ALL:
        return True
    if isinstance(paths, str):
        paths = (paths,)
    derive = getattr(type(obj), "derive", None)
    if derive is not None:  # stored columns a path may follow (Event.territory)
        derive([obj])
    return owner is not None and any(_follow(obj, p) == owner for p in paths)


def may_read_report(user) -> bool:
    """Whether the user reads the annual report, its booklets and the
    board of who entered what: city staff (the whole city) and viewers
    (their territory)."""
    scope = get_scope(user)
    return scope.is_staff or (scope.read_only and scope.territory_id is not None)


def report_scope(user) -> int | None:
    """The territory the user's report is confined to: a viewer's own, or
    None for city staff, who read the whole city and may pick any
    territory. PermissionDenied for anyone else (may_read_report)."""
    if not may_read_report(user):
        raise PermissionDenied("Годовой отчет доступен сотрудникам администрации и наблюдателям.")
    scope = get_scope(user)
    return None if scope.is_staff else scope.territory_id


def owner_of(user) -> Model | None:
    """The committee of a chair, the center of center staff (OWNER_MODELS);
    None for other roles."""
    label = OWNER_MODELS.get(get_scope(user).role)
    if label is None:
        return None
    model = apps.get_model(label)
    return scope_queryset(user, model._default_manager.all()).first()
