"""The access log of personal data (accounts.models.AccessRecord): writing
it, and the database triggers that make it append-only.

The application's own connection may INSERT and SELECT; an UPDATE of any
row fails, and a DELETE fails for a row younger than the retention period
(`ACCESS_LOG_RETENTION_DAYS`, env `DJANGO_ACCESS_LOG_RETENTION_DAYS`, three
years by default). The triggers are made by this app's migrations with the
setting as it is then; `manage.py purge_access_log` deletes what is past
it. On PostgreSQL the production set-up also gives the application's role
no UPDATE or DELETE grant on the table (docs/deployment.md); the trigger
holds even where that was forgotten.
"""

import io

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from core.imports.escaping import export_cell

from .security import client_ip_address

TABLE = "accounts_accessrecord"
REFUSAL = "Журнал доступа к персональным данным не изменяется и не удаляется."


def retention_days() -> int:
    return int(getattr(settings, "ACCESS_LOG_RETENTION_DAYS", 3 * 365))


def _sqlite_sql(days: int) -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS accounts_accessrecord_no_update",
        "DROP TRIGGER IF EXISTS accounts_accessrecord_no_delete",
        f"CREATE TRIGGER accounts_accessrecord_no_update BEFORE UPDATE ON {TABLE} "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
        f"CREATE TRIGGER accounts_accessrecord_no_delete BEFORE DELETE ON {TABLE} "
        f"WHEN julianday(OLD.at) > julianday('now') - {days} "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
    ]


def _postgresql_sql(days: int) -> list[str]:
    return [
        f"""
        CREATE OR REPLACE FUNCTION accounts_accessrecord_guard() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND OLD.at < now() - interval '{days} days' THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION '{REFUSAL}';
        END;
        $$ LANGUAGE plpgsql
        """,
        f"DROP TRIGGER IF EXISTS accounts_accessrecord_guard ON {TABLE}",
        f"CREATE TRIGGER accounts_accessrecord_guard BEFORE UPDATE OR DELETE ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION accounts_accessrecord_guard()",
        # TRUNCATE skips row triggers: refuse it as a statement.
        f"DROP TRIGGER IF EXISTS accounts_accessrecord_no_truncate ON {TABLE}",
        f"CREATE TRIGGER accounts_accessrecord_no_truncate BEFORE TRUNCATE ON {TABLE} "
        "FOR EACH STATEMENT EXECUTE FUNCTION accounts_accessrecord_guard()",
    ]


def trigger_sql(vendor: str, days: int | None = None) -> list[str]:
    """The statements that make the log append-only on a `vendor` database."""
    days = retention_days() if days is None else days
    statements = {"sqlite": _sqlite_sql, "postgresql": _postgresql_sql}.get(vendor)
    return statements(days) if statements else []


def removal_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [
            f"DROP TRIGGER IF EXISTS accounts_accessrecord_{name}"
            for name in ("no_update", "no_delete")
        ]
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS accounts_accessrecord_guard ON {TABLE}",
            f"DROP TRIGGER IF EXISTS accounts_accessrecord_no_truncate ON {TABLE}",
            "DROP FUNCTION IF EXISTS accounts_accessrecord_guard()",
        ]
    return []


def install_triggers(schema_editor) -> None:
    """Make the log append-only on this database (called by migrations)."""
    for sql in trigger_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


def remove_triggers(schema_editor) -> None:
    for sql in removal_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


def record_access_signal(sender, signal=None, **kwargs) -> None:
    """core.signals.personal_data_accessed -> an AccessRecord."""
    record_access(**kwargs)


def record_access(*, user, action, model, object_ids=(), detail="", request=None):
    from .models import AccessRecord

    authenticated = user is not None and getattr(user, "pk", None)
    return AccessRecord.objects.create(
        user_id=user.pk if authenticated else None,
        username=getattr(user, "username", "") or "",
        action=action,
        model=model._meta.label_lower,
        model_name=str(model._meta.verbose_name_plural),
        object_ids=[str(pk) for pk in object_ids][:1000],
        detail=detail[:300],
        address=client_ip_address(request) if request is not None else None,
    )


def purge() -> int:
    """Delete the entries older than the retention period; the number
    deleted. The database refuses anything younger."""
    from .models import AccessRecord

    cutoff = timezone.now() - timezone.timedelta(days=retention_days())
    deleted, _ = AccessRecord.objects.filter(at__lt=cutoff).delete()
    return deleted



def naming(model: str, pk) -> Q:
    """A filter of the entries that name record `pk` of `model` (a label)."""

    pk = str(pk)
    if connection.vendor == "postgresql":
        return Q(model=model, object_ids__contains=[pk])
    # SQLite keeps the list as JSON text: the quoted number is exact.
    return Q(model=model, object_ids__icontains=f'"{pk}"')


def log_xlsx(entries) -> bytes:
    """Entries of the log as a workbook (the breach inquiry's export)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Журнал доступа"
    sheet.append(["время", "пользователь", "действие", "таблица", "записи", "адрес",
                  "подробности"])
    for entry in entries.iterator():
        sheet.append([export_cell(value, native=True) for value in (
            entry.at, entry.username, entry.get_action_display(), entry.model_name,
            ", ".join(entry.object_ids), entry.address or "", entry.detail,
        )])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
