"""Each activist's consent date and form become a Consent of the purpose
«участие в ТОС», so that the portal and the admin's list of withdrawals
read consents from one table. The activist keeps its two columns (the
import's columns and the demo read them; committees.services.record_consent
keeps them equal to the latest participation consent)."""

from django.db import migrations

BATCH = 2000


def forwards(apps, schema_editor):
    Activist = apps.get_model("committees", "Activist")
    Consent = apps.get_model("committees", "Consent")
    rows = (
        Activist.objects.filter(consent_date__isnull=False)
        .exclude(consents__purpose="participation")
        .values_list("pk", "consent_date", "consent_form")
        .order_by("pk")
    )
    batch = []
    for pk, given, form in rows.iterator(chunk_size=BATCH):
        batch.append(Consent(activist_id=pk, purpose="participation", given=given,
                             form=form or "written"))
        if len(batch) == BATCH:
            Consent.objects.bulk_create(batch)
            batch = []
    Consent.objects.bulk_create(batch)


def backwards(apps, schema_editor):
    apps.get_model("committees", "Consent").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("committees", "0006_consent")]

    operations = [migrations.RunPython(forwards, backwards)]
