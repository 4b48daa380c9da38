# The admin's search: GIN trigram indexes on PostgreSQL (kemerovo_tos/trigram.py).

from django.db import migrations

from kemerovo_tos.trigram import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("contests", "0004_application_list_order_index")]

    operations = [
        trigram_indexes(
            ("contests_application", "applicant_name"),
            ("contests_application", "address"),
        ),
    ]
