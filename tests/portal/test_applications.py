"""A chair submits a contest application from the portal."""

import pytest
from django.urls import reverse

from contests.models import Application, Contest
from tests.factories import EditionFactory, NominationFactory, TosBodyFactory

pytestmark = pytest.mark.django_db


def test_chair_submits_an_application_of_their_tos_body(chair_client, chair):
    body = TosBodyFactory(committee=chair.profile.committee)
    edition = EditionFactory(contest__audience=Contest.Audience.TOS, contest__level="city")
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
    edition = EditionFactory(contest__audience=Contest.Audience.TOS)
    response = chair_client.post(
        reverse("portal:application_add"),
        {"edition": edition.pk, "tos_body": stranger.pk, "participants": 3},
    )
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_center_staff_do_not_get_the_application_form(client, center_staff):
    client.force_login(center_staff)
    assert client.get(reverse("portal:application_add")).status_code == 403
