"""Who may open the return pages and the board's actions, over HTTP for
every role; tampered ids answer 404 and change nothing. Collected by
tests/returns/test_portal_matrix.py."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Profile
from returns import services
from returns.models import MonthlyReturn, Reminder
from tests.factories import CommitteeFactory, ProfileFactory, TerritoryFactory

from .helpers import make_center_staff, make_chair, make_city_staff

COVERED = {
    "portal:return_latest",
    "portal:return_month",
    "portal:return_reopen",
    "portal:board",
    "portal:board_export",
    "portal:board_remind",
}
TODAY = datetime.date(2024, 6, 15)
MAY = datetime.date(2024, 5, 1)

# URL name -> roles that get the page (others: 403; a visitor: login).
OPENS = {
    "portal:return_latest": {"chair", "center"},
    "portal:return_month": {"chair", "center"},
    "portal:return_reopen": {"staff"},
    "portal:board": {"staff", "viewer"},
    "portal:board_export": {"staff", "viewer"},
    "portal:board_remind": {"staff"},
}
GET_ONLY = {"portal:board", "portal:board_export"}
POST_ONLY = {"portal:board_remind"}


@pytest.fixture
def world(monkeypatch, settings):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    territory = TerritoryFactory()
    chair = make_chair(committee=CommitteeFactory(territory=territory))
    committee = chair.profile.committee
    services.submit_return(user=chair, organiser=committee, first=MAY, nothing_happened=True)
    return {
        "committee": committee,
        "users": {
            "chair": chair,
            "center": make_center_staff(),
            "staff": make_city_staff(),
            "viewer": ProfileFactory(role=Profile.Role.VIEWER, territory=territory).user,
        },
    }


def url_of(name, committee):
    if name == "portal:return_month":
        return reverse(name, args=[2024, 5])
    if name == "portal:return_reopen":
        return reverse(name, args=["committee", committee.pk, 2024, 5])
    return reverse(name)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(COVERED))
@pytest.mark.parametrize("role", ["chair", "center", "staff", "viewer", "anonymous"])
def test_return_pages_answer_each_role(client, world, role, name):
    url = url_of(name, world["committee"])
    if role != "anonymous":
        client.force_login(world["users"][role])
    for method in ("get", "post"):
        data = {"reason": "Проверка"} if name == "portal:return_reopen" else {}
        if method == "post" and name == "portal:board_remind":
            data = {"year": 2024, "month": 5, "all": "1"}
        response = getattr(client, method)(url, data)
        if role == "anonymous":
            assert response.status_code == 302 and "/portal/login/" in response.url
        elif role not in OPENS[name]:
            assert response.status_code == 403, (role, name, method, response.status_code)
        elif (method == "post" and name in GET_ONLY) or (method == "get" and name in POST_ONLY):
            assert response.status_code == 405
        else:
            assert response.status_code in (200, 302), (role, name, method, response.status_code)
    reopened = MonthlyReturn.objects.get().state == MonthlyReturn.State.REOPENED
    assert reopened == (role == "staff" and name == "portal:return_reopen")
    if role != "staff":
        assert mail.outbox == [] and not Reminder.objects.exists()


@pytest.mark.django_db
def test_a_viewer_cannot_reach_another_territory_on_the_board(client, world):
    other = CommitteeFactory(name="Чужой комитет")
    client.force_login(world["users"]["viewer"])
    page = client.get(reverse("portal:board"), {"year": 2024, "month": 5})
    assert other.name not in page.content.decode()
    assert world["committee"].name in page.content.decode()


@pytest.mark.django_db
def test_reopen_of_an_unknown_kind_or_row_is_not_found(client, world):
    client.force_login(world["users"]["staff"])
    assert client.get(reverse("portal:return_reopen", args=["tos", 1, 2024, 5])).status_code == 404
    url = reverse("portal:return_reopen", args=["committee", 999999, 2024, 5])
    assert client.post(url, {"reason": "x"}).status_code == 404
    assert MonthlyReturn.objects.get().state == MonthlyReturn.State.SUBMITTED


@pytest.mark.django_db
def test_a_chair_submits_only_their_own_month_whatever_the_url(client, world):
    """The return page takes no committee id: a chair's POST always means
    their own committee; another committee's month stays unsubmitted."""
    other = CommitteeFactory()
    client.force_login(world["users"]["chair"])
    client.post(reverse("portal:return_month", args=[2024, 4]),
                {"nothing_happened": "on", "committee": other.pk})
    assert not MonthlyReturn.objects.filter(committee=other).exists()
    assert MonthlyReturn.objects.filter(committee=world["committee"]).count() == 2


@pytest.mark.django_db
def test_a_future_month_is_not_found(client, world):
    client.force_login(world["users"]["chair"])
    assert client.get(reverse("portal:return_month", args=[2024, 7])).status_code == 404
    assert client.get(reverse("portal:return_month", args=[2024, 13])).status_code == 404
