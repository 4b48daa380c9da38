"""The tally of the records entered before the monthly return existed."""

from django.db import migrations


def count(apps, schema_editor):
    from returns.tally import recount

    recount(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("returns", "0001_initial"), ("events", "0007_photo_rule")]

    operations = [migrations.RunPython(count, migrations.RunPython.noop)]
