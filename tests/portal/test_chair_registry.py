"""The chair's TOS bodies, activists and consents: what the pages and the
services they call change, and what the annual report then counts."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from committees.models import Activist, Consent, TosBody
from reports.aggregates import registry
from tests.factories import ActivistFactory, TosBodyFactory

from .factories_chair import ConsentFactory
from .helpers import jpeg_bytes, make_chair

pytestmark = pytest.mark.django_db

FOUNDED = datetime.date(2020, 1, 1)


@pytest.fixture
def body(chair):
    return TosBodyFactory(committee=chair.profile.committee, founded=FOUNDED,
                          address="ул. Рудничная, 1")


def activists_counted(year):
    return registry(year)["activists"].total


def test_closing_a_body_ends_its_people_and_they_stop_counting(chair_client, body):
    for _ in range(3):
        ActivistFactory(tos_body=body, founded=FOUNDED)
    left = ActivistFactory(tos_body=body, founded=FOUNDED, closed=datetime.date(2021, 3, 1))
    assert activists_counted(2023) == 3

    response = chair_client.post(reverse("portal:body_close", args=[body.pk]),
                                 {"day": "2022-06-30"})

    assert response.status_code == 302
    body.refresh_from_db()
    assert body.closed == datetime.date(2022, 6, 30)
    closed = set(Activist.objects.exclude(pk=left.pk).values_list("closed", flat=True))
    assert closed == {datetime.date(2022, 6, 30)}
    left.refresh_from_db()
    assert left.closed == datetime.date(2021, 3, 1)  # who left earlier keeps their date
    # Counted in 2022, the year they were members in; no longer after it.
    assert activists_counted(2022) == 3
    assert activists_counted(2023) == 0
    assert registry(2023)["bodies"].total == 0


def test_closing_a_body_in_the_admin_ends_its_people_too(admin_client, body):
    ActivistFactory(tos_body=body, founded=FOUNDED)
    url = reverse("admin:committees_tosbody_change", args=[body.pk])
    response = admin_client.post(url, {
        "committee": body.committee_id, "kind": body.kind, "address": body.address,
        "name": "", "founded": "2020-01-01", "closed": "2022-05-31",
    })
    assert response.status_code == 302, response.context["adminform"].errors
    assert list(Activist.objects.values_list("closed", flat=True)) == [datetime.date(2022, 5, 31)]


def test_a_future_closing_date_is_refused(chair_client, body):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = chair_client.post(reverse("portal:body_close", args=[body.pk]),
                                 {"day": tomorrow.isoformat()})
    assert "еще не наступила" in response.content.decode()
    body.refresh_from_db()
    assert body.closed is None


def test_the_list_searches_like_the_admin_and_hides_closed_bodies(chair_client, chair, body):
    committee = chair.profile.committee
    TosBodyFactory(committee=committee, name="Ёлочка", address="ул. Лесная, 3")
    TosBodyFactory(committee=committee, address="ул. Старая, 9",
                   founded=FOUNDED, closed=datetime.date(2021, 1, 1))
    TosBodyFactory(name="Чужая ёлочка")  # another committee

    def listed(**query):
        page = chair_client.get(reverse("portal:body_list"), query).context["page"]
        return sorted(b.address for b in page.object_list)

    assert listed() == ["ул. Лесная, 3", "ул. Рудничная, 1"]
    assert listed(q="ЁЛОЧ") == ["ул. Лесная, 3"]
    assert listed(q="рудничная") == ["ул. Рудничная, 1"]
    assert listed(closed="on") == ["ул. Лесная, 3", "ул. Рудничная, 1", "ул. Старая, 9"]


def test_an_activist_moves_to_another_body_of_the_committee(chair_client, chair, body):
    other = TosBodyFactory(committee=chair.profile.committee, address="ул. Весенняя, 2")
    person = ActivistFactory(tos_body=body, full_name="Иванова Анна Петровна", founded=FOUNDED)
    response = chair_client.post(reverse("portal:activist_detail", args=[person.pk]), {
        "full_name": person.full_name, "tos_body": other.pk, "role": "member",
        "founded": "2020-01-01", "phone": person.phone, "email": person.email,
    })
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.tos_body == other
    assert person.history.count() == 2  # the move is in the history


def test_the_chair_sees_and_edits_their_peoples_personal_data(chair_client, body):
    person = ActivistFactory(tos_body=body, phone="+7 (3842) 55-12-34")
    page = chair_client.get(reverse("portal:activist_detail", args=[person.pk]))
    assert "+7 (3842) 55-12-34" in page.content.decode()
    assert {"phone", "email", "birth_date"} <= set(page.context["form"].fields)


def test_a_paper_consent_with_its_scan_is_recorded(chair_client, body):
    person = ActivistFactory(tos_body=body, consent_date=None, consent_form="")
    scan = SimpleUploadedFile("soglasie.jpg", jpeg_bytes(600, 800), content_type="image/jpeg")
    response = chair_client.post(reverse("portal:consent_add", args=[person.pk]), {
        "purpose": "participation", "given": "2022-03-01", "form": "written",
        "text_version": "2022-1", "scan": scan,
    })
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.scan.name.startswith(f"consents/{person.pk}/")
    person.refresh_from_db()
    # The activist's own consent date follows (the import and lists read it).
    assert (person.consent_date, person.consent_form) == (datetime.date(2022, 3, 1), "written")
    # The scan is served to the chair, after the scope check, and to nobody else.
    assert chair_client.get(consent.scan.url).status_code == 200
    chair_client.force_login(make_chair())
    assert chair_client.get(consent.scan.url).status_code == 404
    consent.scan.delete(save=False)


@pytest.mark.parametrize("name, content, message", [
    ("scan.pdf", b"MZ\x90\x00 not a pdf", "поврежден или не является PDF"),
    ("scan.exe", b"%PDF-1.4", "загрузите скан в PDF, JPEG или PNG"),
    ("scan.png", b"\x89PNG\r\n\x1a\nbroken", "поврежден или не является картинкой"),
])
def test_a_scan_that_is_not_one_is_refused(chair_client, body, name, content, message):
    person = ActivistFactory(tos_body=body)
    response = chair_client.post(reverse("portal:consent_add", args=[person.pk]), {
        "purpose": "participation", "given": "2022-03-01", "form": "written",
        "scan": SimpleUploadedFile(name, content),
    })
    assert message in response.content.decode()
    assert not Consent.objects.exists()


def test_an_electronic_consent_takes_no_scan(chair_client, body):
    person = ActivistFactory(tos_body=body)
    response = chair_client.post(reverse("portal:consent_add", args=[person.pk]), {
        "purpose": "publication", "given": "2022-03-01", "form": "electronic",
        "scan": SimpleUploadedFile("scan.pdf", b"%PDF-1.4 ..."),
    })
    assert "Скан прикладывается только к письменному согласию." in response.content.decode()
    assert not Consent.objects.exists()


def test_a_withdrawal_lands_in_the_staffs_list(chair_client, admin_client, body):
    person = ActivistFactory(tos_body=body, full_name="Петров Петр Петрович")
    kept = ActivistFactory(tos_body=body, full_name="Сидоров Сидор Сидорович")
    consent = ConsentFactory(activist=person)
    ConsentFactory(activist=kept)
    response = chair_client.post(reverse("portal:consent_withdraw", args=[consent.pk]),
                                 {"day": "2022-04-01"})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn == datetime.date(2022, 4, 1)
    # Once only: a second withdrawal of the same consent is refused.
    again = chair_client.post(reverse("portal:consent_withdraw", args=[consent.pk]),
                              {"day": "2022-04-02"})
    assert "уже отозвано 01.04.2022" in again.content.decode()

    for url, query in ((reverse("admin:committees_activist_changelist"),
                        {"consent": "withdrawn"}),
                       (reverse("admin:committees_consent_changelist"), {"withdrawn": "yes"})):
        page = admin_client.get(url, query).content.decode()
        assert "Петров Петр Петрович" in page and "Сидоров" not in page


def test_a_withdrawal_before_the_consent_is_refused(chair_client, body):
    consent = ConsentFactory(activist=ActivistFactory(tos_body=body),
                             given=datetime.date(2022, 5, 1))
    response = chair_client.post(reverse("portal:consent_withdraw", args=[consent.pk]),
                                 {"day": "2022-04-01"})
    assert "не может быть отозвано раньше" in response.content.decode()


def test_the_migration_turns_each_consent_date_into_a_consent(body):
    with_date = ActivistFactory(tos_body=body, consent_date=datetime.date(2021, 2, 3),
                                consent_form="electronic")
    ActivistFactory(tos_body=body, consent_date=None, consent_form="")
    migration = importlib.import_module("committees.migrations.0007_consents_from_activists")
    migration.forwards(apps, None)
    migration.forwards(apps, None)  # twice: nothing doubles
    assert list(Consent.objects.values_list("activist", "purpose", "given", "form")) == [
        (with_date.pk, "participation", datetime.date(2021, 2, 3), "electronic")
    ]


def test_ending_an_activist_keeps_them_in_the_year_they_left(chair_client, body):
    person = ActivistFactory(tos_body=body, founded=FOUNDED)
    response = chair_client.post(reverse("portal:activist_end", args=[person.pk]),
                                 {"day": "2022-02-01"})
    assert response.status_code == 302
    assert activists_counted(2022) == 1 and activists_counted(2023) == 0
    assert TosBody.objects.get().closed is None
