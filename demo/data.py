"""The demo's data files in fixtures/ (see fixtures/README.md): reading the
TOML ones, loading the JSON ones (Django fixtures, as `loaddata` reads them)."""

import json
import tomllib
from functools import cache
from pathlib import Path

from django.core import serializers
from django.core.management import CommandError
from django.core.management.color import no_style
from django.db import connection

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

TAKEN = (
    "В базе данных уже есть записи, которые демо-данные заняли бы ({rows}); демо не "
    "загружено. Чтобы заменить их демо-данными, добавьте --reset.\n"
    "The database already holds rows the demo's fixture {name} would overwrite ({rows}); "
    "nothing was loaded. Add --reset to replace them with the demo."
)


@cache
def toml(name: str) -> dict:
    with open(FIXTURES / name, "rb") as file:
        return tomllib.load(file)


@cache
def rows(name: str) -> tuple[dict, ...]:
    """The records of a JSON fixture, as `loaddata` reads them."""
    return tuple(json.loads((FIXTURES / name).read_text(encoding="utf-8")))


def fields(name: str, model: str) -> list[dict]:
    """The fields of one model's records in a JSON fixture, in its order."""
    return [row["fields"] | {"pk": row["pk"]} for row in rows(name) if row["model"] == model]


def load_fixture(name: str) -> None:
    """Load one JSON fixture, refusing to overwrite rows: its primary keys
    are fixed. Like `loaddata`, and like it without history or signals for
    the rows, but one INSERT a model rather than two queries a row."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    by_model = {}
    for record in serializers.deserialize("json", text):
        by_model.setdefault(type(record.object), []).append(record.object)
    taken = [model._meta.label_lower for model, objects in by_model.items()
             if model.objects.filter(pk__in=[o.pk for o in objects]).exists()]
    if taken:
        raise CommandError(TAKEN.format(name=name, rows=", ".join(taken)))
    for model, objects in by_model.items():
        model.objects.bulk_create(objects)
    # The keys were given: move the sequences past them, as loaddata does.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(by_model)):
            cursor.execute(sql)
