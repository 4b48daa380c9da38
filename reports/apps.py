from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Годовой отчет: текст и план"

    def ready(self):
        from core import periods
        from core.admin_base.figure_note import register_figure_note
        from core.signals import personal_data_destroyed

        from .document import figure_note
        from .editions import lock_reason
        from .personal_data import drop_booklets

        personal_data_destroyed.connect(drop_booklets, dispatch_uid="tos_drop_booklets")
        # A closed year (a published report) takes no changes from chairs
        # and centers (reports.editions).
        periods.register_lock(lock_reason)
        # A list opened from a figure says which figure it lists.
        register_figure_note(figure_note)
