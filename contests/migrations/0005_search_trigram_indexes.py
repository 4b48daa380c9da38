# The admin's search: GIN trigram indexes on PostgreSQL (core/trigram.py).

from django.db import migrations

from core.trigram import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("contests", "0004_application_list_order_index")]

    operations = [
        trigram_indexes(
            ("contests_application", "applicant_name"),
            ("contests_application", "address"),
        ),
    ]
