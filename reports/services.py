"""Writes of the reports app: booklets made in the background."""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from . import booklet
from .document import build
from .models import BookletJob

log = logging.getLogger(__name__)


def request_booklet(*, user, year: int, territory=None) -> BookletJob:
    """Queue a booklet and return its job at once; the task makes the PDF."""
    from .tasks import make_booklet

    job = BookletJob.objects.create(year=year, territory=territory, requested_by=user)
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
    recorded on the job in Russian rather than lost in a worker's log."""
    job = BookletJob.objects.select_related("territory").get(pk=job_id)
    try:
        _advance(job, 10, "Считаем показатели отчета")
        document = build(job.year, job.territory)
        _advance(job, 40, "Собираем страницы буклета")
        html = booklet.render_html(document)
        _advance(job, 60, "Верстаем PDF")
        pdf = booklet.write_pdf(html, booklet.ReportURLFetcher())
        _advance(job, 95, "Сохраняем файл")
        suffix = f"-{job.territory_id}" if job.territory_id else ""
        job.file.save(f"godovoj-otchet-{job.year}{suffix}.pdf", ContentFile(pdf), save=False)
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
