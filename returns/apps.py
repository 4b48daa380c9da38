from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "returns"
    verbose_name = "Отчеты за месяц"

    def ready(self):
        from django.db.models.signals import post_delete, post_init, post_save

        from core import periods
        from core.imports.engine import rows_saved

        from . import services, tally

        periods.register_lock(services.lock_reason)
        for model in tally.COUNTED:
            label = model._meta.label_lower
            day = "month" if label == "centers.preventionrecord" else "date"
            organisers = ("committee", "center") if label == "events.event" else ("center",)
            periods.register_dated(model, day=day, organisers=organisers)
            post_init.connect(tally.remember, sender=model, dispatch_uid=f"tally.init.{label}")
            post_save.connect(tally.record_changed, sender=model,
                              dispatch_uid=f"tally.save.{label}")
            post_delete.connect(tally.record_changed, sender=model,
                                dispatch_uid=f"tally.delete.{label}")
        rows_saved.connect(tally.rows_imported, dispatch_uid="tally.import")
