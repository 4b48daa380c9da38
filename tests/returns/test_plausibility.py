"""Plausibility at entry: no date after today, a big participant count is
confirmed, the portal keeps the last date of a batch."""


import pytest
from django.urls import reverse

from core.imports.engine import run_import
from core.imports.files import read_table
from core.imports.registry import get_kind
from events.models import Event
from tests.factories import CommitteeFactory
from tests.imports.books import xlsx
from tests.portal.helpers import make_chair

pytestmark = pytest.mark.django_db


def post(**extra):
    return {"date": "2024-05-10", "title": "Праздник", "kind": "cultural",
            "participants": 12, **extra}


def test_a_date_after_today_is_refused_at_the_field(client, today):
    client.force_login(make_chair())
    response = client.post(reverse("portal:event_add"), post(date="2035-05-01"))
    assert "Дата 01.05.2035 еще не наступила" in str(response.context["form"].errors["date"])
    assert not Event.objects.exists()


def test_a_big_count_asks_for_confirmation_then_saves(client, today, settings):
    settings.EVENT_PARTICIPANTS_CONFIRM = 2000
    client.force_login(make_chair())
    asked = client.post(reverse("portal:event_add"), post(participants=20000))
    page = asked.content.decode()
    assert "20000 участников — больше 2000" in page
    assert "Да, число верное" in page
    assert not Event.objects.exists()
    client.post(reverse("portal:event_add"), post(participants=20000, confirm_participants="on"))
    assert Event.objects.get().participants == 20000


def test_the_confirmation_box_is_not_shown_for_an_ordinary_count(client, today):
    client.force_login(make_chair())
    assert "Да, число верное" not in client.get(reverse("portal:event_add")).content.decode()


def test_an_import_refuses_a_big_count_naming_row_and_value(today):
    CommitteeFactory(number=7)
    rows = [["10.05.2024", "Субботник", "Субботник", 7, 10],
            ["11.05.2024", "Праздник", "Субботник", 7, 25000]]
    data = xlsx(["Дата", "Название", "Вид", "Окружной комитет", "Участников"], rows)
    outcome = run_import(get_kind("events"), read_table(data))
    assert [str(p) for p in outcome.problems] == [
        "Строка 3, столбец «Участников»: 25000 участников — больше 2000. Проверьте, нет ли "
        "лишней цифры. Верное число подтвердите в форме отметкой «Да, число верное»; из "
        "файла такое число не загружается."]


def test_the_form_keeps_the_last_date_of_a_batch(client, today):
    client.force_login(make_chair())
    response = client.post(reverse("portal:event_add"), post(date="2024-04-28", another="1"))
    assert response.url == reverse("portal:event_add")
    form = client.get(reverse("portal:event_add")).context["form"]
    assert str(form["date"].value()) == "2024-04-28"
    assert form.initial["date"] == "2024-04-28"
