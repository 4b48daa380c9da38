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

from collections import defaultdict

from accounts.scoping import OWNER_MODELS, scope_q, scope_queryset

from .columns import fold
from .engine import Context, RowError

# Where a user of a role looks for names that are not found.
WITHIN = {"chair": "в вашем комитете", "center": "в вашем центре"}
# What a user names in their own owner's column (OWNER_MODELS).
OWN = {"chair": "свой комитет", "center": "свой центр"}
FEMININE = {"территория", "городская акция"}


def _scoped(ctx: Context, queryset):
    return queryset if ctx.user is None else scope_queryset(ctx.user, queryset)


def _partial(ctx: Context, model) -> bool:
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


def load_committees(ctx: Context) -> None:
    from committees.models import DistrictCommittee

    if "committee" not in ctx.lookups:
        ctx.lookups["committee"] = _index(
            _scoped(ctx, DistrictCommittee.objects.select_related("territory")),
            lambda c: str(c.number),
            lambda c: c.name,
            lambda c: f"ОК ТОС {c.number}",
        )


def load_territories(ctx: Context) -> None:
    from committees.models import Territory

    if "territory" not in ctx.lookups:
        ctx.lookups["territory"] = _index(
            _scoped(ctx, Territory.objects.all()), lambda t: t.name, lambda t: t.name_genitive
        )


def load_centers(ctx: Context) -> None:
    from centers.models import Center

    if "center" not in ctx.lookups:
        ctx.lookups["center"] = _index(
            _scoped(ctx, Center.objects.all()), lambda c: c.name, lambda c: f"ЦРН {c.name}",
            lambda c: f"МКУ ЦРН {c.name}",
        )


def load_campaigns(ctx: Context) -> None:
    from events.models import Campaign

    if "campaign" not in ctx.lookups:
        ctx.lookups["campaign"] = _index(_scoped(ctx, Campaign.objects.all()), lambda c: c.name)


def load_tos_bodies(ctx: Context, committee_ids=None) -> None:
    """TOS bodies by committee, then by folded address and by own name."""
    from committees.models import TosBody

    if "tos_body" in ctx.lookups:
        return
    queryset = _scoped(ctx, TosBody.objects.all())
    if committee_ids is not None:
        queryset = queryset.filter(committee_id__in=committee_ids)
    index: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for body in queryset.only("pk", "committee_id", "kind", "name", "address"):
        keys = {fold(body.address)}
        if body.name:
            keys |= {fold(body.name), fold(f"ТОС {body.name}")}
        for key in keys:
            index[body.committee_id][key].append(body)
    ctx.lookups["tos_body"] = index


def _find(ctx: Context, table: str, model, text: str, header: str, unknown: str,
          what: str):
    found = ctx.lookups[table].get(fold(text))
    if found is None:
        if _partial(ctx, model):
            raise RowError(not_found(ctx, model, what, text), header)
        raise RowError(f"{unknown} «{text}»", header)
    return found


def committee(ctx: Context, text: str, header: str):
    from committees.models import DistrictCommittee

    return _find(ctx, "committee", DistrictCommittee, text, header,
                 "неизвестный окружной комитет", "окружной комитет")


def territory(ctx: Context, text: str, header: str):
    from committees.models import Territory

    return _find(ctx, "territory", Territory, text, header, "неизвестная территория",
                 "территория")


def center(ctx: Context, text: str, header: str):
    from centers.models import Center

    return _find(ctx, "center", Center, text, header,
                 "неизвестный центр по работе с населением", "центр по работе с населением")


def campaign(ctx: Context, text: str, header: str):
    from events.models import Campaign

    return _find(ctx, "campaign", Campaign, text, header, "неизвестная городская акция",
                 "городская акция")


def tos_body(ctx: Context, committee_obj, text: str, header: str, kind: str | None = None):
    from committees.models import TosBody

    found = ctx.lookups["tos_body"].get(committee_obj.pk, {}).get(fold(text), [])
    if kind:
        found = [body for body in found if body.kind == kind]
    if not found:
        if _partial(ctx, TosBody):
            raise RowError(not_found(ctx, TosBody, "орган ТОС", text), header)
        raise RowError(f"в комитете «{committee_obj.name}» нет органа ТОС «{text}»", header)
    if len(found) > 1:
        raise RowError(
            f"в комитете «{committee_obj.name}» по адресу «{text}» несколько органов ТОС; "
            "укажите вид органа ТОС", header)
    body = found[0]
    if "committee" not in body._state.fields_cache:  # once, not on every row
        body.committee = committee_obj
    return body


def organiser(ctx: Context, values: dict, committee_header: str, body_header: str,
              center_header: str):
    """The committee, TOS body and center a row names, each possibly None;
    a TOS body is looked up within its committee."""
    found_committee = found_body = found_center = None
    if values["committee"]:
        found_committee = committee(ctx, values["committee"], committee_header)
    if values["tos_body"]:
        if found_committee is None:
            raise RowError("орган ТОС указывается вместе с его окружным комитетом",
                           committee_header)
        found_body = tos_body(ctx, found_committee, values["tos_body"], body_header)
    if values["center"]:
        found_center = center(ctx, values["center"], center_header)
    return found_committee, found_body, found_center
