"""The four role groups with their permissions (see accounts.roles)."""

from django.db import migrations

from accounts.roles import create_all_permissions, sync_role_groups


def create_role_groups(apps, schema_editor):
    using = schema_editor.connection.alias
    create_all_permissions(apps=apps, using=using)
    sync_role_groups(apps=apps, using=using)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_export_record"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("centers", "0001_initial"),
        ("committees", "0002_tosbody_unique_name_activist_index"),
        ("contests", "0001_initial"),
        ("events", "0001_initial"),
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_role_groups, migrations.RunPython.noop, elidable=False),
    ]
