"""A photo goes to the booklet by proposal and approval: a chair proposes it
with a caption in the portal, city staff approve it in the admin's queue,
and the booklet prints it in the section of its organiser with that
caption; a rejected photo never appears; a resident without a publication
consent is not named."""

import datetime
import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.services import create_user_for
from committees.models import Consent
from events.models import Event, EventPhoto
from reports import booklet
from reports.document import build
from tests.factories import ActivistFactory, CommitteeFactory, TosBodyFactory
from tests.portal.helpers import jpeg_bytes, make_chair

pytestmark = pytest.mark.django_db

YEAR = 2022
CAPTION = "Жители двора высадили сорок кустов сирени"
QUEUE = "admin:events_bookletproposal_changelist"


def section_html(html: str, key: str) -> str:
    """The booklet's section of `key`, up to the next section."""
    start = html.index(f'id="section-{key}"')
    end = html.find("<section", start)
    return html[start:end if end != -1 else None]


@pytest.fixture
def committee():
    return CommitteeFactory()


@pytest.fixture
def chair_client(client, committee):
    client.force_login(make_chair(committee=committee))
    return client


@pytest.fixture
def staff_client():
    """City staff with their role's group, as a login is made."""
    staff = Client()
    staff.force_login(create_user_for(username="staff", role="staff")[0])
    return staff


def propose(chair_client, caption, title="Праздник двора", day="2022-05-21", photo="a.jpg"):
    """The chair enters an event with a photo proposed for the booklet."""
    response = chair_client.post(reverse("portal:event_add"), {
        "date": day, "title": title, "kind": Event.Kind.CULTURAL, "participants": "40",
        "photos": SimpleUploadedFile(photo, jpeg_bytes(800, 600), "image/jpeg"),
        "propose_new": "on", "booklet_caption": caption,
    })
    assert response.status_code == 302, response.content.decode()
    return EventPhoto.objects.get(event__title=title)


def decide(staff_client, photo, action):
    response = staff_client.post(reverse(QUEUE), {
        "action": action, ACTION_CHECKBOX_NAME: [photo.pk], "index": 0,
    })
    assert response.status_code == 302
    photo.refresh_from_db()


def test_a_proposed_photo_approved_by_staff_is_in_its_section_with_the_caption(
    chair_client, staff_client
):
    photo = propose(chair_client, CAPTION)
    assert photo.booklet_state == EventPhoto.Booklet.PROPOSED
    assert CAPTION not in booklet.render_html(build(YEAR))  # not yet approved

    decide(staff_client, photo, "approve")

    assert photo.booklet_state == EventPhoto.Booklet.APPROVED
    assert photo.decided_at is not None
    tos = section_html(booklet.render_html(build(YEAR)), "tos")
    assert CAPTION in tos
    assert "Праздник двора" in tos
    assert photo.image.name.rsplit("/", 1)[-1] in tos


def test_staff_edit_the_caption_and_the_order_in_the_queue(chair_client, staff_client):
    photo = propose(chair_client, "фото — в буклет года")
    page = staff_client.get(reverse(QUEUE)).content.decode()
    assert 'name="form-0-booklet_caption"' in page
    response = staff_client.post(reverse(QUEUE), {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1",
        "form-0-id": str(photo.pk), "form-0-booklet_caption": CAPTION,
        "form-0-booklet_order": "3", "_save": "Сохранить",
    })
    assert response.status_code == 302
    decide(staff_client, photo, "approve")
    assert (photo.booklet_caption, photo.booklet_order) == (CAPTION, 3)
    html = booklet.render_html(build(YEAR))
    assert CAPTION in html
    assert "фото — в буклет года" not in html


def test_a_rejected_photo_never_appears(chair_client, staff_client):
    approved = propose(chair_client, CAPTION)
    rejected = propose(chair_client, "Отклоненная подпись", title="Субботник во дворе",
                       photo="b.jpg")
    decide(staff_client, approved, "approve")
    decide(staff_client, rejected, "reject")

    html = booklet.render_html(build(YEAR))
    assert rejected.booklet_state == EventPhoto.Booklet.REJECTED
    assert CAPTION in html
    assert "Отклоненная подпись" not in html
    assert rejected.image.name.rsplit("/", 1)[-1] not in html


def test_a_resident_without_a_publication_consent_is_not_named(
    committee, chair_client, staff_client
):
    body = TosBodyFactory(committee=committee)
    consented = ActivistFactory(tos_body=body, full_name="Петрова Мария Ивановна")
    Consent.objects.create(activist=consented, purpose=Consent.Purpose.PUBLICATION,
                           given=datetime.date(2022, 3, 1))
    ActivistFactory(tos_body=body, full_name="Иванова Анна Сергеевна")  # participation only
    photo = propose(chair_client, "Праздник открыли Иванова Анна Сергеевна "
                                  "и Петрова Мария Ивановна")
    decide(staff_client, photo, "approve")

    tos = section_html(booklet.render_html(build(YEAR)), "tos")
    assert "Иванова Анна Сергеевна" not in tos
    assert re.search(r"Праздник открыли житель\s+и Петрова Мария Ивановна", tos)


def test_a_withdrawn_publication_consent_unnames_the_resident(
    committee, chair_client, staff_client
):
    body = TosBodyFactory(committee=committee)
    activist = ActivistFactory(tos_body=body, full_name="Петрова Мария Ивановна")
    Consent.objects.create(activist=activist, purpose=Consent.Purpose.PUBLICATION,
                           given=datetime.date(2022, 3, 1),
                           withdrawn=datetime.date(2022, 11, 1))
    photo = propose(chair_client, "Двор украсила Петрова Мария Ивановна")
    decide(staff_client, photo, "approve")
    assert "Петрова Мария Ивановна" not in booklet.render_html(build(YEAR))
