"""Events store their organiser's territory (the report reads a year of
events from one index)."""

import django.db.models.deletion
from django.db import migrations, models

BACKFILL = """
UPDATE events_event SET territory_id = COALESCE(
    (SELECT territory_id FROM committees_districtcommittee
     WHERE committees_districtcommittee.id = events_event.committee_id),
    (SELECT territory_id FROM centers_center
     WHERE centers_center.id = events_event.center_id)
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("centers", "0004_search_trigram_indexes"),
        ("committees", "0005_activist_committee"),
        ("events", "0005_search_trigram_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="territory",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="committees.territory",
                verbose_name="территория",
            ),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop, elidable=True),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                fields=["date", "territory", "kind", "committee", "center", "campaign",
                        "participants", "is_youth", "is_at_risk"],
                name="event_year_figures",
            ),
        ),
    ]
