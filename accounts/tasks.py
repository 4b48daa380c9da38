from django_tasks import task

from .destruction import run_daily


@task()
def destroy_due_personal_data() -> None:
    """The daily destruction as a background task (same as the command)."""
    run_daily()
