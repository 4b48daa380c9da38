"""Names of this app's records in an imported file: territories, district
committees and TOS bodies, found within the importing user's scope."""

from collections import defaultdict

from core.imports import blank
from core.imports.columns import fold
from core.imports.engine import Context, RowError
from core.imports.lookups import find, load_table, not_found, partial, scoped

from .models import DistrictCommittee, Territory, TosBody


def load_committees(ctx: Context) -> None:
    load_table(ctx, "committee", DistrictCommittee.objects.select_related("territory"),
               lambda c: str(c.number), lambda c: c.name, lambda c: f"ОК ТОС {c.number}")


def load_territories(ctx: Context) -> None:
    """Territories by name and genitive name, and a district also by its
    name without «район» («Кировский» for «Кировский район») when no other
    territory would answer to that short name."""
    if "territory" in ctx.lookups:
        return
    load_table(ctx, "territory", Territory.objects.all(),
               lambda t: t.name, lambda t: t.name_genitive)
    index = ctx.lookups["territory"]
    shorts = defaultdict(list)
    for obj in {obj.pk: obj for obj in index.values()}.values():
        short = _without_district(obj.name)
        if short:
            shorts[fold(short)].append(obj)
    for key, found in shorts.items():
        if len(found) == 1 and key not in index:
            index[key] = found[0]


def _without_district(name: str) -> str:
    words = name.split()
    if len(words) > 1 and fold(words[-1]) == "район":
        return " ".join(words[:-1])
    return ""


def load_tos_bodies(ctx: Context, committee_ids=None) -> None:
    """TOS bodies by committee, then by folded address and by own name."""
    if "tos_body" in ctx.lookups:
        return
    queryset = scoped(ctx, TosBody.objects.all())
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


def committee(ctx: Context, text: str, header: str):
    return find(ctx, "committee", DistrictCommittee, text, header,
                "неизвестный окружной комитет", "окружной комитет")


def territory(ctx: Context, text: str, header: str):
    return find(ctx, "territory", Territory, text, header, "неизвестная территория",
                "территория")


def tos_body(ctx: Context, committee_obj, text: str, header: str, kind: str | None = None):
    found = ctx.lookups["tos_body"].get(committee_obj.pk, {}).get(fold(text), [])
    if kind:
        found = [body for body in found if body.kind == kind]
    if not found:
        if partial(ctx, TosBody):
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


# The closed lists of the blank template's reference sheet.
blank.register_reference(
    "committee", DistrictCommittee, lambda c: f"{c.number} — {c.name}", scoped=True
)
blank.register_reference("territory", Territory, lambda t: t.name, scoped=False)
