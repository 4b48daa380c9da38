"""The demo's data files in fixtures/ (see fixtures/README.md): reading the
TOML ones, loading the JSON ones with `loaddata`."""

import json
import tomllib
from collections import defaultdict
from functools import cache
from pathlib import Path

from django.apps import apps
from django.core.management import CommandError, call_command

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
    """`loaddata` one JSON fixture. Its primary keys are fixed, and loaddata
    would overwrite rows that hold them: refuse instead."""
    pks = defaultdict(list)
    for row in rows(name):
        pks[row["model"]].append(row["pk"])
    taken = [label for label, keys in pks.items()
             if apps.get_model(label).objects.filter(pk__in=keys).exists()]
    if taken:
        raise CommandError(TAKEN.format(name=name, rows=", ".join(taken)))
    call_command("loaddata", str(FIXTURES / name), verbosity=0)
