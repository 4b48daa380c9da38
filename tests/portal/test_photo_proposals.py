"""Photos proposed for the booklet in the portal, and who may decide on
them; the admin's event form's «Да, число верное»; the admin's bulk delete
refused in a submitted month."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.services import create_user_for
from events.models import Event, EventPhoto
from returns import services as returns
from tests.factories import CommitteeFactory, EventFactory, EventPhotoFactory

from .helpers import jpeg_bytes

pytestmark = pytest.mark.django_db

QUEUE = "admin:events_bookletproposal_changelist"
CAPTION = "Жители двора высадили сорок кустов сирени"


def login(role, **links):
    user = create_user_for(username=f"{role}_{len(links)}", role=role, **links)[0]
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def committee():
    return CommitteeFactory()


@pytest.fixture
def chair(committee):
    return login("chair", committee=committee)


def edit_post(event, **extra):
    return {"date": f"{event.date:%Y-%m-%d}", "title": event.title, "kind": event.kind,
            "participants": str(event.participants), "version": str(event.version), **extra}


def test_a_chair_proposes_the_photo_uploaded_with_the_event(chair):
    user, client = chair
    response = client.post(reverse("portal:event_add"), {
        "date": "2022-05-21", "title": "Праздник двора", "kind": Event.Kind.CULTURAL,
        "participants": "40", "propose_new": "on", "booklet_caption": CAPTION,
        "photos": SimpleUploadedFile("a.jpg", jpeg_bytes(800, 600), "image/jpeg"),
    })
    assert response.status_code == 302
    photo = EventPhoto.objects.get()
    assert photo.booklet_state == EventPhoto.Booklet.PROPOSED
    assert photo.booklet_caption == CAPTION
    assert photo.proposed_by == user and photo.proposed_at is not None


def test_a_proposal_needs_a_caption(chair):
    _, client = chair
    response = client.post(reverse("portal:event_add"), {
        "date": "2022-05-21", "title": "Праздник двора", "kind": Event.Kind.CULTURAL,
        "participants": "40", "propose_new": "on", "booklet_caption": " ",
        "photos": SimpleUploadedFile("a.jpg", jpeg_bytes(800, 600), "image/jpeg"),
    })
    assert response.status_code == 200
    assert "Напишите подпись для буклета" in response.content.decode()
    assert not Event.objects.exists()


def test_a_chair_proposes_each_attached_photo_on_its_own(chair, committee):
    _, client = chair
    event = EventFactory(committee=committee, date=datetime.date(2022, 5, 21))
    first, second = EventPhotoFactory(event=event), EventPhotoFactory(event=event)
    page = client.get(reverse("portal:event_edit", args=[event.pk])).content.decode()
    assert f'name="photo_{first.pk}_propose"' in page
    assert f'name="photo_{second.pk}_caption"' in page

    response = client.post(reverse("portal:event_edit", args=[event.pk]), edit_post(
        event, **{f"photo_{second.pk}_propose": "on", f"photo_{second.pk}_caption": CAPTION}))

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.booklet_state == EventPhoto.Booklet.NONE
    assert (second.booklet_state, second.booklet_caption) == (EventPhoto.Booklet.PROPOSED, CAPTION)


def test_a_decided_photo_is_not_changed_from_the_portal(chair, committee):
    _, client = chair
    event = EventFactory(committee=committee, date=datetime.date(2022, 5, 21))
    photo = EventPhotoFactory(event=event, booklet_state="rejected", booklet_caption="Нет",
                              decided_at=datetime.datetime(2022, 6, 1, tzinfo=datetime.UTC))
    client.post(reverse("portal:event_edit", args=[event.pk]), edit_post(
        event, **{f"photo_{photo.pk}_propose": "on", f"photo_{photo.pk}_caption": CAPTION}))
    photo.refresh_from_db()
    assert (photo.booklet_state, photo.booklet_caption) == ("rejected", "Нет")


def test_a_chair_cannot_propose_on_another_committees_event(chair, committee):
    """Tampered ids: another committee's event is not found, and another
    event's photo posted with one's own event is never read."""
    _, client = chair
    own = EventFactory(committee=committee, date=datetime.date(2022, 5, 21))
    foreign_event = EventFactory(date=datetime.date(2022, 5, 21))
    foreign = EventPhotoFactory(event=foreign_event)
    tampered = {f"photo_{foreign.pk}_propose": "on", f"photo_{foreign.pk}_caption": CAPTION}

    response = client.post(reverse("portal:event_edit", args=[foreign_event.pk]),
                           edit_post(foreign_event, **tampered))
    assert response.status_code == 404
    response = client.post(reverse("portal:event_edit", args=[own.pk]),
                           edit_post(own, **tampered))
    assert response.status_code == 302
    foreign.refresh_from_db()
    assert foreign.booklet_state == EventPhoto.Booklet.NONE


def test_a_chair_cannot_approve(chair, committee):
    _, client = chair
    event = EventFactory(committee=committee, date=datetime.date(2022, 5, 21))
    photo = EventPhotoFactory(event=event, booklet_state="proposed", booklet_caption=CAPTION)

    page = client.get(reverse(QUEUE))
    assert page.status_code == 200  # their own proposals, to read
    assert "Одобрить для буклета" not in page.content.decode()
    assert 'name="form-0-booklet_caption"' not in page.content.decode()
    client.post(reverse(QUEUE), {"action": "approve", ACTION_CHECKBOX_NAME: [photo.pk],
                                 "index": 0})
    client.post(reverse(QUEUE), {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": str(photo.pk),
        "form-0-booklet_caption": "Другая", "form-0-booklet_order": "1", "_save": "1",
    })
    photo.refresh_from_db()
    assert (photo.booklet_state, photo.booklet_caption) == ("proposed", CAPTION)


def test_the_queue_shows_a_chair_only_their_own_proposals(chair, committee):
    _, client = chair
    own = EventPhotoFactory(event=EventFactory(committee=committee), booklet_state="proposed",
                            booklet_caption="Свое фото")
    EventPhotoFactory(booklet_state="proposed", booklet_caption="Чужое фото")
    page = client.get(reverse(QUEUE)).content.decode()
    assert "Свое фото" in page and "Чужое фото" not in page
    response = client.get(reverse("admin:events_bookletproposal_change", args=[own.pk + 1]))
    assert response.status_code == 404


def test_the_queue_lists_proposals_in_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    _, client = login("staff")
    for n in range(12):
        EventPhotoFactory(booklet_state="proposed", booklet_caption=f"Подпись {n}")
    # session, user, the user's and the group's permissions, the profile
    # (scope), the territory filter's choices, count, rows (event,
    # organiser, proposer joined), the session's save (3)
    with django_assert_max_num_queries(11):
        response = client.get(reverse(QUEUE))
    assert response.status_code == 200
    assert response.content.decode().count('name="form-') >= 24


# The admin's event form ------------------------------------------------------


def admin_event_post(event, committee, **extra):
    return {
        "date": f"{event.date:%Y-%m-%d}", "title": event.title, "kind": event.kind,
        "participants": "5000", "committee": str(committee.pk), "opened_version": event.version,
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0", "_save": "1", **extra,
    }


def test_the_admin_event_form_saves_a_big_count_once_confirmed(settings, committee):
    settings.EVENT_PARTICIPANTS_CONFIRM = 1000
    _, client = login("staff")
    event = EventFactory(committee=committee, participants=40, date=datetime.date(2022, 5, 1))
    url = reverse("admin:events_event_change", args=[event.pk])

    refused = client.post(url, admin_event_post(event, committee))
    assert refused.status_code == 200
    assert "Да, число верное" in refused.content.decode()
    event.refresh_from_db()
    assert event.participants == 40

    saved = client.post(url, admin_event_post(event, committee, confirm_participants="on"))
    assert saved.status_code == 302
    event.refresh_from_db()
    assert event.participants == 5000


# The admin's bulk delete -----------------------------------------------------


def test_the_bulk_delete_refuses_rows_in_a_submitted_month(chair, committee):
    user, client = chair
    closed = EventFactory(committee=committee, date=datetime.date(2024, 5, 10),
                          title="Субботник в мае")
    open_ = EventFactory(committee=committee, date=datetime.date(2024, 6, 10),
                         title="Праздник в июне")
    returns.submit_return(user=user, organiser=committee, first=datetime.date(2024, 5, 1))
    changelist = reverse("admin:events_event_changelist")

    for extra in ({}, {"post": "yes"}):  # the first click, the confirmation
        response = client.post(changelist, {
            "action": "delete_selected", ACTION_CHECKBOX_NAME: [closed.pk, open_.pk],
            "index": 0, **extra,
        }, follow=True)
        page = response.content.decode()
        assert "Ничего не удалено" in page and "Субботник в мае" in page
    assert Event.objects.filter(pk__in=[closed.pk, open_.pk]).count() == 2

    client.post(changelist, {"action": "delete_selected", ACTION_CHECKBOX_NAME: [open_.pk],
                             "index": 0, "post": "yes"})
    assert not Event.objects.filter(pk=open_.pk).exists()
