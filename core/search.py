"""The admin's search, one indexable condition per searched field.

Django's admin joins every table a search field names (`tos_body__address`)
and ORs all the fields in one WHERE. PostgreSQL cannot then use an index of
either table: it joins the whole tables and filters the product (an event
search took a second at 10 times the 2022 registry).

`search()` keeps the admin's meaning (every word of the query must match
some field; `^field` is a prefix, `=field` an exact match, the rest
`icontains`) and writes each field so that an index can serve it:

- a field of the model itself is filtered directly (its trigram index,
  core/trigram.py);
- a field behind foreign keys becomes `fk IN (the related rows that match)`,
  a subquery on the related table that uses that table's own index. Fields
  behind the same foreign key share one subquery. On PostgreSQL it is
  written `fk = ANY(ARRAY(subquery))`: the subquery runs once and the array
  is looked up in the foreign key's index, which PostgreSQL can OR
  (BitmapOr) with the other fields' indexes; a plain `IN (subquery)` inside
  an OR is a filter run over every row. SQLite has no such index: there it
  is an `EXISTS` on the related row's key, which costs what Django's join
  did (an `IN` read the whole related table even for a chair's few rows).

The matching keys are then found first, on their own, and the list is the
rows with those keys: on PostgreSQL `pk = ANY(ARRAY(matches))`, so that the
list's ordering cannot lead the planner to test rows one by one along
another index; on SQLite one query before the list's, so that its count,
page and date hierarchy do not each read the whole table again.

A field this cannot split (a reverse or many-to-many relation, an explicit
lookup such as `name__exact`) returns None: the caller searches the way
Django does.

«ё» and «е» are one letter to the search: «елка» finds «Ёлка» and «ёлка»
finds «Елка». On SQLite the LIKE function does it (core/sqlite.py); on
PostgreSQL a word with either letter is matched by a regular expression on
the same `UPPER(column)` (`~ '[ЕЁ]ЛКА'`), which the trigram index serves
as it serves LIKE (core/trigram.py).
"""

import json
import re

from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import RawSQL
from django.utils.text import smart_split, unescape_string_literal

PREFIX_LOOKUPS = {"^": "istartswith", "=": "iexact", "@": "search"}

YO = re.compile("[ЕЁеё]")
# A lookup -> its regular expression around the word (PostgreSQL).
YO_ANCHORS = {"icontains": ("", ""), "istartswith": ("^", ""), "iexact": ("^", "$")}


class UpperMatches(models.Func):
    """`UPPER(column::text) ~ UPPER(pattern)`: Django's case-insensitive
    lookups as a regular expression, on the expression the trigram index
    holds (core/trigram.py)."""

    output_field = models.BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        column, pattern = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        pattern_sql, pattern_params = compiler.compile(pattern)
        return f"UPPER({column_sql}::text) ~ UPPER({pattern_sql})", (
            *column_params, *pattern_params)


def yo_pattern(word: str, kind: str = "icontains") -> str:
    """The regular expression of `word` with «е» and «ё» alike:
    «ёлка» -> «[ЕЁ]лка»; every other sign is matched as itself."""
    start, end = YO_ANCHORS[kind]
    body = "".join("[ЕЁ]" if YO.fullmatch(char) else re.escape(char) for char in word)
    return f"{start}{body}{end}"


def word_condition(lookup: str, word: str, vendor: str) -> models.Q:
    """The condition `lookup` (e.g. `address__icontains`) = `word`, reading
    «ё» as «е» on PostgreSQL (SQLite's LIKE does so itself)."""
    field, _, kind = lookup.rpartition(LOOKUP_SEP)
    if vendor == "postgresql" and kind in YO_ANCHORS and YO.search(word):
        return models.Q(UpperMatches(models.F(field), models.Value(yo_pattern(word, kind))))
    return models.Q((lookup, word))


class AnyOf(models.Func):
    """`column = ANY(ARRAY(subquery))`, a condition usable in filter()."""

    output_field = models.BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        column, subquery = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        subquery_sql, subquery_params = compiler.compile(subquery)
        # Subquery's SQL comes in parentheses: ARRAY(SELECT ...).
        return f"{column_sql} = ANY(ARRAY{subquery_sql})", (*column_params, *subquery_params)


def split_field(model, search_field: str) -> tuple[tuple, str] | None:
    """(the foreign keys to follow, the lookup on the last model) of one
    search field, or None when it is not foreign keys then a plain field."""
    prefix = search_field[:1] if search_field[:1] in PREFIX_LOOKUPS else ""
    parts = search_field[len(prefix):].split(LOOKUP_SEP)
    opts = model._meta
    relations = []
    for position, part in enumerate(parts):
        try:
            field = opts.get_field(opts.pk.name if part == "pk" else part)
        except FieldDoesNotExist:
            return None
        last = position == len(parts) - 1
        if field.is_relation:
            forward = field.concrete and (field.many_to_one or field.one_to_one)
            if last or not forward:
                return None
            relations.append(field)
            opts = field.related_model._meta
        elif not last:
            return None
        else:
            return tuple(relations), f"{field.name}__{PREFIX_LOOKUPS.get(prefix, 'icontains')}"
    return None


def _related_condition(relations: tuple, lookups: list[str], word: str, vendor: str):
    """The condition on the first relation's column: its value is among the
    related rows that match `word` in one of `lookups` (recursively, one
    subquery per foreign key)."""
    field, rest = relations[0], relations[1:]
    # No ORDER BY: the related model's default ordering would sort (and
    # join) the subquery's rows for nothing.
    related = field.related_model._base_manager.order_by()
    if rest:
        related = related.filter(_related_condition(rest, lookups, word, vendor))
    else:
        related = related.filter(_any_of(lookups, word, vendor))
    target = field.target_field.attname
    if vendor == "postgresql":
        values = related.values(target)
        return models.Q(AnyOf(models.F(field.attname), models.Subquery(values)))
    # SQLite has no index for LIKE '%word%' anyway: an IN (subquery) would
    # read the whole related table even for a chair's few rows; EXISTS
    # looks up each candidate row's related row by its key, as the join did.
    return models.Q(models.Exists(related.filter(**{target: models.OuterRef(field.attname)})))


def _any_of(lookups: list[str], word: str, vendor: str) -> models.Q:
    condition = models.Q()
    for lookup in lookups:
        condition |= word_condition(lookup, word, vendor)
    return condition


def search(queryset, search_fields, search_term: str):
    """`queryset` limited to the rows matching every word of `search_term`
    in some field of `search_fields`, or None if a field cannot be split."""
    groups: dict[tuple, list[str]] = {}
    for search_field in search_fields:
        split = split_field(queryset.model, str(search_field))
        if split is None:
            return None
        relations, lookup = split
        groups.setdefault(relations, []).append(lookup)
    vendor = connections[queryset.db].vendor
    condition = models.Q()
    for word in smart_split(search_term):
        if word.startswith(('"', "'")) and word[0] == word[-1]:
            word = unescape_string_literal(word)
        any_field = models.Q()
        for relations, lookups in groups.items():
            if relations:
                any_field |= _related_condition(relations, lookups, word, vendor)
            else:
                any_field |= _any_of(lookups, word, vendor)
        condition &= any_field
    if vendor == "postgresql":
        # The matches are found first, from the indexes, and the list is
        # then the rows with those keys. Left to itself, PostgreSQL would
        # read a list's ORDER BY ... LIMIT (and the date hierarchy's
        # MIN/MAX) along the date index, testing each row, as if matches
        # were spread evenly over the years: «Масленица», all in February
        # and March, cost a walk through every event of the year before
        # (0.3-0.9 s at 10x).
        matches = queryset.model._base_manager.filter(condition).order_by().values("pk")
        return queryset.filter(AnyOf(models.F("pk"), models.Subquery(matches)))
    # SQLite has no index for LIKE '%word%': each query of the list (its
    # count, its page, the date hierarchy's bounds and years) would read
    # every row of the (filtered, scoped) list again, folding Cyrillic case
    # in Python. The keys are read once, here, and the list's queries then
    # look them up by key.
    keys = list(queryset.filter(condition).order_by().values_list("pk", flat=True))
    return queryset.filter(pk__in=RawSQL("SELECT value FROM json_each(%s)", [json.dumps(keys)]))
