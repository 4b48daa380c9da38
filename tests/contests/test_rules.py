"""Bad input is refused with a Russian message, and nothing is saved:
through the admin (the models' clean()) and beneath it (the database)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from contests.models import Application, InitiativeProject, Result
from tests.factories import (
    ApplicationFactory,
    EditionFactory,
    InitiativeProjectFactory,
    NominationFactory,
    TerritoryFactory,
    TosBodyFactory,
)

pytestmark = pytest.mark.django_db


def post_result(admin_client, application, edition, place):
    return admin_client.post(
        reverse("admin:contests_result_add"),
        {
            "application": application.pk,
            "edition": edition.pk,
            "place": place,
            "prize": "",
            "stage": application.stage,
        },
    )


def test_admin_refuses_result_for_application_of_another_edition(admin_client):
    application = ApplicationFactory()
    other = EditionFactory(contest=application.edition.contest, year=2021)
    response = post_result(admin_client, application, other, place=1)
    assert response.status_code == 200
    assert "Заявка относится к другому проведению конкурса." in response.content.decode()
    assert not Result.objects.exists()


def test_admin_refuses_place_zero(admin_client):
    application = ApplicationFactory()
    response = post_result(admin_client, application, application.edition, place=0)
    assert response.status_code == 200
    assert "Место должно быть не меньше 1." in response.content.decode()
    assert not Result.objects.exists()


def test_admin_refuses_result_at_a_stage_the_application_did_not_reach(admin_client):
    application = ApplicationFactory(stage=Application.Stage.DISTRICT)
    response = admin_client.post(
        reverse("admin:contests_result_add"),
        {"application": application.pk, "edition": application.edition.pk, "place": 1,
         "prize": "", "stage": Application.Stage.CITY},
    )
    assert "Заявка не дошла до этапа «Городской этап»" in response.content.decode()
    assert not Result.objects.exists()


def test_admin_refuses_nomination_of_another_edition(admin_client):
    edition = EditionFactory()
    foreign = NominationFactory(edition=EditionFactory(contest=edition.contest, year=2021))
    body = TosBodyFactory()
    response = admin_client.post(
        reverse("admin:contests_application_add"),
        {
            "edition": edition.pk,
            "nomination": foreign.pk,
            "applicant_kind": Application.ApplicantKind.TOS_BODY,
            "tos_body": body.pk,
            "participants": 5,
            "stage": Application.Stage.DISTRICT,
            "submitted": "01.06.2022",
        },
    )
    assert response.status_code == 200
    assert "Эта номинация относится к другому проведению конкурса." in response.content.decode()
    assert not Application.objects.exists()


def test_admin_refuses_project_built_before_it_was_submitted(admin_client):
    program = InitiativeProjectFactory().program
    territory = TerritoryFactory()
    response = admin_client.post(
        reverse("admin:contests_initiativeproject_add"),
        {
            "program": program.pk,
            "year_submitted": 2022,
            "year_built": 2021,
            "territory": territory.pk,
            "title": "Спортивная площадка МБОУ «СОШ №24»",
            "address": "ул. Институтская, 20",
            "kind": InitiativeProject.Kind.SPORT,
            "status": InitiativeProject.Status.BUILT,
            "voters": 100,
        },
    )
    assert response.status_code == 200
    assert "Проект не может быть реализован раньше, чем подан." in response.content.decode()
    assert InitiativeProject.objects.count() == 1


def test_database_refuses_result_of_another_edition():
    application = ApplicationFactory()
    other = EditionFactory(contest=application.edition.contest, year=2021)
    with pytest.raises(IntegrityError), transaction.atomic():
        Result.objects.bulk_create(
            [Result(application=application, edition=other, place=1, stage="district")]
        )
    assert not Result.objects.exists()


def test_database_refuses_nomination_of_another_edition():
    application = ApplicationFactory()
    foreign = NominationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(nomination=foreign)
    application.refresh_from_db()
    assert application.nomination.edition_id == application.edition_id


def test_database_refuses_moving_an_application_with_a_result():
    result = Result.objects.create(application=ApplicationFactory(nomination=None), place=2,
                                   stage="district")
    other = EditionFactory(contest=result.edition.contest, year=2021)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=result.application_id).update(edition=other)


def test_database_refuses_place_zero_and_early_build():
    application = ApplicationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Result.objects.create(application=application, place=0, stage="district")
    with pytest.raises(IntegrityError), transaction.atomic():
        InitiativeProjectFactory(year_submitted=2022, year_built=2021)
