# The admin's search: GIN trigram indexes on PostgreSQL (kemerovo_tos/trigram.py).

from django.db import migrations

from kemerovo_tos.trigram import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("centers", "0003_readable_unique_messages")]

    operations = [
        trigram_indexes(
            ("centers_center", "name"),
        ),
    ]
