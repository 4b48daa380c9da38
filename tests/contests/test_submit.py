"""A chair submits an application for one of the committee's bodies."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Profile
from accounts.services import create_user_for
from contests.forms import ApplicationForm
from contests.models import Application, Contest
from contests.services import submit_application
from tests.factories import (
    CommitteeFactory,
    ContestFactory,
    EditionFactory,
    NominationFactory,
    TosBodyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _editions_open(monkeypatch):
    # The form offers only the editions open today (ContestEdition.open_on,
    # tested in tests/portal/test_applications.py); here every edition is.
    monkeypatch.setattr(
        "contests.models.ContestEdition.open_on", classmethod(lambda cls, day: cls.objects.all())
    )


@pytest.fixture
def chair(db):
    user, _ = create_user_for(username="chair", role=Profile.Role.CHAIR,
                              committee=CommitteeFactory())
    return user


def test_form_offers_only_the_chairs_own_bodies(chair):
    own = TosBodyFactory(committee=chair.profile.committee)
    TosBodyFactory()
    form = ApplicationForm(user=chair)
    assert list(form.fields["tos_body"].queryset) == [own]


def test_form_refuses_a_body_of_another_committee(chair):
    nomination = NominationFactory()
    foreign = TosBodyFactory()
    form = ApplicationForm(
        {"edition": nomination.edition.pk, "nomination": nomination.pk,
         "tos_body": foreign.pk, "participants": 3},
        user=chair,
    )
    assert not form.is_valid()
    assert "Выберите корректный вариант" in str(form.errors["tos_body"])


def test_form_refuses_a_nomination_of_another_contest(chair):
    body = TosBodyFactory(committee=chair.profile.committee)
    edition = EditionFactory()
    foreign = NominationFactory()
    form = ApplicationForm(
        {"edition": edition.pk, "nomination": foreign.pk, "tos_body": body.pk,
         "participants": 3},
        user=chair,
    )
    assert not form.is_valid()
    assert form.errors["nomination"] == ["Эта номинация относится к другому конкурсу."]


def test_submitted_application_starts_at_the_contests_first_stage(chair):
    body = TosBodyFactory(committee=chair.profile.committee)
    city = NominationFactory()
    federal = NominationFactory(edition=EditionFactory(
        contest=ContestFactory(level=Contest.Level.FEDERAL)))
    for nomination, stage in [(city, "district"), (federal, "regional")]:
        form = ApplicationForm(
            {"edition": nomination.edition.pk, "nomination": nomination.pk,
             "tos_body": body.pk, "participants": 7},
            user=chair,
        )
        assert form.is_valid(), form.errors
        application = submit_application(user=chair, **form.cleaned_data)
        assert (application.stage, application.committee, application.territory) == (
            stage, body.committee, body.committee.territory
        )
        assert application.address == body.address


def test_service_refuses_a_body_outside_the_chairs_committee(chair):
    nomination = NominationFactory()
    with pytest.raises(PermissionDenied, match="не относится к вашему окружному комитету"):
        submit_application(user=chair, edition=nomination.edition, nomination=nomination,
                           tos_body=TosBodyFactory())
    assert not Application.objects.exists()


def test_service_refuses_a_nomination_of_another_edition(chair):
    body = TosBodyFactory(committee=chair.profile.committee)
    with pytest.raises(ValidationError) as error:
        submit_application(user=chair, edition=EditionFactory(), nomination=NominationFactory(),
                           tos_body=body)
    assert error.value.message_dict["nomination"] == [
        "Эта номинация относится к другому проведению конкурса."
    ]
    assert not Application.objects.exists()


def test_viewer_may_not_submit(db):
    committee = CommitteeFactory()
    viewer, _ = create_user_for(username="viewer", role=Profile.Role.VIEWER,
                                territory=committee.territory)
    with pytest.raises(PermissionDenied):
        submit_application(user=viewer, edition=EditionFactory(),
                           tos_body=TosBodyFactory(committee=committee))
