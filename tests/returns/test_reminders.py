"""Reminders: one e-mail to each committee and center whose last month is
not submitted, none to the others, none twice on the same day."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Profile
from returns import services
from returns.models import Reminder
from tests.factories import CenterFactory, CommitteeFactory, ProfileFactory
from tests.portal.helpers import make_city_staff

pytestmark = pytest.mark.django_db

MAY = datetime.date(2024, 5, 1)


@pytest.fixture
def city(settings, today):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.RETURN_REMINDER_DAY = 15  # today (conftest: 15 June 2024)
    settings.SITE_URL = "https://tos.example.ru"
    people = {}
    for name in ("late", "done", "quiet"):
        committee = CommitteeFactory(name=f"Комитет {name}")
        profile = ProfileFactory(role=Profile.Role.CHAIR, committee=committee,
                                 user__email=f"{name}@example.ru")
        people[name] = (committee, profile.user)
    for name in ("late-center", "done-center"):
        center = CenterFactory(name=name)
        profile = ProfileFactory(role=Profile.Role.CENTER, center=center,
                                 user__email=f"{name}@example.ru")
        people[name] = (center, profile.user)
    # «done» submitted May with events not needed: nothing happened.
    for name in ("done", "done-center"):
        organiser, user = people[name]
        services.submit_return(user=user, organiser=organiser, first=MAY, nothing_happened=True)
    # Submitted June, not May: still to be reminded.
    CommitteeFactory(name="Новый", founded=datetime.date(2024, 6, 1))  # not yet in May
    return people


def test_the_command_reminds_each_organiser_without_a_submitted_return_once(city):
    call_command("send_return_reminders")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "late-center@example.ru", "late@example.ru", "quiet@example.ru"]
    message = next(m for m in mail.outbox if m.to == ["late@example.ru"])
    assert message.subject == "Отчет за май 2024 не сдан"
    assert "https://tos.example.ru/portal/returns/2024/5/" in message.body

    call_command("send_return_reminders")  # cron runs twice the same day
    assert len(mail.outbox) == 3
    assert Reminder.objects.count() == 3


def test_on_other_days_the_command_sends_nothing(city, settings):
    settings.RETURN_REMINDER_DAY = 5
    call_command("send_return_reminders")
    assert mail.outbox == []


def test_the_board_reminds_a_chosen_row(client, city):
    late, _ = city["late"]
    quiet, _ = city["quiet"]
    client.force_login(make_city_staff())
    response = client.post(reverse("portal:board_remind"),
                           {"year": 2024, "month": 5, "pick": [f"committee-{late.pk}"]},
                           follow=True)
    assert [m.to for m in mail.outbox] == [["late@example.ru"]]
    assert "отправляются" in response.content.decode()
    # A row that has submitted is never reminded, even if picked.
    done, _ = city["done"]
    client.post(reverse("portal:board_remind"),
                {"year": 2024, "month": 5, "pick": [f"committee-{done.pk}"]})
    assert len(mail.outbox) == 1
    # «Напомнить всем»: the others, and not «late» a second time today.
    client.post(reverse("portal:board_remind"), {"year": 2024, "month": 5, "all": "1"})
    assert sorted(m.to[0] for m in mail.outbox) == [
        "late-center@example.ru", "late@example.ru", "quiet@example.ru"]
    assert quiet  # named for the reader


def test_viewers_and_chairs_cannot_remind(client, city):
    _, chair = city["late"]
    client.force_login(chair)
    assert client.post(reverse("portal:board_remind"), {"all": "1"}).status_code == 403
    assert mail.outbox == []
