"""Names of this app's records in an imported file: city-wide campaigns."""

from core.imports import blank
from core.imports.engine import Context
from core.imports.lookups import find, load_table

from .models import Campaign


def load_campaigns(ctx: Context) -> None:
    load_table(ctx, "campaign", Campaign.objects.all(), lambda c: c.name)


def campaign(ctx: Context, text: str, header: str):
    return find(ctx, "campaign", Campaign, text, header, "неизвестная городская акция",
                "городская акция")


blank.register_reference("campaign", Campaign, lambda c: c.name, scoped=False)
