"""Destroy the personal data that is due (accounts.destruction): run daily
by cron or a systemd timer (docs/deployment.md)."""

from django.core.management.base import BaseCommand

from accounts.destruction import due_now, run_daily


class Command(BaseCommand):
    help = "Уничтожить персональные данные, срок которых истек, и составить акт."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="только показать, чьи данные будут уничтожены")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            items = due_now()
            for item in items:
                due = f"{item.due:%d.%m.%Y}"
                self.stdout.write(f"№{item.activist.pk}: {item.reason_text}, срок {due}")
            self.stdout.write(f"К уничтожению: {len(items)}.")
            return
        act = run_daily()
        if act is None:
            self.stdout.write("Уничтожать нечего.")
        else:
            self.stdout.write(f"{act}: уничтожены данные {len(act.object_ids)} чел.")
