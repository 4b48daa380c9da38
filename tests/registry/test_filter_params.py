"""The registry's list filters (core.admin_filters) take whatever a
URL holds without a server error, and a territory filter offers only the
territories of the user's own scope."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from accounts.models import Profile
from accounts.services import create_user_for
from committees.admin_filters import TerritoryFilter
from core.admin_filters import (
    ActiveInYearFilter,
    MonthFilter,
    YearFilter,
)
from tests.factories import (
    PASSWORD,
    CenterFactory,
    CommitteeFactory,
    EventFactory,
    TerritoryFactory,
)

from .rows import SEEDERS

pytestmark = pytest.mark.django_db

FILTERS = (TerritoryFilter, YearFilter, MonthFilter, ActiveInYearFilter)
BAD = ["abc", "", "1.5", "-1", "0", "99999", "9" * 30, "1e3", "١٢", "%00", "1;DROP"]


def _filters(model_admin):
    return [f for f in model_admin.list_filter
            if isinstance(f, type) and issubclass(f, FILTERS)]


CHANGELISTS = sorted(
    ((model, f.parameter_name)
     for model, model_admin in admin.site._registry.items()
     for f in _filters(model_admin)),
    key=lambda pair: (pair[0]._meta.label, pair[1]),
)


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def test_every_filtered_list_is_walked():
    walked = {(model._meta.label, name) for model, name in CHANGELISTS}
    for label in ("centers.Club", "centers.Reception", "centers.PreventionRecord",
                  "contests.Application", "events.Event"):
        assert (label, "territory") in walked
    assert ("events.Event", "year") in walked and ("events.Event", "month") in walked
    assert ("committees.TosBody", "active_in") in walked


@pytest.mark.parametrize(("model", "parameter"), CHANGELISTS,
                         ids=[f"{m._meta.label}-{p}" for m, p in CHANGELISTS])
def test_a_malformed_filter_value_is_never_a_server_error(admin_client, model, parameter):
    SEEDERS[model._meta.label]()
    for value in BAD:
        response = admin_client.get(changelist(model), {parameter: value})
        assert response.status_code in (200, 400), (parameter, value, response.status_code)


def test_a_foreign_territory_number_lists_nothing(admin_client):
    EventFactory(title="Праздник двора")
    other = TerritoryFactory()
    response = admin_client.get(changelist(EventFactory._meta.model),
                                {"territory": str(other.pk)})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def _territory_choices(client, model):
    response = client.get(changelist(model))
    assert response.status_code == 200
    (spec,) = [s for s in response.context["cl"].filter_specs
               if isinstance(s, TerritoryFilter)] or [None]
    return [] if spec is None else [label for _value, label in spec.lookup_choices]


def _login(**profile):
    user, _ = create_user_for(username=profile["role"], password=PASSWORD, **profile)
    client = Client()
    client.force_login(user)
    return client


def test_territory_filter_offers_only_the_users_territories(admin_client):
    north, south = TerritoryFactory(name="Северный"), TerritoryFactory(name="Южный")
    committee = CommitteeFactory(territory=north)
    center = CenterFactory(territory=south)
    Event = EventFactory._meta.model

    assert {"Северный", "Южный"} <= set(_territory_choices(admin_client, Event))
    chair = _login(role=Profile.Role.CHAIR, committee=committee)
    assert _territory_choices(chair, Event) == ["Северный"]
    center_user = _login(role=Profile.Role.CENTER, center=center)
    assert _territory_choices(center_user, Event) == ["Южный"]
    viewer = _login(role=Profile.Role.VIEWER, territory=south)
    assert _territory_choices(viewer, Event) == ["Южный"]
