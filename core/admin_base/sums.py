"""A list's column totals: `?_sum=participants` shows the sum of that
column over the whole filtered list, not only its page.

The annual report links each figure that is a sum (participants, visitors)
to the list of its records with the column it sums (reports.aggregates,
`Records.total`); the sum the list shows is the figure. The parameter is
the list's own: filters, pages and sorting keep it, and the changelist
never takes it for a lookup. A column is summed only when it is a number
field of the model the user may see; a higher floor may say how a column
is summed (`register_total`, e.g. a club's members in the year the list is
filtered by), since a column's sum may depend on the list's filters.
The same changelist takes `?_figure=`, the figure a list was opened from,
and says it above the list (core/admin_base/figure_note.py).
"""

from django.contrib import messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.text import capfirst

from .figure_note import FIGURE_VAR, figure_note

TOTAL_VAR = "_sum"

# (model label, column) -> function(queryset, params) -> the sum
_TOTALS = {}


def register_total(label: str, column: str, total) -> None:
    """Sum `column` of the lists of model `label` with `total(queryset,
    params)`: the filtered rows and the list's query parameters."""
    _TOTALS[(label, column)] = total


def summable(model, name: str, hidden=()) -> models.Field | None:
    """The number field `name` of `model`, if it may be summed and seen."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if (
        not getattr(field, "concrete", False) or field.is_relation or field.primary_key
        or field.choices or name in hidden
        or not isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField))
    ):
        return None
    return field


def column_totals(changelist, names, hidden=()) -> list[tuple[str, str, object]]:
    """(column, its heading, the sum over the whole filtered list)."""
    out = []
    for name in dict.fromkeys(names):
        field = summable(changelist.model, name, hidden)
        if field is None:
            continue
        total = _TOTALS.get((changelist.model._meta.label, name))
        if total is not None:
            value = total(changelist.queryset, changelist.params)
        else:
            value = changelist.queryset.aggregate(
                total=Coalesce(models.Sum(name), 0, output_field=field))["total"]
        out.append((name, capfirst(field.verbose_name), value))
    return out


def _number(value) -> str:
    # 24 318, with a no-break space, as the report prints numbers.
    return f"{value:,}".replace(",", "\u00a0")


class TotalsChangeList(ChangeList):
    def get_filters_params(self, params=None):
        lookup_params = super().get_filters_params(params)
        lookup_params.pop(TOTAL_VAR, None)
        lookup_params.pop(FIGURE_VAR, None)
        return lookup_params


class ColumnTotalsMixin:
    """The changelist of a ModelAdmin with `?_sum=<column>` totals: in the
    page's context as `column_totals`, and said above the list."""

    def get_changelist(self, request, **kwargs):
        base = super().get_changelist(request, **kwargs)
        if issubclass(base, TotalsChangeList):
            return base
        return type("TotalsChangeList", (TotalsChangeList, base), {})

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if request.GET.get(FIGURE_VAR) and context and "cl" in context:
            # A list opened from a report's figure says what it is filtered by.
            note = figure_note(request.GET[FIGURE_VAR])
            if note:
                messages.info(request, note)
        names = [n for value in request.GET.getlist(TOTAL_VAR) for n in value.split(",") if n]
        if not names or not context or "cl" not in context:
            return response
        hidden = self.hidden_fields(request) if hasattr(self, "hidden_fields") else ()
        totals = column_totals(context["cl"], names, hidden)
        context["column_totals"] = totals
        for _name, heading, value in totals:
            messages.info(request, f"Сумма столбца «{heading}» по всему списку: "
                                   f"{_number(value)}.")
        return response
