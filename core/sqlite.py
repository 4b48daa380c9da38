"""Case-insensitive search of Cyrillic text on SQLite.

SQLite's built-in LIKE folds case for Latin letters only, so the admin's
search for «ленина» would miss «ул. Ленина» on the embedded default.
Django uses LIKE only for its case-insensitive lookups (icontains,
istartswith, iexact ...) on SQLite, so LIKE is replaced on each new SQLite
connection by one that folds case for every alphabet. PostgreSQL is not
touched: its UPPER() ... LIKE is Unicode-aware already.
"""

import re
from functools import lru_cache

from django.db.backends.signals import connection_created


def fold(text: str) -> str:
    """Case folded, «ё» read as «е»."""
    return text.casefold().replace("ё", "е")


@lru_cache(maxsize=256)
def _pattern(like: str, escape: str | None) -> re.Pattern:
    parts, i = [], 0
    while i < len(like):
        char = like[i]
        if escape and char == escape and i + 1 < len(like):
            parts.append(re.escape(like[i + 1]))
            i += 2
            continue
        parts.append(".*" if char == "%" else "." if char == "_" else re.escape(char))
        i += 1
    return re.compile("".join(parts), re.DOTALL | re.IGNORECASE)


def unicode_like(pattern, value, escape=None):
    """SQLite's like(X, Y[, Z]): whether Y matches the pattern X."""
    if pattern is None or value is None:
        return None
    return _pattern(fold(pattern), escape).fullmatch(fold(str(value))) is not None


def install_unicode_like(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("like", 2, unicode_like, deterministic=True)
        connection.connection.create_function("like", 3, unicode_like, deterministic=True)


def connect() -> None:
    connection_created.connect(install_unicode_like, dispatch_uid="tos_sqlite_unicode_like")
