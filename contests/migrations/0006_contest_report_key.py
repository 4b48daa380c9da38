"""Contest.report_key: which figure of the annual report a contest feeds.

The report used to find its contests by name (reports.aggregates.
contest_key); the new field is filled here by the same matching, so that an
upgraded installation keeps its figures. The key is unique: where several
contests match one key (an old contest and its renamed successor kept as
two rows), the one with the latest edition gets it, since that is the one
the coming reports tell of.
"""

import re

from django.db import migrations, models

# The name fragments the report matched, in its order: a name matching two
# keys took the first.
FRAGMENTS = {
    "best_practice": ("лучшая практика тос",),
    "beautiful_yard": ("красивый дом и двор",),
    "best_committee": ("лучший комитет",),
    "snow": ("снежный калейдоскоп", "сказочная феерия"),
    "spartakiad": ("спортивные рекорды", "спартакиада"),
    "best_center": ("лучший центр",),
}


def normalise(name):
    name = name.lower().replace("ё", "е")
    name = re.sub(r"[«»\"'“”„‐‑‒–—―\-]", " ", name)
    return " ".join(name.split())


def key_by_name(contest):
    names = [contest.name, *contest.former_names.split(";")]
    text = " | ".join(normalise(n) for n in names if n.strip())
    for key, fragments in FRAGMENTS.items():
        if any(fragment in text for fragment in fragments):
            return key
    return None


def fill_report_keys(apps, schema_editor):
    Contest = apps.get_model("contests", "Contest")
    taken = set(Contest.objects.exclude(report_key="").values_list("report_key", flat=True))
    contests = Contest.objects.filter(report_key="").annotate(
        last_year=models.Max("editions__year")
    )
    # Latest edition first, contests never held last, then by name.
    ordered = sorted(contests, key=lambda c: (-(c.last_year or 0), c.name))
    for contest in ordered:
        key = key_by_name(contest)
        if key and key not in taken:
            taken.add(key)
            contest.report_key = key
            contest.save(update_fields=["report_key"])


class Migration(migrations.Migration):

    dependencies = [
        ("contests", "0005_search_trigram_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name='contest',
            name='report_key',
            field=models.CharField(blank=True, choices=[('best_practice', '7. «Лучшая практика ТОС»'), ('beautiful_yard', '10. «Красивый дом и двор»'), ('best_committee', '11. «Лучший комитет ТОС»'), ('snow', '12. «Снежный калейдоскоп»'), ('spartakiad', '13. Спартакиада комитетов ТОС'), ('best_center', '20. «Лучший центр по работе с населением»')], help_text='Какой показатель годового отчета рассказывает об этом конкурсе; у показателя один конкурс. Без показателя конкурс входит в отчет только общими цифрами (участники городских конкурсов).', max_length=20, verbose_name='показатель отчета'),
        ),
        migrations.AddField(
            model_name='historicalcontest',
            name='report_key',
            field=models.CharField(blank=True, choices=[('best_practice', '7. «Лучшая практика ТОС»'), ('beautiful_yard', '10. «Красивый дом и двор»'), ('best_committee', '11. «Лучший комитет ТОС»'), ('snow', '12. «Снежный калейдоскоп»'), ('spartakiad', '13. Спартакиада комитетов ТОС'), ('best_center', '20. «Лучший центр по работе с населением»')], help_text='Какой показатель годового отчета рассказывает об этом конкурсе; у показателя один конкурс. Без показателя конкурс входит в отчет только общими цифрами (участники городских конкурсов).', max_length=20, verbose_name='показатель отчета'),
        ),
        migrations.RunPython(fill_report_keys, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='contest',
            constraint=models.UniqueConstraint(condition=models.Q(('report_key', ''), _negated=True), fields=('report_key',), name='contest_one_per_report_key', violation_error_message='Этот показатель отчета уже дает другой конкурс.'),
        ),
    ]
