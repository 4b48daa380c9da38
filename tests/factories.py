"""factory_boy factories for every model of the registry."""

import datetime

import factory
from django.contrib.auth.models import User
from factory.django import DjangoModelFactory

from accounts.models import Profile
from centers.models import Center, Club, PreventionRecord, Reception, RentalItem
from committees.models import Activist, DistrictCommittee, Territory, TosBody
from contests.models import (
    Application,
    Contest,
    ContestEdition,
    EditionOutcome,
    InitiativeProject,
    Nomination,
    Program,
    Result,
)
from events.models import Campaign, Event, EventPhoto
from reports.models import NarrativeBlock, YearPlan, YearTask

FOUNDED = datetime.date(2015, 1, 1)
PASSWORD = "Kemerovo-test-2022"


class TerritoryFactory(DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Район {n}")
    order = factory.Sequence(int)


class CommitteeFactory(DjangoModelFactory):
    class Meta:
        model = DistrictCommittee

    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Окружной комитет ТОС № {n + 1}")
    territory = factory.SubFactory(TerritoryFactory)
    chair_name = factory.Faker("name", locale="ru_RU")
    founded = FOUNDED


class TosBodyFactory(DjangoModelFactory):
    class Meta:
        model = TosBody

    committee = factory.SubFactory(CommitteeFactory)
    kind = TosBody.Kind.HOUSE
    address = factory.Sequence(lambda n: f"ул. Весенняя, {n + 1}")
    founded = FOUNDED


class ActivistFactory(DjangoModelFactory):
    class Meta:
        model = Activist

    tos_body = factory.SubFactory(TosBodyFactory)
    full_name = factory.Faker("name", locale="ru_RU")
    role = Activist.Role.MEMBER
    phone = factory.Sequence(lambda n: f"+7 (384) 2{n:06d}")
    email = factory.Sequence(lambda n: f"activist{n}@example.ru")
    consent_date = datetime.date(2022, 1, 10)
    consent_form = Activist.ConsentForm.WRITTEN
    founded = FOUNDED


class CenterFactory(DjangoModelFactory):
    class Meta:
        model = Center

    name = factory.Sequence(lambda n: f"Центр {n}")
    territory = factory.SubFactory(TerritoryFactory)
    founded = FOUNDED


class ClubFactory(DjangoModelFactory):
    class Meta:
        model = Club

    center = factory.SubFactory(CenterFactory)
    name = factory.Sequence(lambda n: f"Кружок {n}")
    members = 15
    founded = FOUNDED


class ReceptionFactory(DjangoModelFactory):
    class Meta:
        model = Reception

    center = factory.SubFactory(CenterFactory)
    date = datetime.date(2022, 3, 15)
    visitors = 4


class PreventionRecordFactory(DjangoModelFactory):
    class Meta:
        model = PreventionRecord

    center = factory.SubFactory(CenterFactory)
    month = datetime.date(2022, 3, 1)
    kind = PreventionRecord.Kind.FAMILY_RAID
    count = 3


class RentalItemFactory(DjangoModelFactory):
    class Meta:
        model = RentalItem

    center = factory.SubFactory(CenterFactory)
    item = factory.Sequence(lambda n: f"Мяч футбольный {n}")
    quantity = 2


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Акция {n}")


class EventFactory(DjangoModelFactory):
    """A committee's event unless told otherwise (center=..., committee=None)."""

    class Meta:
        model = Event

    date = datetime.date(2022, 5, 20)
    title = factory.Sequence(lambda n: f"Праздник двора № {n}")
    kind = Event.Kind.CULTURAL
    committee = factory.SubFactory(CommitteeFactory)
    participants = 30


class CenterEventFactory(EventFactory):
    committee = None
    center = factory.SubFactory(CenterFactory)


class EventPhotoFactory(DjangoModelFactory):
    class Meta:
        model = EventPhoto

    event = factory.SubFactory(EventFactory)
    image = factory.django.ImageField(width=640, height=480, color="#3a7bd5")
    caption = "Фото"


class ContestFactory(DjangoModelFactory):
    class Meta:
        model = Contest

    name = factory.Sequence(lambda n: f"Конкурс {n}")
    held_since = 2000


class EditionFactory(DjangoModelFactory):
    class Meta:
        model = ContestEdition

    contest = factory.SubFactory(ContestFactory)
    year = 2022


class OutcomeFactory(DjangoModelFactory):
    class Meta:
        model = EditionOutcome

    edition = factory.SubFactory(EditionFactory)
    label = factory.Sequence(lambda n: f"Показатель {n}")
    value = 10


class NominationFactory(DjangoModelFactory):
    class Meta:
        model = Nomination

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Номинация {n}")


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application

    edition = factory.SubFactory(EditionFactory)
    nomination = factory.LazyAttribute(lambda o: NominationFactory(edition=o.edition))
    applicant_kind = Application.ApplicantKind.TOS_BODY
    tos_body = factory.SubFactory(TosBodyFactory)
    participants = 5
    stage = Application.Stage.DISTRICT
    submitted = datetime.date(2022, 6, 1)


class ResultFactory(DjangoModelFactory):
    class Meta:
        model = Result

    application = factory.SubFactory(ApplicationFactory)
    edition = factory.LazyAttribute(lambda o: o.application.edition)
    place = 1
    stage = factory.LazyAttribute(lambda o: o.application.stage)


class ProgramFactory(DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ["name"]

    name = "Твой Кузбасс — твоя инициатива"
    level = Program.Level.REGIONAL
    start_year = 2019


class InitiativeProjectFactory(DjangoModelFactory):
    class Meta:
        model = InitiativeProject

    program = factory.SubFactory(ProgramFactory)
    year_submitted = 2022
    year_built = 2022
    territory = factory.SubFactory(TerritoryFactory)
    title = factory.Sequence(lambda n: f"Спортивная площадка МБОУ «СОШ №{n + 1}»")
    address = factory.Sequence(lambda n: f"ул. Институтская, {n + 1}")
    kind = InitiativeProject.Kind.SPORT
    status = InitiativeProject.Status.BUILT
    voters = 1000


class NarrativeBlockFactory(DjangoModelFactory):
    class Meta:
        model = NarrativeBlock

    year = 2022
    key = NarrativeBlock.Key.INTRODUCTION
    text = "Город Кемерово является крупным промышленным центром."


class YearPlanFactory(DjangoModelFactory):
    class Meta:
        model = YearPlan

    year = 2023
    goal = "Активизировать участие населения в общественной жизни города."


class YearTaskFactory(DjangoModelFactory):
    class Meta:
        model = YearTask

    plan = factory.SubFactory(YearPlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Задача {n + 1}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)
    is_staff = True


class ProfileFactory(DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    role = Profile.Role.STAFF


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = "auth.Group"

    name = factory.Sequence(lambda n: f"Группа {n + 1}")


class AccessAttemptFactory(DjangoModelFactory):
    """A failed login as django-axes records it."""

    class Meta:
        model = "axes.AccessAttempt"

    username = factory.Sequence(lambda n: f"user{n}")
    ip_address = "127.0.0.1"
    user_agent = "Mozilla/5.0"
    http_accept = "text/html"
    path_info = "/admin/login/"
    get_data = ""
    post_data = "username=user"
    failures_since_start = 1


class AccessLogFactory(DjangoModelFactory):
    class Meta:
        model = "axes.AccessLog"

    username = factory.Sequence(lambda n: f"user{n}")
    ip_address = "127.0.0.1"
    user_agent = "Mozilla/5.0"
    http_accept = "text/html"
    path_info = "/admin/login/"


class AccessFailureLogFactory(AccessLogFactory):
    class Meta:
        model = "axes.AccessFailureLog"

    locked_out = False


class ExportRecordFactory(DjangoModelFactory):
    class Meta:
        model = "accounts.ExportRecord"

    user = factory.SubFactory(UserFactory)
    username = factory.LazyAttribute(lambda o: o.user.username)
    model = "committees.activist"
    model_name = "активисты"
    row_count = 25
    file_format = "xlsx"
