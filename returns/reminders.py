"""Reminders of the monthly return: an e-mail to the people of each
committee and center whose month is not «сдан», at most one a person a day
(Reminder, reminder_one_per_user_day).

On settings.RETURN_REMINDER_DAY of each month the command
`send_return_reminders` (cron or a systemd timer, daily) reminds everyone
of the previous month; from the board, city staff remind one committee or
a selection (`remind`, run as the task returns.tasks.send_reminders).
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from centers.models import Center
from committees.models import DistrictCommittee

from .models import MonthlyReturn, Reminder
from .services import month_end, month_title, previous_month

KINDS = {"committee": DistrictCommittee, "center": Center}


@dataclass
class Sent:
    sent: list[str] = field(default_factory=list)  # addresses
    already: int = 0  # people reminded earlier today
    no_address: int = 0  # organisers with nobody to write to

    def summary(self) -> str:
        return (
            f"отправлено писем: {len(self.sent)}, уже получили сегодня: {self.already}, "
            f"без адреса: {self.no_address}"
        )


def return_link(first: datetime.date) -> str:
    path = reverse("portal:return_month", args=[first.year, first.month])
    return f"{settings.SITE_URL}{path}"


def not_submitted(model, first: datetime.date):
    """The committees or centers that worked in the month of `first` and
    have not submitted its return."""
    submitted = MonthlyReturn.objects.filter(
        **{"committee" if model is DistrictCommittee else "center": OuterRef("pk")},
        month=first, state=MonthlyReturn.State.SUBMITTED,
    )
    return (
        model.objects.filter(founded__lte=month_end(first))
        .filter(Q(closed__isnull=True) | Q(closed__gte=first))
        .exclude(Exists(submitted))
    )


def _message(user, organiser, first: datetime.date) -> EmailMessage:
    name = user.get_full_name() or user.username
    body = (
        f"Здравствуйте, {name}!\n\n"
        f"Отчет за {month_title(first)} ({organiser}) еще не сдан. Проверьте, что все "
        "мероприятия, приемы и профилактическая работа месяца внесены, и подтвердите "
        "отчет на странице:\n"
        f"{return_link(first)}\n\n"
        "Если в этом месяце мероприятий не было, отметьте это на той же странице.\n\n"
        "Это письмо отправлено автоматически реестром ТОС города Кемерово."
    )
    return EmailMessage(
        subject=f"Отчет за {month_title(first)} не сдан", body=body, to=[user.email]
    )


def remind(*, first: datetime.date, committees=None, centers=None, sent_by=None,
           today: datetime.date | None = None) -> Sent:
    """E-mail the people of the given committees and centers (ids; None:
    all) whose return for the month of `first` is not submitted. A person
    reminded today is not reminded again."""
    today = today or timezone.localdate()
    outcome = Sent()
    targets = []
    for kind, ids in (("committee", committees), ("center", centers)):
        organisers = not_submitted(KINDS[kind], first)
        if ids is not None:
            organisers = organisers.filter(pk__in=list(ids))
        targets += [(kind, organiser) for organiser in organisers]
    profiles = Profile.objects.filter(
        Q(role=Profile.Role.CHAIR, committee__in=[o for k, o in targets if k == "committee"])
        | Q(role=Profile.Role.CENTER, center__in=[o for k, o in targets if k == "center"]),
        user__is_active=True,
    ).select_related("user")
    people = {}
    for profile in profiles:
        key = ("committee", profile.committee_id) if profile.committee_id else (
            "center", profile.center_id)
        people.setdefault(key, []).append(profile.user)
    reminded = set(Reminder.objects.filter(sent_on=today).values_list("user_id", flat=True))
    connection = get_connection()
    for kind, organiser in targets:
        users = [u for u in people.get((kind, organiser.pk), []) if u.email]
        if not users:
            outcome.no_address += 1
        for user in users:
            if user.pk in reminded:
                outcome.already += 1
                continue
            try:
                with transaction.atomic():
                    Reminder.objects.create(
                        **{kind: organiser}, month=first, user=user, email=user.email,
                        sent_on=today, sent_by=sent_by,
                    )
                    # Sent inside: a failed send leaves no line in the log.
                    connection.send_messages([_message(user, organiser, first)])
            except IntegrityError:  # reminded at this moment by another run
                outcome.already += 1
                continue
            reminded.add(user.pk)
            outcome.sent.append(user.email)
    return outcome


def scheduled(today: datetime.date | None = None, *, force: bool = False) -> Sent | None:
    """The day's reminders of the previous month: None when today is not
    settings.RETURN_REMINDER_DAY (unless `force`)."""
    today = today or timezone.localdate()
    if not force and today.day != settings.RETURN_REMINDER_DAY:
        return None
    return remind(first=previous_month(today), today=today)
