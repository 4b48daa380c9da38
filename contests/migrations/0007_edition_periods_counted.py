"""ContestEdition.periods is counted from its nominations' periods
(ContestEdition.periods, a property), no longer stored beside them."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("contests", "0006_contest_report_key"),
    ]

    operations = [
        migrations.RemoveField(
            model_name='contestedition',
            name='periods',
        ),
        migrations.RemoveField(
            model_name='historicalcontestedition',
            name='periods',
        ),
        migrations.AlterField(
            model_name='historicalnomination',
            name='period',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Если конкурс идет в несколько периодов: номер периода этой номинации.', null=True, validators=[django.core.validators.MinValueValidator(1, message='Периоды нумеруются с 1.')], verbose_name='период'),
        ),
        migrations.AlterField(
            model_name='nomination',
            name='period',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Если конкурс идет в несколько периодов: номер периода этой номинации.', null=True, validators=[django.core.validators.MinValueValidator(1, message='Периоды нумеруются с 1.')], verbose_name='период'),
        ),
    ]
