from django_tasks import task

from .services import give_up_stalled, run_booklet_job


@task()
def make_booklet(job_id: int) -> None:
    # A worker restarted after a crash starts here: a job its predecessor
    # was killed in, once past its time limit, is given up here too, even
    # if nobody looks at its page.
    give_up_stalled()
    run_booklet_job(job_id)


@task()
def redraw_live_page(year: int, territory_id: int | None) -> None:
    # The live report page of a year whose data keeps changing, drawn here
    # so that no request waits for it (reports.views._live).
    from .views import redraw

    redraw(year, territory_id)
