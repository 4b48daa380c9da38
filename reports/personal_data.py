"""What the report keeps that may name a person: stored booklets. When
personal data is destroyed (core.signals.personal_data_destroyed) they are
dropped; the next request makes a new one from the erased records."""


def drop_booklets(sender, **kwargs) -> None:
    from .models import BookletJob

    for job in BookletJob.objects.exclude(file=""):
        job.file.delete(save=False)
    BookletJob.objects.all().delete()
