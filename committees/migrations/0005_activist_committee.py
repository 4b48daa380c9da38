"""Activists store their body's committee (figure 3 counts from an index)."""

import django.db.models.deletion
from django.db import migrations, models

BACKFILL = """
UPDATE committees_activist SET committee_id = (
    SELECT committee_id FROM committees_tosbody
    WHERE committees_tosbody.id = committees_activist.tos_body_id
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("committees", "0004_search_trigram_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="activist",
            name="committee",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="committees.districtcommittee",
                verbose_name="окружной комитет",
            ),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop, elidable=True),
        migrations.AlterField(
            model_name="activist",
            name="committee",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="committees.districtcommittee",
                verbose_name="окружной комитет",
            ),
        ),
        migrations.AddIndex(
            model_name="activist",
            index=models.Index(
                fields=["committee", "founded", "closed"], name="activist_by_committee"
            ),
        ),
        migrations.AddIndex(
            model_name="tosbody",
            index=models.Index(
                fields=["committee", "founded", "closed"], name="tosbody_by_committee"
            ),
        ),
    ]
