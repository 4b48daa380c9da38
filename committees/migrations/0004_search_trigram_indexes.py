# The admin's search: GIN trigram indexes on PostgreSQL (core/trigram.py).

from django.db import migrations

from core.trigram import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("committees", "0003_readable_unique_messages")]

    operations = [
        trigram_indexes(
            ("committees_tosbody", "name"),
            ("committees_tosbody", "address"),
            ("committees_activist", "full_name"),
            ("committees_districtcommittee", "name"),
            ("committees_districtcommittee", "chair_name"),
        ),
    ]
