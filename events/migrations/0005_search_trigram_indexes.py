# The admin's search: GIN trigram indexes on PostgreSQL (core/trigram.py).

from django.db import migrations

from core.trigram import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("events", "0004_event_list_order_index")]

    operations = [
        trigram_indexes(
            ("events_event", "title"),
            ("events_event", "place"),
        ),
    ]
