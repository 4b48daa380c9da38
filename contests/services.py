"""Writes of the contests app: applications, stages and results.

Each function takes the acting user, checks the user's scope through
core.scoping, validates every row with full_clean() and writes all or
nothing.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from committees.models import TosBody
from core.scoping import get_scope, may_change, scope_queryset

from .models import Application, ContestEdition, Nomination, Result


def _require_staff(user, doing: str) -> None:
    # Moving applications between stages and awarding places is the jury's
    # work, done by city staff; chairs only submit.
    if not get_scope(user).is_staff:
        raise PermissionDenied(f"{doing} могут только сотрудники администрации.")


def _scoped_applications(user, applications) -> list[Application]:
    pks = {application.pk for application in applications}
    rows = list(
        scope_queryset(user, Application.objects.filter(pk__in=pks))
        .select_related("edition", "nomination", "tos_body", "result")
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    if len(rows) != len(pks):
        raise PermissionDenied("Часть выбранных заявок вне вашей зоны ответственности.")
    return rows


class _Errors:
    """Messages of many applications, each said once with the numbers of
    the applications it concerns."""

    def __init__(self):
        self.by_message: dict[str, list[int]] = {}

    def add(self, application: Application, error: ValidationError | str) -> None:
        messages = [error] if isinstance(error, str) else error.messages
        for message in messages:
            self.by_message.setdefault(message, [])
            if application.pk not in self.by_message[message]:
                self.by_message[message].append(application.pk)

    def raise_if_any(self) -> None:
        if not self.by_message:
            return
        texts = []
        for message, pks in self.by_message.items():
            if len(pks) == 1:
                texts.append(f"Заявка №{pks[0]}: {message}")
            else:
                numbers = ", ".join(f"№{pk}" for pk in pks)
                texts.append(f"Заявки {numbers}: {message}")
        raise ValidationError(texts)


@transaction.atomic
def advance_applications(*, user, applications) -> int:
    """Move each application to the next stage of its contest: district to
    city, regional to federal. Returns how many were moved."""
    _require_staff(user, "Переводить заявки на следующий этап")
    rows = _scoped_applications(user, applications)
    errors = _Errors()
    for application in rows:
        following = Application.Stage.next_of(application.stage)
        if following is None:
            errors.add(
                application,
                f"уже на этапе «{application.get_stage_display()}», следующего этапа нет.",
            )
            continue
        application.stage = following
        try:
            application.full_clean()
        except ValidationError as error:
            errors.add(application, error)
    errors.raise_if_any()
    for application in rows:
        application.save(update_fields=["stage"])
    return len(rows)


@transaction.atomic
def record_results(*, user, applications, place: int | None = None, prize: str = "") -> int:
    """Record (or correct) the result of each application at the stage it
    has reached: a place, a special prize or both. Returns how many."""
    _require_staff(user, "Записывать итоги")
    prize = prize.strip()
    rows = _scoped_applications(user, applications)
    results, errors = [], _Errors()
    for application in rows:
        result = getattr(application, "result", None) or Result(application=application)
        result.edition_id = application.edition_id
        result.place = place
        result.prize = prize
        result.stage = application.stage
        try:
            result.full_clean()
        except ValidationError as error:
            errors.add(application, error)
        results.append(result)
    errors.raise_if_any()
    for result in results:
        result.save()
    return len(results)


@transaction.atomic
def submit_application(
    *,
    user,
    edition: ContestEdition,
    tos_body: TosBody,
    nomination: Nomination | None = None,
    participants: int = 1,
    address: str = "",
    submitted: datetime.date | None = None,
) -> Application:
    """A chair (or city staff) submits an application of one of the
    committee's TOS bodies; it starts at the contest's first stage."""
    if not may_change(user, Application):
        raise PermissionDenied("Подавать заявки может председатель окружного комитета.")
    if not scope_queryset(user, TosBody.objects.filter(pk=tos_body.pk)).exists():
        raise PermissionDenied("Этот орган ТОС не относится к вашему окружному комитету.")
    # The rule the form offers its editions by (ContestEdition.open_on), so
    # that a page left open past the deadline or a forged POST cannot
    # submit to an edition closed for applications.
    today = timezone.localdate()
    if not ContestEdition.open_on(today).filter(pk=edition.pk).exists():
        raise ValidationError(
            {"edition": f"Конкурс {edition.contest} ({edition.year}) сейчас не принимает "
                        "заявки."}
        )
    application = Application(
        edition=edition,
        nomination=nomination,
        applicant_kind=Application.ApplicantKind.TOS_BODY,
        tos_body=tos_body,
        address=address or tos_body.address,
        participants=participants,
        stage=edition.contest.first_stage,
        submitted=submitted or today,
    )
    application.full_clean()
    application.save()
    return application
