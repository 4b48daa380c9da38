# The admin's search: GIN trigram indexes on PostgreSQL (core/trigram.py).

from django.db import migrations

from core.trigram import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("centers", "0003_readable_unique_messages")]

    operations = [
        trigram_indexes(
            ("centers_center", "name"),
        ),
    ]
