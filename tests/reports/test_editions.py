"""Publishing the report of a year: the edition keeps its figures and files
as published, the page marks what changed since, and the year is closed to
chairs and centers (admin, portal and import)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.services import create_user_for
from core import periods
from core.imports.engine import run_import
from core.imports.files import read_table
from core.imports.registry import get_kind
from events.models import Event
from reports import editions
from reports.document import build
from reports.models import ClosedYear, PublishedEdition
from tests.factories import CommitteeFactory
from tests.imports.books import xlsx
from tests.portal.helpers import make_chair, make_city_staff

from .conftest import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(make_city_staff())
    return client


def _publish(client, capture, note=""):
    with capture(execute=True):
        response = client.post(reverse("reports:publish", args=[YEAR]), {"note": note})
    return response


def _download(client, edition, kind="pdf") -> bytes:
    response = client.get(reverse("reports:edition_file", args=[edition.pk, kind]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_publishing_freezes_the_figures_the_files_and_closes_the_year(
    staff_client, small_year, django_capture_on_commit_callbacks
):
    live = {f.key: f.value for f in build(YEAR, with_charts=False).figures}
    response = _publish(staff_client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    edition = PublishedEdition.objects.get()
    assert (edition.number, edition.status) == (1, PublishedEdition.Status.PUBLISHED)
    assert {f["key"]: f["value"] for f in edition.snapshot["figures"]} == live
    assert edition.snapshot["narrative"]["introduction"]["text"].startswith("Город Кемерово")
    assert edition.snapshot["plan"]["tasks"][0] == "Развитие молодежного движения ТОС."
    assert "<svg" in edition.snapshot["sections_html"]
    assert _download(staff_client, edition).startswith(b"%PDF")
    assert _download(staff_client, edition, "xlsx").startswith(b"PK")
    assert ClosedYear.objects.get(year=YEAR).message.startswith(
        f"{YEAR} год закрыт: отчет опубликован"
    )

    page = staff_client.get(reverse("reports:page", args=[YEAR])).content.decode()
    assert f"Опубликованная редакция № 1 от {edition.published_at:%d.%m.%Y}" in page
    assert "С публикации ни один показатель не изменился." in page
    assert "Показать текущие данные" in page


def test_a_changed_event_marks_exactly_its_figures_and_the_pdf_stays(
    staff_client, small_year, django_capture_on_commit_callbacks
):
    _publish(staff_client, django_capture_on_commit_callbacks)
    edition = PublishedEdition.objects.get()
    published_pdf = edition.pdf.open("rb").read()
    was = {f["key"]: f["value"] for f in edition.snapshot["figures"]}

    # Staff correct the participants of a cultural event of the closed year.
    event = small_year.events[0]
    assert event.kind == Event.Kind.CULTURAL
    event.participants += 15
    event.save()

    page = staff_client.get(reverse("reports:page", args=[YEAR])).content.decode()
    assert page.count('data-changed="') == 1
    assert 'data-changed="cultural_people"' in page
    now = was["cultural_people"] + 15
    assert f"было {was['cultural_people']}, стало" in page and f">{now}</a>" in page
    assert "После публикации изменился 1 показатель" in page
    # The published PDF is the file that was published, byte for byte.
    assert _download(staff_client, edition) == published_pdf

    live = staff_client.get(reverse("reports:page", args=[YEAR]), {"live": "1"}).content.decode()
    assert "Опубликованная редакция № 1" not in live
    assert f"Отчет за {YEAR} год опубликован" in live
    assert "data-changed" not in live


def test_a_second_edition_needs_a_reason_and_the_first_stays(
    staff_client, small_year, django_capture_on_commit_callbacks
):
    _publish(staff_client, django_capture_on_commit_callbacks)
    refused = _publish(staff_client, django_capture_on_commit_callbacks)
    assert refused.status_code == 200
    assert "Укажите, что изменилось и почему" in refused.content.decode()
    assert PublishedEdition.objects.count() == 1

    _publish(staff_client, django_capture_on_commit_callbacks, note="Исправлены участники")
    first, second = PublishedEdition.objects.order_by("number")
    assert (second.number, second.note) == (2, "Исправлены участники")
    page = staff_client.get(reverse("reports:page", args=[YEAR])).content.decode()
    assert "Опубликованная редакция № 2" in page
    assert reverse("reports:edition_file", args=[first.pk, "pdf"]) in page
    assert _download(staff_client, first).startswith(b"%PDF")


def test_the_published_page_is_served_from_the_snapshot(
    staff_client, small_year, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    _publish(staff_client, django_capture_on_commit_callbacks)
    staff_client.get(reverse("reports:page", args=[YEAR]))  # the years list cached
    # session (read, and saved with its savepoint: 4), user, profile, the
    # edition, the closed year, the data version, three kinds of drafts,
    # the cached years, territories, the editions to download; nothing of
    # the report's figures is computed.
    with django_assert_max_num_queries(15):
        response = staff_client.get(reverse("reports:page", args=[YEAR]))
    assert "Опубликованная редакция № 1" in response.content.decode()


# The closed year ---------------------------------------------------------------


def test_a_chair_cannot_edit_an_event_of_a_closed_year(client, small_year):
    editions.close_year(user=make_city_staff(), year=YEAR, reason="идет подготовка отчета")
    committee = small_year.committees[0]
    chair = make_chair(committee=committee)
    event = Event.objects.filter(committee=committee, date__year=YEAR).first()
    client.force_login(chair)
    response = client.post(reverse("portal:event_edit", args=[event.pk]), {
        "date": event.date.isoformat(), "title": "Другое название", "kind": event.kind,
        "participants": event.participants, "version": event.version,
    })
    html = response.content.decode()
    assert f"{YEAR} год закрыт: идет подготовка отчета" in html
    event.refresh_from_db()
    assert event.title != "Другое название"
    with pytest.raises(ValidationError, match=f"{YEAR} год закрыт"):
        periods.check_record_open(chair, event)
    # A year not closed stays open.
    event.date = datetime.date(YEAR - 1, 5, 5)
    periods.check_record_open(chair, Event(committee=committee, date=event.date))


def test_the_admin_refuses_a_chair_in_a_closed_year(client, small_year):
    committee = small_year.committees[0]
    editions.close_year(user=make_city_staff(), year=YEAR, reason="отчет опубликован")
    chair = create_user_for(username="chair.admin", role="chair", committee=committee,
                            password="Kemerovo-test-2022")[0]
    client.force_login(chair)
    response = client.post(reverse("admin:events_event_add"), {
        "date": f"10.05.{YEAR}", "title": "Слет", "kind": "cultural",
        "committee": committee.pk, "participants": 30,
        "photos-TOTAL_FORMS": 0, "photos-INITIAL_FORMS": 0,
    })
    assert f"{YEAR} год закрыт" in response.content.decode()
    assert not Event.objects.filter(title="Слет").exists()


def test_staff_may_still_change_a_closed_year(admin_client, small_year):
    editions.close_year(user=make_city_staff(), year=YEAR, reason="отчет опубликован")
    committee = small_year.committees[0]
    response = admin_client.post(reverse("admin:events_event_add"), {
        "date": f"10.05.{YEAR}", "title": "Слет", "kind": "cultural",
        "committee": committee.pk, "participants": 30,
        "photos-TOTAL_FORMS": 0, "photos-INITIAL_FORMS": 0,
    })
    assert response.status_code == 302
    event = Event.objects.get(title="Слет")
    assert event.history.latest().history_user.username == "admin"


def test_an_import_into_a_closed_year_is_refused_naming_the_year(db):
    chair = make_chair(committee=CommitteeFactory(number=7))
    editions.close_year(user=make_city_staff(), year=YEAR, reason="отчет опубликован")
    headers = ["Дата", "Название", "Вид", "Окружной комитет", "Участников"]
    rows = [[f"10.04.{YEAR + 1}", "Субботник", "Субботник", 7, 10],
            [f"10.05.{YEAR}", "Праздник", "Субботник", 7, 10]]
    outcome = run_import(get_kind("events"), read_table(xlsx(headers, rows)), user=chair)
    assert [str(p) for p in outcome.problems] == [
        f"Строка 3, столбец «Дата»: {YEAR} год закрыт: отчет опубликован. Изменения за "
        "этот год вносят только сотрудники администрации города."
    ]
    assert not Event.objects.exists()
