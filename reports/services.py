"""Writes of the reports app: booklets made in the background.

A booklet takes the worker seconds and a few hundred megabytes, so it is
never made in a request: `booklet_for()` hands out a booklet already made
(or being made) of the same year, territory and data, and otherwise queues
a new one, at most REPORTS_BOOKLET_JOBS_PER_USER of them per user in
REPORTS_BOOKLET_JOBS_WINDOW seconds.

A worker killed in the middle of a booklet (a deploy restart, the
out-of-memory killer) never comes back to it: `give_up_stalled()` marks
failed, in Russian, a job that has not moved on for
REPORTS_BOOKLET_JOB_TIMEOUT seconds, whenever a job's page or status is
read and before a booklet is ordered, so no page waits for it for ever and
the next order makes a new one.
"""

import datetime
import hashlib
import logging

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connections, router, transaction
from django.utils import timezone

from core.db_router import report_reads
from core.scoping import scope_queryset

from .document import build
from .formatting import count, plural
from .models import BookletJob

log = logging.getLogger(__name__)

# The apps whose records the report reads (reports.aggregates, .text).
REPORT_SOURCES = ("committees", "centers", "contests", "events", "reports")
IN_FLIGHT = (BookletJob.Status.QUEUED, BookletJob.Status.RUNNING)
RETRY = (
    "Закажите буклет еще раз; если ошибка повторится, сообщите администратору реестра."
)


class TooManyBooklets(Exception):
    """The user ordered their share of new booklets for now."""

    def __init__(self, limit: int, window: int, retry_after: int):
        self.retry_after = retry_after
        minutes = max(1, window // 60)
        super().__init__(
            "Слишком много буклетов подряд: можно заказать не больше "
            f"{limit} {plural(limit, 'нового буклета', 'новых буклетов', 'новых буклетов')} "
            f"за {count(minutes, 'минуту', 'минуты', 'минут')}. Уже готовые буклеты "
            "скачиваются без ограничений; новый можно будет заказать через "
            f"{count(max(1, -(-retry_after // 60)), 'минуту', 'минуты', 'минут')}."
        )


def jobs_per_user() -> int:
    return settings.REPORTS_BOOKLET_JOBS_PER_USER


def jobs_window() -> int:
    """Seconds."""
    return settings.REPORTS_BOOKLET_JOBS_WINDOW


def job_timeout() -> datetime.timedelta:
    """How long a job in flight may stand still before it is taken for lost."""
    return datetime.timedelta(seconds=settings.REPORTS_BOOKLET_JOB_TIMEOUT)


def _source_models():
    for label in REPORT_SOURCES:
        for model in apps.get_app_config(label).get_models():
            if model is not BookletJob:
                yield model


def data_version() -> str:
    """A key that changes whenever a record the report reads changes: the
    newest id of every table of the report's apps, their history tables
    included. Ids only grow, and every save or deletion writes a new
    history row, so equal keys mean the same data. One query, each part
    read off its primary key's index; from the database the report itself
    reads (the replica, where there is one)."""
    with report_reads():
        models = sorted(_source_models(), key=lambda m: m._meta.db_table)
        alias = router.db_for_read(models[0])
    connection = connections[alias]
    quote = connection.ops.quote_name
    parts = ", ".join(
        f"(SELECT MAX({quote(m._meta.pk.column)}) FROM {quote(m._meta.db_table)})"
        for m in models
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {parts}")
        row = cursor.fetchone()
    key = ";".join(f"{m._meta.label}={value or 0}" for m, value in zip(models, row, strict=True))
    return hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()


def _reusable(user, year: int, territory, version: str) -> BookletJob | None:
    jobs = scope_queryset(user, BookletJob.objects.select_related("territory")).filter(
        year=year, territory=territory, data_version=version
    )
    for job in jobs.filter(status=BookletJob.Status.DONE).exclude(file="").order_by("-pk")[:3]:
        if job.file.storage.exists(job.file.name):
            return job
    # Called after give_up_stalled(): a job still in flight has a worker.
    return jobs.filter(status__in=IN_FLIGHT).order_by("-pk").first()


def _check_rate(user) -> None:
    limit, window = jobs_per_user(), jobs_window()
    since = timezone.now() - datetime.timedelta(seconds=window)
    # Not scope_queryset: this counts the user's own orders, whatever
    # territory they were for, and shows none of them.
    recent = list(
        BookletJob.objects.filter(requested_by=user, created__gte=since)
        .order_by("-created")
        .values_list("created", flat=True)[:limit]
    )
    if len(recent) >= limit:
        # Free again when the oldest of the last `limit` orders leaves the window.
        retry = recent[-1] + datetime.timedelta(seconds=window) - timezone.now()
        raise TooManyBooklets(limit, window, max(1, int(retry.total_seconds()) + 1))


def booklet_for(*, user, year: int, territory=None) -> tuple[BookletJob, bool]:
    """The booklet of this year and territory: one made (or being made) of
    the same data, else a new job queued for the worker; (job, created).
    TooManyBooklets if the user may not order a new one now."""
    give_up_stalled()
    version = data_version()
    job = _reusable(user, year, territory, version)
    if job is not None:
        return job, False
    _check_rate(user)
    return request_booklet(user=user, year=year, territory=territory, version=version), True


def request_booklet(*, user, year: int, territory=None, version: str = "") -> BookletJob:
    """Queue a booklet and return its job at once; the task makes the PDF."""
    from .tasks import make_booklet

    job = BookletJob.objects.create(
        year=year, territory=territory, requested_by=user, data_version=version
    )

    def enqueue():
        result = make_booklet.enqueue(job.pk)
        BookletJob.objects.filter(pk=job.pk).update(task_id=result.id)

    # Enqueued after commit, so that a worker never looks for a job that is
    # not there yet.
    transaction.on_commit(enqueue)
    return job


# A job that lost its worker ---------------------------------------------


class BookletJobLost(Exception):
    """Named on the task's row of a job given up as lost (django-tasks-db's
    table shows an exception's class)."""


class GivenUp(Exception):
    """The job was given up as lost while this worker still made it."""


def _lost_message(status: str) -> str:
    seconds = int(job_timeout().total_seconds())
    if seconds < 60:
        limit = count(seconds, "секунду", "секунды", "секунд")
    else:
        limit = count(seconds // 60, "минуту", "минуты", "минут")
    if status == BookletJob.Status.QUEUED:
        return (
            f"Буклет так и не начали готовить: за {limit} обработчик фоновых задач "
            f"не взял заказ из очереди. {RETRY}"
        )
    return (
        f"Подготовка буклета прервалась: за {limit} она не продвинулась ни на шаг — "
        f"скорее всего, обработчик фоновых задач перезапустили. {RETRY}"
    )


def give_up_stalled(*, pk: int | None = None) -> int:
    """Mark failed every job in flight (or only job `pk`) that has not moved
    on for REPORTS_BOOKLET_JOB_TIMEOUT: its worker was killed and no worker
    takes a task up again. Its task's row is ended too. How many were given
    up.

    Failed rather than queued again: a booklet that drove the worker out of
    memory would do it again, taking the worker's other tasks down with it
    on every retry, and the data may have changed since it was ordered. The
    job's page offers a new order in one click (booklet_for: a booklet of
    the same data already made is handed out instead), held to the user's
    limit of new booklets."""
    since = timezone.now() - job_timeout()
    with transaction.atomic():
        # Locked (PostgreSQL; SQLite's IMMEDIATE transaction locks all),
        # so that a worker's next step waits and then finds the job failed.
        stalled = BookletJob.objects.select_for_update().filter(
            status__in=IN_FLIGHT, progressed__lt=since
        )
        if pk is not None:
            stalled = stalled.filter(pk=pk)
        rows = list(stalled.values_list("pk", "status", "task_id"))
        now = timezone.now()
        for status in IN_FLIGHT:
            pks = [job for job, was, _ in rows if was == status]
            if pks:
                BookletJob.objects.filter(pk__in=pks).update(
                    status=BookletJob.Status.FAILED, error=_lost_message(status), finished=now
                )
        _end_tasks([task for *_, task in rows if task], now)
    for job, was, _ in rows:
        log.warning("booklet job %s given up: %s with no progress since %s", job, was, since)
    return len(rows)


def give_up_if_stalled(job: BookletJob) -> BookletJob:
    """The job as its page shows it: failed when it has stood still too
    long. No query while it moves on."""
    if job.is_stalled(timezone.now() - job_timeout()) and give_up_stalled(pk=job.pk):
        job.refresh_from_db()
    return job


def _end_tasks(task_ids: list[str], now) -> None:
    """Mark failed the task rows of jobs given up. django-tasks-db's worker
    leaves the row of a task it was killed in RUNNING for good and never
    takes it up again (RealOrangeOne/django-tasks#46, open: the library
    has no time limit of its own yet); a row still READY would be run by a
    worker that comes back, for a job already failed."""
    if not task_ids or not apps.is_installed("django_tasks_db"):
        return
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(
        pk__in=task_ids, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path=f"{__name__}.{BookletJobLost.__qualname__}",
        traceback=(
            f"Задача не продвигалась дольше {int(job_timeout().total_seconds())} с "
            "(REPORTS_BOOKLET_JOB_TIMEOUT): ее обработчик остановлен. Буклет отмечен "
            "как неудавшийся."
        ),
    )


# The worker's side ---------------------------------------------------------


def _advance(job: BookletJob, progress: int, stage: str) -> None:
    """Say how far the job got; GivenUp if it was given up meanwhile."""
    job.progress, job.stage = progress, stage
    moved = BookletJob.objects.filter(pk=job.pk, status__in=IN_FLIGHT).update(
        status=BookletJob.Status.RUNNING, progress=progress, stage=stage,
        progressed=timezone.now(),
    )
    if not moved:
        raise GivenUp


def run_booklet_job(job_id: int) -> None:
    """Make the PDF of a queued job, saying how far it got; a failure is
    recorded on the job in Russian rather than lost in a worker's log.
    The worker reads the job unscoped: whoever queued it was checked then
    (reports.views). A job given up as lost stays failed: its page has
    already said so and offered a new order."""
    job = BookletJob.objects.select_related("territory").get(pk=job_id)
    if job.is_over:
        return
    # WeasyPrint only in the worker: the web processes never load it.
    from . import booklet

    try:
        _advance(job, 10, "Считаем показатели отчета")
        document = build(job.year, job.territory)
        _advance(job, 40, "Собираем страницы буклета")
        html = booklet.render_html(document)
        _advance(job, 60, "Верстаем PDF")
        pdf = booklet.write_pdf(html, booklet.ReportURLFetcher())
        _advance(job, 95, "Сохраняем файл")
        # Stored under a random token (models.booklet_path); downloaded
        # under a name for people (views.booklet_file).
        job.file.save(f"godovoj-otchet-{job.year}.pdf", ContentFile(pdf), save=False)
        job.status, job.progress, job.stage = BookletJob.Status.DONE, 100, ""
    except GivenUp:
        log.warning("booklet job %s was given up while it was being made", job_id)
        return
    except (SystemExit, KeyboardInterrupt):
        # The worker told twice to stop (db_worker exits inside the task):
        # said at once rather than after the time limit.
        _finish(job, BookletJob.Status.FAILED, error=(
            f"Подготовку буклета прервали: обработчик фоновых задач остановили. {RETRY}"
        ))
        raise
    except Exception:
        log.exception("booklet job %s failed", job_id)
        job.status = BookletJob.Status.FAILED
        job.error = (
            "Не удалось подготовить буклет. Попробуйте еще раз; если ошибка повторится, "
            "сообщите администратору реестра."
        )
    _finish(job, job.status, job.error)


def _finish(job: BookletJob, status: str, error: str = "") -> None:
    """Record the end of a job still in flight; a job given up meanwhile
    keeps its failure, and the file made too late is removed."""
    job.status, job.error, job.finished = status, error, timezone.now()
    saved = BookletJob.objects.filter(pk=job.pk, status__in=IN_FLIGHT).update(
        status=job.status, progress=job.progress, stage=job.stage, file=job.file.name or "",
        error=job.error, finished=job.finished, progressed=job.finished,
    )
    if not saved and job.file:
        log.warning("booklet job %s was given up before its file was saved", job.pk)
        job.file.delete(save=False)
