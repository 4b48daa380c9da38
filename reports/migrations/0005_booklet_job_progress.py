import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0004_booklet_unguessable_path'),
    ]

    operations = [
        # Jobs already in flight count from the migration: one a killed
        # worker left behind is given up a time limit later.
        migrations.AddField(
            model_name='bookletjob',
            name='progressed',
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='последний шаг'),
        ),
        migrations.AddField(
            model_name='bookletjob',
            name='task_id',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='задача'),
        ),
    ]
