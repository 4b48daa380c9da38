"""A resident who won is named in the report, its booklet and the results
page only with a standing publication consent (152-ФЗ, art. 10.1); else
the text says «житель». A team's name is nobody's personal data."""

import datetime
import re

import pytest
from django.urls import reverse

from committees.models import Consent
from contests.models import Application
from contests.models.applications import names_a_person
from reports import booklet
from reports.document import build
from tests.factories import (
    ActivistFactory,
    ApplicationFactory,
    CommitteeFactory,
    EditionFactory,
    ResultFactory,
    TerritoryFactory,
    TosBodyFactory,
)
from tests.portal.factories_chair import ConsentFactory

pytestmark = pytest.mark.django_db

YEAR = 2022
NAME = "Кузнецова Ольга Игоревна"


@pytest.fixture
def territory():
    return TerritoryFactory(name="Рудничный район")


@pytest.fixture
def person(territory):
    body = TosBodyFactory(committee=CommitteeFactory(territory=territory))
    return ActivistFactory(tos_body=body, full_name=NAME)


@pytest.fixture
def result(territory):
    edition = EditionFactory(year=YEAR, contest__name="Лучший палисадник")
    application = ApplicationFactory(
        edition=edition, applicant_kind=Application.ApplicantKind.PERSON, tos_body=None,
        applicant_name=NAME, territory=territory,
    )
    return ResultFactory(application=application, place=1)


def booklet_text() -> str:
    html = booklet.render_html(build(YEAR, with_charts=False))
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def results_page(client, result) -> str:
    response = client.get(reverse("contests:edition_results", args=[result.edition_id]))
    assert response.status_code == 200
    return response.content.decode()


def publish(person, **fields):
    ConsentFactory(activist=person, purpose=Consent.Purpose.PUBLICATION, **fields)


def test_without_a_publication_consent_the_winner_is_not_named(admin_client, person, result):
    ConsentFactory(activist=person)  # to take part only, not to be published
    text = booklet_text()
    assert NAME not in text
    assert "житель" in text
    page = results_page(admin_client, result)
    assert NAME not in page and "житель" in page


def test_with_a_publication_consent_the_winner_is_named(admin_client, person, result):
    publish(person)
    assert NAME in booklet_text()
    assert NAME in results_page(admin_client, result)


def test_a_withdrawn_publication_consent_names_no_one(admin_client, person, result):
    publish(person, withdrawn=datetime.date(2022, 6, 1))
    assert NAME not in booklet_text()
    assert NAME not in results_page(admin_client, result)


def test_a_namesake_in_another_territory_does_not_count(admin_client, person, result):
    other = ActivistFactory(full_name=NAME)  # another territory's committee
    publish(other)
    assert NAME not in results_page(admin_client, result)


def test_a_teams_name_stays(admin_client, result):
    Application.objects.filter(pk=result.application_id).update(applicant_name="Лига ТОС")
    assert "Лига ТОС" in booklet_text()
    assert "Лига ТОС" in results_page(admin_client, result)


def test_staff_still_see_the_name_in_the_admin(admin_client, result):
    page = admin_client.get(reverse("admin:contests_application_changelist")).content.decode()
    assert NAME in page


@pytest.mark.parametrize(("name", "person"), [
    (NAME, True), ("Петров П. И.", True), ("Петров П.И.", True), ("Римская-Корсакова Анна", True),
    ("Лига ТОС", False), ("Команда Ленинского района", False), ("Клуб Патриот", False),
    ("«Снежинка»", False),
])
def test_what_counts_as_a_persons_name(name, person):
    assert names_a_person(name) is person
