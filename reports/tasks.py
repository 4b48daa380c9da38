from django_tasks import task

from .services import run_booklet_job


@task()
def make_booklet(job_id: int) -> None:
    run_booklet_job(job_id)
