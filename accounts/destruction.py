"""Destroying personal data on time (152-ФЗ, art. 21): who is due, and the
destruction itself with its act.

Who is in the queue «На уничтожение»:
- a person who withdrew their consent to take part in the TOS: due
  `PERSONAL_DATA_WITHDRAWAL_DAYS` after the withdrawal (30 by the law);
- a person who left their TOS body: due `PERSONAL_DATA_RETENTION_DAYS` after
  leaving (the purpose of processing has ended);
- a person with no consent on record: listed for the officer to check (the
  paper may not be entered yet), never destroyed by the daily run.

Destroying erases the person's name, phone, e-mail and birth date
everywhere the application keeps them (committees.services.erase_personal_data:
the record, every version of it, the admin's log), the scans of their
consents, the import files still waiting on the server, and — through
core.signals.personal_data_destroyed — stored files other apps made from
the data (booklets). The counts stay: the record itself, its TOS body and
dates remain. Each run writes one act (DestructionAct) naming the records by
number, with the extract of the access log Roskomnadzor order No. 179 asks
for.
"""

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.utils import timezone

from committees.models import Activist, Consent
from committees.services import erase_personal_data
from core.imports.upload_store import PrivateUploadStorage
from core.signals import personal_data_destroyed

from .access_log import naming
from .models import AccessRecord, DestructionAct

WITHDRAWAL = "withdrawal"
LEFT = "left"
NO_CONSENT = "no_consent"
REASONS = {
    WITHDRAWAL: "отозвано согласие на обработку",
    LEFT: "прекратил участие в ТОС, срок хранения истек",
    NO_CONSENT: "нет согласия на обработку",
}


def withdrawal_days() -> int:
    return int(getattr(settings, "PERSONAL_DATA_WITHDRAWAL_DAYS", 30))


def retention_days() -> int:
    return int(getattr(settings, "PERSONAL_DATA_RETENTION_DAYS", 365))


@dataclass(frozen=True)
class Due:
    activist: Activist
    reason: str  # WITHDRAWAL, LEFT or NO_CONSENT
    since: datetime.date | None  # the withdrawal or the leaving
    due: datetime.date | None  # None: the officer decides

    @property
    def reason_text(self) -> str:
        return REASONS[self.reason]


def queue(today: datetime.date | None = None) -> list[Due]:
    """Everyone whose personal data should go, oldest first."""
    today = today or timezone.localdate()
    living = Activist.objects.filter(anonymised__isnull=True).select_related("tos_body")
    participation = Consent.objects.filter(
        activist=OuterRef("pk"), purpose=Consent.Purpose.PARTICIPATION
    )
    withdrawn = {
        c.activist_id: c.withdrawn
        for c in Consent.objects.filter(
            purpose=Consent.Purpose.PARTICIPATION, withdrawn__isnull=False,
            activist__anonymised__isnull=True,
        ).order_by("withdrawn")
    }
    # Withdrawn only when no participation consent is still standing.
    standing = set(
        Consent.objects.filter(
            purpose=Consent.Purpose.PARTICIPATION, withdrawn__isnull=True,
            activist_id__in=withdrawn,
        ).values_list("activist_id", flat=True)
    )
    items: dict[int, Due] = {}
    for activist in living.filter(pk__in=set(withdrawn) - standing):
        day = withdrawn[activist.pk]
        items[activist.pk] = Due(activist, WITHDRAWAL, day,
                                 day + datetime.timedelta(days=withdrawal_days()))
    for activist in living.filter(closed__isnull=False, closed__lte=today).exclude(
        pk__in=items
    ):
        items[activist.pk] = Due(activist, LEFT, activist.closed,
                                 activist.closed + datetime.timedelta(days=retention_days()))
    for activist in living.filter(~Exists(participation)).exclude(pk__in=items).exclude(
        Q(closed__isnull=False) & Q(closed__lte=today)
    ):
        items[activist.pk] = Due(activist, NO_CONSENT, None, None)
    return sorted(
        items.values(),
        key=lambda d: (d.due is None, d.due or datetime.date.max, d.activist.pk),
    )


def due_now(today: datetime.date | None = None) -> list[Due]:
    """The part of the queue the daily run destroys: due today or earlier."""
    today = today or timezone.localdate()
    return [item for item in queue(today) if item.due is not None and item.due <= today]


@transaction.atomic
def destroy(items: list[Due], *, user=None, basis: str) -> DestructionAct | None:
    """Destroy the personal data of `items` and write the act; None when
    there is nothing to destroy."""
    if not items:
        return None
    ids = [item.activist.pk for item in items]
    extract = list(AccessRecord.objects.filter(
        reduce(or_, (naming("committees.activist", pk) for pk in ids))
    ).order_by("at"))
    for item in items:
        activist = item.activist
        for consent in Consent.objects.filter(activist=activist).exclude(scan=""):
            consent.scan.delete(save=False)
            Consent.objects.filter(pk=consent.pk).update(scan="")
            consent.history.model.objects.filter(id=consent.pk).update(scan="")
        erase_personal_data(activist=activist, user=user)
    # Import files still waiting for confirmation may name them.
    PrivateUploadStorage().remove_all()
    personal_data_destroyed.send(sender=Activist, model=Activist, object_ids=ids)
    act = DestructionAct.objects.create(
        user=user if user is not None and user.pk else None,
        username=getattr(user, "username", "") or "ежедневная проверка",
        basis=basis,
        object_ids=[str(pk) for pk in ids],
        reasons={str(item.activist.pk): item.reason for item in items},
    )
    html = render_to_string("accounts/destruction_act.html", {
        "act": act,
        "items": items,
        "extract": extract,
        "operator": "Администрация города Кемерово",
        "categories": "фамилия, имя, отчество; номер телефона; адрес электронной почты; "
                      "дата рождения; сканы согласий",
    })
    act.file.save(f"act-{act.pk}.pdf", ContentFile(_pdf(html)), save=True)
    return act


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    # A directory URL (trailing slash): the act's style sheet and fonts are
    # found relative to static/.
    return HTML(string=html, base_url=str(settings.BASE_DIR / "static") + "/").write_pdf()


def run_daily(today: datetime.date | None = None) -> DestructionAct | None:
    """What the daily command and task do: destroy everyone due."""
    return destroy(due_now(today), basis="истек срок (ежедневная проверка)")
