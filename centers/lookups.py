"""Names of this app's records in an imported file, and the organiser of a
row (a committee, one of its TOS bodies, or a center)."""

from committees import lookups as committee_lookups
from core.imports import blank
from core.imports.engine import Context, RowError
from core.imports.lookups import find, load_table

from .models import Center


def load_centers(ctx: Context) -> None:
    load_table(ctx, "center", Center.objects.all(), lambda c: c.name,
               lambda c: f"ЦРН {c.name}", lambda c: f"МКУ ЦРН {c.name}")


def center(ctx: Context, text: str, header: str):
    return find(ctx, "center", Center, text, header,
                "неизвестный центр по работе с населением", "центр по работе с населением")


def organiser(ctx: Context, values: dict, committee_header: str, body_header: str,
              center_header: str):
    """The committee, TOS body and center a row names, each possibly None;
    a TOS body is looked up within its committee."""
    found_committee = found_body = found_center = None
    if values["committee"]:
        found_committee = committee_lookups.committee(ctx, values["committee"], committee_header)
    if values["tos_body"]:
        if found_committee is None:
            raise RowError("орган ТОС указывается вместе с его окружным комитетом",
                           committee_header)
        found_body = committee_lookups.tos_body(
            ctx, found_committee, values["tos_body"], body_header
        )
    if values["center"]:
        found_center = center(ctx, values["center"], center_header)
    return found_committee, found_body, found_center


blank.register_reference("center", Center, lambda c: c.name, scoped=True)
