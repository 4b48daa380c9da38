"""Natural keys a person knows, resolved from one preloaded query per table.

A committee is named by its number or its name, a territory, a center or a
campaign by its name, a TOS body by its address or its own name within its
committee. Keys are compared folded (case, spaces, quotes and «№» ignored).

Each table is read within the importing user's scope (scope_queryset), so a
chair's file resolves only their committee and its TOS bodies, a center's
only their center. A name the user may not see gets the same message as a
name that exists nowhere: an error never tells that another committee or
center has it. City staff (and imports without a user) see every row and
get the messages they always had.
"""


from core.scoping import OWNER_MODELS, scope_q, scope_queryset

from .columns import fold
from .engine import Context, RowError

# Where a user of a role looks for names that are not found.
WITHIN = {"chair": "в вашем комитете", "center": "в вашем центре"}
# What a user names in their own owner's column (OWNER_MODELS).
OWN = {"chair": "свой комитет", "center": "свой центр"}
FEMININE = {"территория", "городская акция"}


def scoped(ctx: Context, queryset):
    return queryset if ctx.user is None else scope_queryset(ctx.user, queryset)


def partial(ctx: Context, model) -> bool:
    """Whether the user sees only some rows of `model`: a name not found
    then may be another committee's or center's, and must not say so."""
    return not ctx.unrestricted and scope_q(ctx.scope, model) is not None


def not_found(ctx: Context, model, what: str, text: str) -> str:
    """The message for a name of `model` not found within a partial scope:
    the same whether the name exists elsewhere or nowhere."""
    role = ctx.scope.role
    missing = "не найдена" if what in FEMININE else "не найден"
    if OWNER_MODELS.get(role) == model._meta.label_lower:
        return f"{what} «{text}» {missing}: можно указать только {OWN[role]}"
    return f"{what} «{text}» {missing} {WITHIN.get(role, 'среди доступных вам записей')}"


def _index(objects, *keys) -> dict:
    index = {}
    for obj in objects:
        for key in keys:
            value = key(obj)
            if value:
                index.setdefault(fold(value), obj)
    return index


def load_table(ctx: Context, table: str, queryset, *keys) -> None:
    """Index the rows of `queryset` (within the user's scope) under `table`
    by each of `keys`, once per import."""
    if table not in ctx.lookups:
        ctx.lookups[table] = _index(scoped(ctx, queryset), *keys)


def find(ctx: Context, table: str, model, text: str, header: str, unknown: str,
         what: str):
    """The row of `table` named `text`, or a RowError in the cell: «unknown
    «text»» for a user who sees the whole table, the same message for a name
    of another scope and a name of none for a user who does not."""
    found = ctx.lookups[table].get(fold(text))
    if found is None:
        if partial(ctx, model):
            raise RowError(not_found(ctx, model, what, text), header)
        raise RowError(f"{unknown} «{text}»", header)
    return found
