"""A chair submits a contest application from the portal."""

import datetime

import pytest
from django.urls import reverse

from contests.models import Application, Contest
from tests.factories import (
    ApplicationFactory,
    EditionFactory,
    NominationFactory,
    ResultFactory,
    TosBodyFactory,
)

from .factories_chair import open_edition

pytestmark = pytest.mark.django_db


def test_chair_submits_an_application_of_their_tos_body(chair_client, chair):
    body = TosBodyFactory(committee=chair.profile.committee)
    edition = open_edition(contest__level="city")
    nomination = NominationFactory(edition=edition)
    response = chair_client.post(
        reverse("portal:application_add"),
        {"edition": edition.pk, "nomination": nomination.pk, "tos_body": body.pk,
         "participants": 7},
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.committee == chair.profile.committee
    assert application.stage == Application.Stage.DISTRICT
    assert application.participants == 7


def test_chair_cannot_apply_for_another_committees_body(chair_client):
    stranger = TosBodyFactory()
    edition = open_edition()
    response = chair_client.post(
        reverse("portal:application_add"),
        {"edition": edition.pk, "tos_body": stranger.pk, "participants": 3},
    )
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_center_staff_do_not_get_the_application_form(client, center_staff):
    client.force_login(center_staff)
    assert client.get(reverse("portal:application_add")).status_code == 403


def test_the_form_offers_only_editions_open_today(chair_client):
    today = datetime.date.today()
    open_now = open_edition(contest__name="Красивый двор")
    EditionFactory(  # closed last month
        contest__name="Снежный калейдоскоп", contest__audience=Contest.Audience.TOS,
        applications_open=today - datetime.timedelta(days=90),
        applications_close=today - datetime.timedelta(days=30),
    )
    EditionFactory(contest__name="Без дат", contest__audience=Contest.Audience.TOS)
    form = chair_client.get(reverse("portal:application_add")).context["form"]
    assert list(form.fields["edition"].queryset) == [open_now]


def test_a_closed_edition_cannot_be_submitted(chair_client, chair):
    body = TosBodyFactory(committee=chair.profile.committee)
    closed = EditionFactory(
        contest__audience=Contest.Audience.TOS,
        applications_open=datetime.date(2022, 3, 1),
        applications_close=datetime.date(2022, 9, 30),
    )
    open_edition()  # the form is shown: another contest is open
    response = chair_client.post(
        reverse("portal:application_add"),
        {"edition": closed.pk, "tos_body": body.pk, "participants": 3},
    )
    assert "Этот конкурс сейчас не принимает заявки." in response.content.decode()
    assert not Application.objects.exists()


def test_each_nomination_option_names_its_edition_and_a_mismatch_is_refused(
    chair_client, chair
):
    body = TosBodyFactory(committee=chair.profile.committee)
    yard, snow = open_edition(), open_edition()
    yard_nomination = NominationFactory(edition=yard, name="Лучший двор")
    NominationFactory(edition=snow, name="Снежная фигура")
    page = chair_client.get(reverse("portal:application_add")).content.decode()
    assert f'data-edition="{yard.pk}"' in page and f'data-edition="{snow.pk}"' in page
    assert "portal/chair-application.js" in page

    response = chair_client.post(
        reverse("portal:application_add"),
        {"edition": snow.pk, "nomination": yard_nomination.pk, "tos_body": body.pk,
         "participants": 3},
    )
    assert "Эта номинация относится к другому конкурсу." in response.content.decode()
    # The bound form offers the posted edition's nominations only.
    offered = list(response.context["form"].fields["nomination"].queryset)
    assert [n.name for n in offered] == ["Снежная фигура"]
    assert not Application.objects.exists()


def test_no_open_edition_says_so(chair_client):
    page = chair_client.get(reverse("portal:application_add")).content.decode()
    assert "Сейчас ни один конкурс не принимает заявки." in page


def test_my_applications_show_stage_and_result(chair_client, chair):
    body = TosBodyFactory(committee=chair.profile.committee, address="ул. Весенняя, 5")
    won = ApplicationFactory(tos_body=body, stage=Application.Stage.CITY,
                             edition__contest__name="Красивый двор")
    ResultFactory(application=won, place=2, stage=Application.Stage.CITY)
    ApplicationFactory(tos_body=body, edition__contest__name="Снежный калейдоскоп")
    ApplicationFactory(edition__contest__name="Чужой конкурс")  # another committee

    page = chair_client.get(reverse("portal:my_applications")).content.decode()

    assert "«Красивый двор»" in page and "«Снежный калейдоскоп»" in page
    assert "Чужой конкурс" not in page
    assert "2 место (городской этап)" in page
    assert "Этап: районный этап" in page
    assert "Итог: пока нет" in page
