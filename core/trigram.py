"""Trigram indexes for the admin's search, on PostgreSQL only.

The admin searches with `icontains`, which Django writes on PostgreSQL as
`UPPER(column::text) LIKE UPPER('%word%')`. A GIN index of
`UPPER(column) gin_trgm_ops` (the pg_trgm extension) serves exactly that
condition, also `istartswith` and `iexact`, and the regular expression
`UPPER(column::text) ~ ...` that core/search.py writes for a word holding
«е» or «ё» (pg_trgm reads trigrams out of a regex too), so a search reads the matching
rows instead of the whole table (core/search.py makes every searched
field its own condition, so that each can use its index).

The indexes cannot be declared in a model's Meta: the same migrations run
on SQLite, which has neither GIN nor pg_trgm. `trigram_indexes()` is a
migration operation that creates them on PostgreSQL and does nothing on
SQLite; the migration state does not change, so `makemigrations --check`
stays clean.
"""

from django.db import migrations


def index_name(table: str, column: str) -> str:
    return f"{table}_{column}_trgm"[:63]


def trigram_indexes(*columns: tuple[str, str]) -> migrations.RunPython:
    """Create a GIN trigram index on UPPER(column) for each (table, column)."""

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        # Trusted since PostgreSQL 13: the database's owner may create it.
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for table, column in columns:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {quote(index_name(table, column))} "
                f"ON {quote(table)} USING gin (UPPER({quote(column)}) gin_trgm_ops)"
            )

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, column in columns:
            schema_editor.execute(
                f"DROP INDEX IF EXISTS {schema_editor.quote_name(index_name(table, column))}"
            )

    return migrations.RunPython(forward, backward)
