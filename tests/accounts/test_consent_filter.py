"""The activists list filters by consent status, read off the Consent rows:
«есть (участие)», «нет согласия», «отозвано», «есть на публикацию»."""

import datetime

import pytest
from django.urls import reverse

from committees.models import Consent
from tests.factories import ActivistFactory, TosBodyFactory
from tests.portal.factories_chair import ConsentFactory

pytestmark = pytest.mark.django_db

URL = "admin:committees_activist_changelist"
GIVEN = datetime.date(2022, 1, 10)


def people(body):
    """One activist of each consent status, named for it."""
    made = {name: ActivistFactory(tos_body=body, full_name=name) for name in (
        "Агеева Согласная", "Борисов Безсогласия", "Волков Отозвавший",
        "Григорьева Публичная", "Данилов Вернувшийся",
    )}
    ConsentFactory(activist=made["Агеева Согласная"])
    ConsentFactory(activist=made["Волков Отозвавший"], withdrawn=datetime.date(2022, 3, 1))
    ConsentFactory(activist=made["Григорьева Публичная"])
    ConsentFactory(activist=made["Григорьева Публичная"], purpose=Consent.Purpose.PUBLICATION)
    # Withdrew once, gave a new consent since: a standing one.
    ConsentFactory(activist=made["Данилов Вернувшийся"], withdrawn=datetime.date(2022, 2, 1))
    ConsentFactory(activist=made["Данилов Вернувшийся"], given=datetime.date(2022, 4, 1))
    # Withdrawing the publication consent alone leaves participation standing.
    ConsentFactory(activist=made["Агеева Согласная"], purpose=Consent.Purpose.PUBLICATION,
                   withdrawn=datetime.date(2022, 5, 1))
    return made


def listed(client, status) -> set[str]:
    response = client.get(reverse(URL), {"consent": status})
    assert response.status_code == 200
    return {a.full_name for a in response.context["cl"].result_list}


@pytest.mark.parametrize(("status", "expected"), [
    ("participation", {"Агеева Согласная", "Григорьева Публичная", "Данилов Вернувшийся"}),
    ("none", {"Борисов Безсогласия"}),
    ("withdrawn", {"Волков Отозвавший"}),
    ("publication", {"Григорьева Публичная"}),
])
def test_each_consent_status_lists_its_people(admin_client, status, expected):
    people(TosBodyFactory())
    assert listed(admin_client, status) == expected


def test_the_filter_offers_the_four_statuses_in_russian(admin_client):
    page = admin_client.get(reverse(URL)).content.decode()
    for label in ("есть (участие)", "нет согласия", "отозвано", "есть на публикацию"):
        assert label in page


def test_the_activists_own_consent_date_alone_is_no_consent(admin_client):
    # An activist with a date but no Consent row (typed before consents
    # were rows) is not taken for consenting.
    ActivistFactory(full_name="Егоров Сдатой", consent_date=GIVEN)
    assert listed(admin_client, "none") == {"Егоров Сдатой"}


@pytest.mark.parametrize("status", ["participation", "none", "withdrawn", "publication"])
def test_filtered_list_queries_do_not_grow_with_rows(admin_client, status,
                                                     django_assert_max_num_queries):
    people(TosBodyFactory())
    admin_client.get(reverse(URL), {"consent": status})  # warm caches
    with django_assert_max_num_queries(9) as small:
        admin_client.get(reverse(URL), {"consent": status})
    for n in range(8):
        people(TosBodyFactory(address=f"ул. Новая, {n}"))
    # session, user, profile, two counts, territory and committee filter
    # choices, the page (with its EXISTS), session save: the same for 45 rows
    with django_assert_max_num_queries(len(small)):
        admin_client.get(reverse(URL), {"consent": status})
