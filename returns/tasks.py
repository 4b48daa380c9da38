import datetime

from django.contrib.auth import get_user_model
from django_tasks import task

from . import reminders


@task()
def send_reminders(month: str, committees: list[int], centers: list[int],
                   sent_by_id: int | None = None) -> str:
    """The board's «Напомнить»: `month` is the month's first day, ISO."""
    sent_by = get_user_model().objects.filter(pk=sent_by_id).first() if sent_by_id else None
    outcome = reminders.remind(
        first=datetime.date.fromisoformat(month), committees=committees, centers=centers,
        sent_by=sent_by,
    )
    return outcome.summary()
