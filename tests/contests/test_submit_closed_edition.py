"""The service refuses an edition closed for applications, as the form does:
a page left open past the deadline or a forged POST submits nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from contests.models import Application
from contests.services import submit_application
from tests.factories import EditionFactory, TosBodyFactory
from tests.portal.factories_chair import open_edition
from tests.portal.helpers import make_chair

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair(db):
    return make_chair()


def closed_edition():
    today = timezone.localdate()
    return EditionFactory(
        contest__audience="tos", year=today.year - 1,
        applications_open=today - datetime.timedelta(days=60),
        applications_close=today - datetime.timedelta(days=1),
    )


@pytest.mark.parametrize("make", [closed_edition, EditionFactory],
                         ids=["past-deadline", "no-dates"])
def test_an_edition_closed_for_applications_is_refused(chair, make):
    edition = make()
    body = TosBodyFactory(committee=chair.profile.committee)
    with pytest.raises(ValidationError) as error:
        submit_application(user=chair, edition=edition, tos_body=body)
    assert error.value.message_dict["edition"] == [
        f"Конкурс {edition.contest} ({edition.year}) сейчас не принимает заявки."
    ]
    assert not Application.objects.exists()


def test_an_open_edition_takes_the_application(chair):
    body = TosBodyFactory(committee=chair.profile.committee)
    application = submit_application(user=chair, edition=open_edition(), tos_body=body)
    assert application.submitted == timezone.localdate()
