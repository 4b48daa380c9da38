"""Database guards for the rules a CHECK constraint cannot express.

A result must belong to an application of its own edition, and an
application's nomination to the application's edition. Both compare a row
with a row of another table, which CHECK constraints cannot do, so the
database keeps them with triggers (SQLite and PostgreSQL). The models'
clean() says the same thing in Russian before a form ever gets here; the
triggers catch bulk writes and scripts that skip clean().

On SQLite, a later migration that rebuilds one of these tables (an
AlterField does) drops its triggers: such a migration must create them
again.
"""

from django.db import migrations

SQLITE = [
    """
    CREATE TRIGGER contests_result_same_edition_insert
    BEFORE INSERT ON contests_result FOR EACH ROW
    WHEN (SELECT edition_id FROM contests_application WHERE id = NEW.application_id)
         IS NOT NEW.edition_id
    BEGIN
        SELECT RAISE(ABORT, 'result_same_edition: Заявка относится к другому проведению конкурса.');
    END
    """,
    """
    CREATE TRIGGER contests_result_same_edition_update
    BEFORE UPDATE OF application_id, edition_id ON contests_result FOR EACH ROW
    WHEN (SELECT edition_id FROM contests_application WHERE id = NEW.application_id)
         IS NOT NEW.edition_id
    BEGIN
        SELECT RAISE(ABORT, 'result_same_edition: Заявка относится к другому проведению конкурса.');
    END
    """,
    """
    CREATE TRIGGER contests_application_nomination_edition_insert
    BEFORE INSERT ON contests_application FOR EACH ROW
    WHEN NEW.nomination_id IS NOT NULL
         AND (SELECT edition_id FROM contests_nomination WHERE id = NEW.nomination_id)
             IS NOT NEW.edition_id
    BEGIN
        SELECT RAISE(ABORT, 'application_nomination_edition: Эта номинация относится к другому проведению конкурса.');
    END
    """,
    """
    CREATE TRIGGER contests_application_nomination_edition_update
    BEFORE UPDATE OF nomination_id, edition_id ON contests_application FOR EACH ROW
    WHEN NEW.nomination_id IS NOT NULL
         AND (SELECT edition_id FROM contests_nomination WHERE id = NEW.nomination_id)
             IS NOT NEW.edition_id
    BEGIN
        SELECT RAISE(ABORT, 'application_nomination_edition: Эта номинация относится к другому проведению конкурса.');
    END
    """,
    """
    CREATE TRIGGER contests_application_result_edition_update
    BEFORE UPDATE OF edition_id ON contests_application FOR EACH ROW
    WHEN EXISTS (SELECT 1 FROM contests_result
                 WHERE application_id = NEW.id AND edition_id IS NOT NEW.edition_id)
    BEGIN
        SELECT RAISE(ABORT, 'result_same_edition: У заявки есть итог другого проведения конкурса.');
    END
    """,
    """
    CREATE TRIGGER contests_nomination_edition_update
    BEFORE UPDATE OF edition_id ON contests_nomination FOR EACH ROW
    WHEN EXISTS (SELECT 1 FROM contests_application
                 WHERE nomination_id = NEW.id AND edition_id IS NOT NEW.edition_id)
    BEGIN
        SELECT RAISE(ABORT, 'application_nomination_edition: В номинации есть заявки другого проведения конкурса.');
    END
    """,
]

SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in [
        "contests_result_same_edition_insert",
        "contests_result_same_edition_update",
        "contests_application_nomination_edition_insert",
        "contests_application_nomination_edition_update",
        "contests_application_result_edition_update",
        "contests_nomination_edition_update",
    ]
]

# check_violation (23514) reaches Django as an IntegrityError.
POSTGRESQL = [
    """
    CREATE FUNCTION contests_result_same_edition() RETURNS trigger AS $$
    BEGIN
        IF (SELECT edition_id FROM contests_application WHERE id = NEW.application_id)
           IS DISTINCT FROM NEW.edition_id THEN
            RAISE EXCEPTION 'result_same_edition: Заявка относится к другому проведению конкурса.'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER contests_result_same_edition
    BEFORE INSERT OR UPDATE OF application_id, edition_id ON contests_result
    FOR EACH ROW EXECUTE FUNCTION contests_result_same_edition()
    """,
    """
    CREATE FUNCTION contests_application_same_edition() RETURNS trigger AS $$
    BEGIN
        IF NEW.nomination_id IS NOT NULL AND
           (SELECT edition_id FROM contests_nomination WHERE id = NEW.nomination_id)
           IS DISTINCT FROM NEW.edition_id THEN
            RAISE EXCEPTION 'application_nomination_edition: Эта номинация относится к другому проведению конкурса.'
                USING ERRCODE = 'check_violation';
        END IF;
        IF TG_OP = 'UPDATE' AND EXISTS (
            SELECT 1 FROM contests_result
            WHERE application_id = NEW.id AND edition_id IS DISTINCT FROM NEW.edition_id
        ) THEN
            RAISE EXCEPTION 'result_same_edition: У заявки есть итог другого проведения конкурса.'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER contests_application_same_edition
    BEFORE INSERT OR UPDATE OF nomination_id, edition_id ON contests_application
    FOR EACH ROW EXECUTE FUNCTION contests_application_same_edition()
    """,
    """
    CREATE FUNCTION contests_nomination_same_edition() RETURNS trigger AS $$
    BEGIN
        IF EXISTS (
            SELECT 1 FROM contests_application
            WHERE nomination_id = NEW.id AND edition_id IS DISTINCT FROM NEW.edition_id
        ) THEN
            RAISE EXCEPTION 'application_nomination_edition: В номинации есть заявки другого проведения конкурса.'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER contests_nomination_same_edition
    BEFORE UPDATE OF edition_id ON contests_nomination
    FOR EACH ROW EXECUTE FUNCTION contests_nomination_same_edition()
    """,
]

POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS contests_result_same_edition ON contests_result",
    "DROP TRIGGER IF EXISTS contests_application_same_edition ON contests_application",
    "DROP TRIGGER IF EXISTS contests_nomination_same_edition ON contests_nomination",
    "DROP FUNCTION IF EXISTS contests_result_same_edition()",
    "DROP FUNCTION IF EXISTS contests_application_same_edition()",
    "DROP FUNCTION IF EXISTS contests_nomination_same_edition()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("contests", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
