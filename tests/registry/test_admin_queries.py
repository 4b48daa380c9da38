"""Every admin list costs the same number of queries for 10 rows and 1000.

Each registered admin builds 10 varied rows of its model with factories,
measures its changelist, grows the table to 1000 rows with cheap copies
(bulk_create) and measures again. A list that fetches a related row per
line, or counts per line, shows more queries on the bigger page.
"""

import copy
import datetime

import pytest
from django.contrib import admin
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Profile
from tests import factories as f

pytestmark = pytest.mark.django_db

SMALL, LARGE = 10, 1000

# Queries of one changelist page, by model, for a superuser. Every page
# costs 7: the session, the user, the row count, the rows, and the session
# save (SESSION_SAVE_EVERY_REQUEST: savepoint, update, release). On top:
# +1 for each list filter whose choices come from the database (territory,
# committee, center, campaign; a choices field or a year costs nothing),
# +1 or +2 for a date hierarchy (the date range, the dates present),
# +1 for the unfiltered total of admins that keep show_full_result_count
# (Django's and axes' own; RegistryAdmin turns it off). Counts of related
# rows (bodies of a committee, clubs of a center) are annotated into the row
# query, never asked per row. Pinned at the measured value (SQLite and
# PostgreSQL alike): raise a budget only with a reason.
BUDGETS = {
    "accounts.ExportRecord": 12,  # + full count, model and via filters, date hierarchy (2)
    "auth.Group": 8,  # + full count
    "auth.User": 8,  # + full count; profile and its links joined
    "axes.AccessAttempt": 11,  # + full count, date hierarchy (2), path filter
    "axes.AccessFailureLog": 11,  # as above
    "axes.AccessLog": 11,  # as above
    "centers.Center": 8,  # + territory filter; clubs annotated
    "centers.Club": 9,  # + territory, center filters
    "centers.PreventionRecord": 9,  # + territory, center filters
    "centers.Reception": 11,  # + territory, center filters, date hierarchy (2)
    "centers.RentalItem": 9,  # + territory, center filters
    "committees.Activist": 9,  # + territory, committee filters
    "committees.DistrictCommittee": 8,  # + territory filter; bodies annotated
    "committees.Territory": 7,
    "committees.TosBody": 9,  # + territory, committee filters; activists annotated
    "contests.Application": 10,  # + contest, territory, year filters
    "contests.Contest": 7,
    "contests.ContestEdition": 8,  # + year filter
    "contests.InitiativeProject": 11,  # + territory and three year filters
    "contests.Nomination": 8,  # + year filter
    "contests.Program": 7,
    "contests.Result": 9,  # + year filter, stage
    "events.Campaign": 7,  # events annotated
    "events.Event": 13,  # + territory, committee, center, campaign, date hierarchy (2)
    "reports.NarrativeBlock": 8,  # + year filter
    "reports.YearPlan": 7,
}


def _users():
    committee, center = f.CommitteeFactory(), f.CenterFactory()
    roles = [
        {"role": Profile.Role.STAFF},
        {"role": Profile.Role.CHAIR, "committee": committee},
        {"role": Profile.Role.CENTER, "center": center},
        {"role": Profile.Role.VIEWER, "territory": committee.territory},
    ]
    users = [f.ProfileFactory(**roles[i % 4]).user for i in range(8)]
    return users + f.UserFactory.create_batch(2)


def _tos_bodies():
    committee = f.CommitteeFactory()
    bodies = [
        f.TosBodyFactory(
            committee=committee,
            kind=[f.TosBody.Kind.HOUSE, f.TosBody.Kind.STREET][i % 2],
            name=f"Рудник {i}" if i % 3 == 0 else "",
        )
        for i in range(SMALL)
    ]
    f.ActivistFactory.create_batch(2, tos_body=bodies[0])
    return bodies


def _committees():
    committees = f.CommitteeFactory.create_batch(SMALL)
    for committee in committees[:3]:
        f.TosBodyFactory.create_batch(2, committee=committee)
    return committees


def _centers():
    centers = f.CenterFactory.create_batch(SMALL)
    for center in centers[:3]:
        f.ClubFactory.create_batch(2, center=center)
        f.RentalItemFactory(center=center)
    return centers


def _events():
    committee, center = f.CommitteeFactory(), f.CenterFactory()
    body = f.TosBodyFactory(committee=committee)
    campaign = f.CampaignFactory()
    events = []
    for i in range(SMALL):
        if i % 3 == 0:
            events.append(f.EventFactory(committee=committee, tos_body=body, campaign=campaign))
        elif i % 3 == 1:
            events.append(f.CenterEventFactory(center=center, is_at_risk=True))
        else:
            events.append(f.EventFactory(committee=None, by_city=True))
    f.EventPhotoFactory(event=events[0])
    return events


def _campaigns():
    campaigns = f.CampaignFactory.create_batch(SMALL)
    f.EventFactory.create_batch(2, campaign=campaigns[0])
    return campaigns


def _prevention_records():
    center = f.CenterFactory()
    kinds = list(f.PreventionRecord.Kind)
    return [
        f.PreventionRecordFactory(
            center=center, kind=kinds[i % len(kinds)], month=datetime.date(2022, 1 + i // 5, 1)
        )
        for i in range(SMALL)
    ]


def _applications():
    edition = f.EditionFactory()
    nomination = f.NominationFactory(edition=edition)
    kinds = [
        {"applicant_kind": "tos_body"},
        {"applicant_kind": "committee", "tos_body": None,
         "committee": f.CommitteeFactory()},
        {"applicant_kind": "center", "tos_body": None, "center": f.CenterFactory()},
        {"applicant_kind": "person", "tos_body": None, "applicant_name": "Иванова Анна",
         "territory": f.TerritoryFactory()},
    ]
    return [
        f.ApplicationFactory(edition=edition, nomination=nomination, **kinds[i % 4])
        for i in range(SMALL)
    ]


def _results():
    edition = f.EditionFactory()
    nomination = f.NominationFactory(edition=edition)
    return [
        f.ResultFactory(
            application=f.ApplicationFactory(edition=edition, nomination=nomination), place=i + 1
        )
        for i in range(SMALL)
    ]


def _narrative_blocks():
    keys = list(f.NarrativeBlock.Key)
    return [
        f.NarrativeBlockFactory(year=2021 + i // len(keys), key=keys[i % len(keys)])
        for i in range(SMALL)
    ]


# Ten realistic rows of each model, with the related rows its list shows.
SEEDERS = {
    "accounts.ExportRecord": lambda: f.ExportRecordFactory.create_batch(SMALL),
    "auth.Group": lambda: f.GroupFactory.create_batch(SMALL),
    "auth.User": _users,
    "axes.AccessAttempt": lambda: f.AccessAttemptFactory.create_batch(SMALL),
    "axes.AccessFailureLog": lambda: f.AccessFailureLogFactory.create_batch(SMALL),
    "axes.AccessLog": lambda: f.AccessLogFactory.create_batch(SMALL),
    "centers.Center": _centers,
    "centers.Club": lambda: f.ClubFactory.create_batch(SMALL),
    "centers.PreventionRecord": _prevention_records,
    "centers.Reception": lambda: f.ReceptionFactory.create_batch(SMALL),
    "centers.RentalItem": lambda: f.RentalItemFactory.create_batch(SMALL),
    "committees.Activist": lambda: f.ActivistFactory.create_batch(SMALL),
    "committees.DistrictCommittee": _committees,
    "committees.Territory": lambda: f.TerritoryFactory.create_batch(SMALL),
    "committees.TosBody": _tos_bodies,
    "contests.Application": _applications,
    "contests.Contest": lambda: f.ContestFactory.create_batch(SMALL),
    "contests.ContestEdition": lambda: f.EditionFactory.create_batch(SMALL),
    "contests.InitiativeProject": lambda: f.InitiativeProjectFactory.create_batch(SMALL),
    "contests.Nomination": lambda: f.NominationFactory.create_batch(SMALL),
    "contests.Program": lambda: [f.ProgramFactory(name=f"Программа {i}") for i in range(SMALL)],
    "contests.Result": _results,
    "events.Campaign": _campaigns,
    "events.Event": _events,
    "reports.NarrativeBlock": _narrative_blocks,
    "reports.YearPlan": lambda: [f.YearPlanFactory(year=2013 + i) for i in range(SMALL)],
}


def _unique_field_sets(model):
    opts = model._meta
    sets = [[field] for field in opts.concrete_fields if field.unique and not field.primary_key]
    sets += [[opts.get_field(name) for name in names] for names in opts.unique_together]
    sets += [
        [opts.get_field(name) for name in constraint.fields]
        for constraint in opts.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields
    ]
    return sets


def _vary(clone, field, serial, templates):
    """Make a copy unique in `field`; False if the field cannot be varied."""
    value = getattr(clone, field.attname)
    if field.is_relation or field.choices:
        return False
    if isinstance(field, models.CharField):
        # An empty value is left alone: the constraints that hold it skip
        # empty values (a TOS body without its own name).
        if value:
            setattr(clone, field.attname, f"{value} {serial}"[: field.max_length])
        return True
    if isinstance(field, models.IntegerField):
        top = max(getattr(t, field.attname) or 0 for t in templates)
        setattr(clone, field.attname, top + serial)
        return True
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        setattr(clone, field.attname, value.replace(year=value.year - serial))
        return True
    return False


def copies(model, templates, count):
    """`count` unsaved copies of the templates, unique where the model says."""
    clones = []
    for serial in range(1, count + 1):
        clone = copy.copy(templates[serial % len(templates)])
        clone.pk = None
        clone._state.adding = True
        clones.append(clone)
    for field in model._meta.concrete_fields:
        if isinstance(field, models.OneToOneField) and not field.primary_key:
            parents = [getattr(t, field.name) for t in templates]
            new_parents = field.related_model.objects.bulk_create(
                copies(field.related_model, parents, count)
            )
            for clone, parent in zip(clones, new_parents, strict=True):
                setattr(clone, field.name, parent)
    for fields in _unique_field_sets(model):
        if any(isinstance(field, models.OneToOneField) for field in fields):
            continue
        for serial, clone in enumerate(clones, 1):
            if not any(_vary(clone, field, serial, templates) for field in fields):
                raise AssertionError(f"Cannot copy {model._meta.label}: vary one of {fields}")
    return clones


def changelist_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize(
    "model", sorted(admin.site._registry, key=lambda m: m._meta.label), ids=lambda m: m._meta.label
)
def test_changelist_queries_do_not_grow_with_rows(admin_client, model):
    label = model._meta.label
    assert label in BUDGETS, f"Pin a query budget for the new admin of {label} in BUDGETS."
    assert label in SEEDERS, f"Say in SEEDERS how to build rows of {label}."
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    templates = SEEDERS[label]()
    admin_client.get(url)  # caches (content types) are warm for both counts
    small = changelist_queries(admin_client, url)
    have = model._default_manager.count()
    model._default_manager.bulk_create(copies(model, templates, LARGE - have))
    assert model._default_manager.count() == LARGE
    large = changelist_queries(admin_client, url)

    assert len(large) == len(small), "\n".join(large)
    assert len(large) <= BUDGETS[label], "\n".join(large)


def test_every_budget_belongs_to_a_registered_admin():
    registered = {model._meta.label for model in admin.site._registry}
    assert set(BUDGETS) <= registered
