"""Writes of the reports app: booklets made in the background.

A booklet takes the worker seconds and a few hundred megabytes, so it is
never made in a request: `booklet_for()` hands out a booklet already made
(or being made) of the same year, territory and data, and otherwise queues
a new one, at most REPORTS_BOOKLET_JOBS_PER_USER of them per user in
REPORTS_BOOKLET_JOBS_WINDOW seconds.
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

from . import booklet
from .document import build
from .formatting import count, plural
from .models import BookletJob

log = logging.getLogger(__name__)

# The apps whose records the report reads (reports.aggregates, .text).
REPORT_SOURCES = ("committees", "centers", "contests", "events", "reports")
# A job queued or running longer than this is taken for lost (a worker
# killed mid-way): the next request queues a new one.
IN_FLIGHT_FOR = datetime.timedelta(minutes=30)


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
    in_flight = (BookletJob.Status.QUEUED, BookletJob.Status.RUNNING)
    return (
        jobs.filter(status__in=in_flight, created__gte=timezone.now() - IN_FLIGHT_FOR)
        .order_by("-pk")
        .first()
    )


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
    # Enqueued after commit, so that a worker never looks for a job that is
    # not there yet.
    transaction.on_commit(lambda: make_booklet.enqueue(job.pk))
    return job


def _advance(job: BookletJob, progress: int, stage: str) -> None:
    job.progress, job.stage = progress, stage
    BookletJob.objects.filter(pk=job.pk).update(
        status=BookletJob.Status.RUNNING, progress=progress, stage=stage
    )


def run_booklet_job(job_id: int) -> None:
    """Make the PDF of a queued job, saying how far it got; a failure is
    recorded on the job in Russian rather than lost in a worker's log.
    The worker reads the job unscoped: whoever queued it was checked then
    (reports.views)."""
    job = BookletJob.objects.select_related("territory").get(pk=job_id)
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
    except Exception:
        log.exception("booklet job %s failed", job_id)
        job.status = BookletJob.Status.FAILED
        job.error = (
            "Не удалось подготовить буклет. Попробуйте еще раз; если ошибка повторится, "
            "сообщите администратору реестра."
        )
    job.finished = timezone.now()
    job.save()
