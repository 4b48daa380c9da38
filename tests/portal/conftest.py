import pytest

from .helpers import make_center_staff, make_chair, make_city_staff


@pytest.fixture
def chair(db):
    return make_chair()


@pytest.fixture
def center_staff(db):
    return make_center_staff()


@pytest.fixture
def city_staff(db):
    return make_city_staff()


@pytest.fixture
def chair_client(client, chair):
    client.force_login(chair)
    return client
