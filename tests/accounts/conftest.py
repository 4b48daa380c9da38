"""Two small worlds side by side, and a user of every role.

Territory T holds committee A (a TOS body, an activist, an event, an
application with a result) and center X (a club, a reception, a prevention
record, rental stock, an event, an application with a result). Territory T2
holds committee B and center Y with the same. Reference data (campaign,
contest, edition, nomination ...) belongs to nobody. Every object is tagged
with the side it belongs to, so a test can pick "one of mine" and "one of
theirs" for any role without asking the access code.
"""

from dataclasses import dataclass, field

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group, User

from accounts.models import (
    AccessRecord,
    DestructionAct,
    ErasureQueue,
    ExportRecord,
    SubjectRequest,
)
from accounts.services import create_user_for
from committees.models import Activist
from contests.models import Application
from reports.models import ClosedYear, PublishedEdition
from tests import factories as f

# The sides a role may see (reference data is "ref").
VISIBLE_TAGS = {
    "staff": {"A", "X", "B", "Y", "T", "T2", "ref"},
    "chair": {"A", "T", "T2", "ref"},  # every territory is reference data
    "center": {"X", "T", "T2", "ref"},
    "viewer": {"A", "X", "T", "ref"},
}


@dataclass
class World:
    objects: dict = field(default_factory=dict)  # model label -> [(tag, obj)]
    users: dict = field(default_factory=dict)  # role -> user
    territory: object = None
    committee: object = None
    center: object = None

    def add(self, tag, *objs):
        for obj in objs:
            self.objects.setdefault(obj._meta.label_lower, []).append((tag, obj))

    def own(self, role, model):
        """An object of `model` the role may see, or None."""
        tags = VISIBLE_TAGS[role]
        return next((o for t, o in self.objects.get(model._meta.label_lower, [])
                     if t in tags), None)

    def foreign(self, role, model):
        """An object of `model` the role must not see, or None."""
        tags = VISIBLE_TAGS[role]
        return next((o for t, o in self.objects.get(model._meta.label_lower, [])
                     if t not in tags), None)

    def any(self, model):
        return self.objects[model._meta.label_lower][0][1]


def build_side(world, committee_tag, center_tag, territory_tag, edition, campaign):
    territory = f.TerritoryFactory()
    committee = f.CommitteeFactory(territory=territory)
    body = f.TosBodyFactory(committee=committee, name=f"Двор {committee_tag}")
    activist = f.ActivistFactory(tos_body=body)
    consent = activist.consents.create(given=activist.consent_date, form=activist.consent_form)
    center = f.CenterFactory(territory=territory)
    event = f.EventFactory(committee=committee, tos_body=body, campaign=campaign)
    center_event = f.CenterEventFactory(center=center, is_at_risk=True)
    application = f.ApplicationFactory(edition=edition, tos_body=body)
    center_application = f.ApplicationFactory(
        edition=edition, tos_body=None, center=center,
        applicant_kind=Application.ApplicantKind.CENTER,
    )
    world.add(territory_tag, territory, f.InitiativeProjectFactory(territory=territory))
    world.add(committee_tag, committee, body, activist, consent, event, application,
              f.ResultFactory(application=application))
    world.add(center_tag, center, f.ClubFactory(center=center),
              f.ReceptionFactory(center=center), f.PreventionRecordFactory(center=center),
              f.RentalItemFactory(center=center), center_event, center_application,
              f.ResultFactory(application=center_application))
    return territory, committee, center


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Five users per test: the production hasher would take seconds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    world = World()
    campaign = f.CampaignFactory()
    edition = f.EditionFactory()
    world.territory, world.committee, world.center = build_side(
        world, "A", "X", "T", edition, campaign
    )
    _, committee_b, _ = build_side(world, "B", "Y", "T2", edition, campaign)
    plan = f.YearPlanFactory()
    world.add("ref", campaign, edition, edition.contest, f.NominationFactory(edition=edition),
              f.OutcomeFactory(edition=edition), f.ProgramFactory(), f.NarrativeBlockFactory(),
              plan, f.YearTaskFactory(plan=plan))

    make = create_user_for
    world.users = {
        "staff": make(username="staff", role="staff", password=f.PASSWORD)[0],
        "chair": make(username="chair_a", role="chair", committee=world.committee,
                      password=f.PASSWORD)[0],
        "chair_b": make(username="chair_b", role="chair", committee=committee_b,
                        password=f.PASSWORD)[0],
        "center": make(username="center_x", role="center", center=world.center,
                       password=f.PASSWORD)[0],
        "viewer": make(username="viewer_t", role="viewer", territory=world.territory,
                       password=f.PASSWORD)[0],
    }
    world.add("ref", world.users["chair"], Group.objects.get(name="Наблюдатели"))
    world.add("ref", ExportRecord.objects.create(
        user=world.users["staff"], username="staff", model="committees.activist",
        model_name="активисты", row_count=0,
    ))
    world.add("ref", AccessRecord.objects.create(
        user=world.users["staff"], username="staff", action="card",
        model="committees.activist", model_name="активисты", detail="world",
    ))
    world.add("ref", SubjectRequest.objects.create(
        activist=world.own("chair", Activist), note="world",
    ))
    world.add("ref", ErasureQueue.objects.get(pk=world.own("chair", Activist).pk),
              DestructionAct.objects.create(username="staff", basis="world"))
    # A closed year and its edition (reports.editions): a year none of the
    # world's records is in, so that nothing else is locked.
    world.add("ref", ClosedYear.objects.create(year=1999, reason="отчет опубликован"),
              PublishedEdition.objects.create(year=1999, number=1,
                                              published_by=world.users["staff"]))
    where = {"ip_address": "192.0.2.1", "user_agent": "test", "username": "chair_a"}
    world.add("ref", AccessAttempt.objects.create(failures_since_start=1, **where),
              AccessLog.objects.create(**where),
              AccessFailureLog.objects.create(locked_out=False, **where))
    return world


@pytest.fixture
def client_for(client, world):
    """A test client logged in as the user of a role."""

    def login(role):
        client.force_login(world.users[role])
        return client

    return login


def usernames():
    return list(User.objects.values_list("username", flat=True))
