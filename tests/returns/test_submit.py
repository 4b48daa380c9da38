"""Submitting a month closes it to its chair or center; city staff reopen
it with a reason; every path (portal, admin, import) honours the lock."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Profile
from accounts.services import create_user_for
from core.imports.engine import run_import
from core.imports.files import read_table
from core.imports.registry import get_kind
from events.models import Event
from returns import services
from returns.models import MonthlyReturn
from tests.factories import CommitteeFactory, EventFactory, ProfileFactory, TerritoryFactory
from tests.imports.books import xlsx
from tests.portal.helpers import make_chair, make_city_staff

pytestmark = pytest.mark.django_db

MAY = datetime.date(2024, 5, 1)
HEADERS = ["Дата", "Название", "Вид", "Окружной комитет", "Участников"]


def event_post(**extra):
    return {"date": "2024-05-10", "title": "Субботник", "kind": "cleanup",
            "participants": 12, **extra}


def test_a_month_without_events_needs_the_nothing_happened_mark(today):
    chair = make_chair()
    committee = chair.profile.committee
    with pytest.raises(ValidationError) as refused:
        services.submit_return(user=chair, organiser=committee, first=MAY)
    assert "мероприятий не было" in str(refused.value)
    ret = services.submit_return(user=chair, organiser=committee, first=MAY,
                                 nothing_happened=True)
    assert ret.state == MonthlyReturn.State.SUBMITTED and ret.nothing_happened


def test_a_chair_submits_only_their_own_committee(today):
    chair = make_chair()
    with pytest.raises(PermissionDenied):
        services.submit_return(user=chair, organiser=CommitteeFactory(), first=MAY,
                               nothing_happened=True)


def test_the_return_page_submits_the_month_and_closes_it(client, today):
    chair = make_chair()
    client.force_login(chair)
    client.post(reverse("portal:event_add"), event_post())
    page = client.get(reverse("portal:return_month", args=[2024, 5]))
    assert (1, "мероприятие") in page.context["sums"]
    assert page.context["current"].state == "entered"

    response = client.post(reverse("portal:return_month", args=[2024, 5]), follow=True)
    assert "Отчет за май 2024 сдан" in response.content.decode()
    assert response.context["current"].state == "submitted"

    refused = client.post(reverse("portal:event_add"), event_post(title="Еще один"))
    assert "Отчет за май 2024 уже сдан" in refused.content.decode()
    assert Event.objects.count() == 1
    event = Event.objects.get()
    client.post(reverse("portal:event_delete", args=[event.pk]))
    assert Event.objects.filter(pk=event.pk).exists()


def test_an_event_cannot_be_moved_out_of_a_submitted_month(client, today):
    chair = make_chair()
    event = EventFactory(committee=chair.profile.committee, date=datetime.date(2024, 5, 3))
    services.submit_return(user=chair, organiser=chair.profile.committee, first=MAY)
    client.force_login(chair)
    response = client.post(reverse("portal:event_edit", args=[event.pk]),
                           event_post(date="2024-06-01", version=event.version))
    assert "уже сдан" in response.content.decode()
    event.refresh_from_db()
    assert event.date == datetime.date(2024, 5, 3)


def test_staff_reopen_with_a_reason_kept_in_the_history(client, today):
    chair = make_chair()
    committee = chair.profile.committee
    services.submit_return(user=chair, organiser=committee, first=MAY, nothing_happened=True)
    staff = make_city_staff()
    client.force_login(staff)
    url = reverse("portal:return_reopen", args=["committee", committee.pk, 2024, 5])
    empty = client.post(url, {"reason": " "})
    assert "Напишите, почему" in empty.content.decode()
    client.post(url, {"reason": "Забыли субботник 30 мая"})
    ret = MonthlyReturn.objects.get()
    assert ret.state == MonthlyReturn.State.REOPENED
    assert ret.reopen_reason == "Забыли субботник 30 мая"
    assert [h.state for h in ret.history.order_by("history_id")] == ["submitted", "reopened"]
    assert ret.history.latest().history_user == staff

    chair_client = type(client)()
    chair_client.force_login(chair)
    chair_client.post(reverse("portal:event_add"), event_post(date="2024-05-30"))
    assert Event.objects.filter(committee=committee).count() == 1


def test_a_chair_cannot_reopen(client, today):
    chair = make_chair()
    services.submit_return(user=chair, organiser=chair.profile.committee, first=MAY,
                           nothing_happened=True)
    client.force_login(chair)
    url = reverse("portal:return_reopen", args=["committee", chair.profile.committee.pk, 2024, 5])
    assert client.post(url, {"reason": "хочу"}).status_code == 403
    assert MonthlyReturn.objects.get().state == MonthlyReturn.State.SUBMITTED


def test_city_staff_may_still_add_to_a_submitted_month(admin_client, today):
    chair = make_chair()
    committee = chair.profile.committee
    services.submit_return(user=chair, organiser=committee, first=MAY, nothing_happened=True)
    response = admin_client.post(reverse("admin:events_event_add"), {
        "date": "10.05.2024", "title": "Слет", "kind": "cultural", "committee": committee.pk,
        "participants": 30, "photos-TOTAL_FORMS": 0, "photos-INITIAL_FORMS": 0,
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Event.objects.filter(committee=committee).count() == 1


def test_the_admin_refuses_a_chair_in_a_submitted_month(client, today):
    committee = CommitteeFactory()
    chair = create_user_for(username="chair.admin", role="chair", committee=committee,
                            password="Kemerovo-test-2022")[0]
    services.submit_return(user=chair, organiser=committee, first=MAY, nothing_happened=True)
    client.force_login(chair)
    response = client.post(reverse("admin:events_event_add"), {
        "date": "10.05.2024", "title": "Слет", "kind": "cultural", "committee": committee.pk,
        "participants": 30, "photos-TOTAL_FORMS": 0, "photos-INITIAL_FORMS": 0,
    })
    assert "уже сдан" in response.content.decode()
    assert not Event.objects.exists()


def test_an_import_names_the_row_in_a_submitted_month(today):
    chair = make_chair(committee=CommitteeFactory(number=7))
    services.submit_return(user=chair, organiser=chair.profile.committee, first=MAY,
                           nothing_happened=True)
    rows = [["10.04.2024", "Субботник", "Субботник", 7, 10],
            ["10.05.2024", "Праздник", "Субботник", 7, 10]]
    outcome = run_import(get_kind("events"), read_table(xlsx(HEADERS, rows)), user=chair)
    assert [str(p) for p in outcome.problems] == [
        f"Строка 3, столбец «Дата»: {services.closed_message(MAY)}"]
    assert not Event.objects.exists()


def test_a_viewer_sees_no_return_page(client, today):
    viewer = ProfileFactory(role=Profile.Role.VIEWER, territory=TerritoryFactory()).user
    client.force_login(viewer)
    assert client.get(reverse("portal:return_month", args=[2024, 5])).status_code == 403
