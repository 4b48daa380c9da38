"""A small year built by hand: the report tests count from these records."""

import datetime
from dataclasses import dataclass

import pytest

from centers.models import PreventionRecord
from contests.models import Application, Contest, InitiativeProject
from events.models import Event
from reports.models import NarrativeBlock
from tests.factories import (
    ActivistFactory,
    ApplicationFactory,
    CampaignFactory,
    CenterEventFactory,
    CenterFactory,
    ClubFactory,
    CommitteeFactory,
    ContestFactory,
    EditionFactory,
    EventFactory,
    EventPhotoFactory,
    InitiativeProjectFactory,
    NarrativeBlockFactory,
    NominationFactory,
    OutcomeFactory,
    PreventionRecordFactory,
    ProgramFactory,
    ReceptionFactory,
    ResultFactory,
    TerritoryFactory,
    TosBodyFactory,
    YearPlanFactory,
    YearTaskFactory,
)

YEAR = 2022
D = datetime.date


@dataclass
class SmallYear:
    territories: list
    committees: list
    centers: list
    events: list


@pytest.fixture
def small_year(db):
    north = TerritoryFactory(name="Северный район", name_genitive="Северного района")
    south = TerritoryFactory(name="Южный район", name_genitive="Южного района")
    c1 = CommitteeFactory(territory=north)
    c2 = CommitteeFactory(territory=south)
    c3 = CommitteeFactory(territory=north, closed=D(2021, 6, 1))  # closed before the year
    CommitteeFactory(territory=south, founded=D(2023, 2, 1))  # founded after it
    bodies = [
        TosBodyFactory(committee=c1),
        TosBodyFactory(committee=c1, name="Рудник"),
        TosBodyFactory(committee=c2, kind="street"),
        TosBodyFactory(committee=c3, closed=D(2021, 6, 1)),
    ]
    for body in bodies[:3]:
        ActivistFactory(tos_body=body)
    ActivistFactory(tos_body=bodies[0])
    ActivistFactory(tos_body=bodies[0], closed=D(2021, 12, 31))

    skis = CampaignFactory(name="Все на лыжи")
    windows = CampaignFactory(name="Окна Победы")
    CampaignFactory(name="Без мероприятий")
    x = CenterFactory(name="Импульс", territory=north)
    y = CenterFactory(name="Петровский", territory=south)
    CenterFactory(name="Закрытый", territory=south, closed=D(2021, 3, 1))
    events = [
        EventFactory(committee=c1, kind="cultural", participants=30, is_youth=True,
                     date=D(YEAR, 1, 15), campaign=skis),
        EventFactory(committee=c2, kind="cultural", participants=20, date=D(YEAR, 5, 9),
                     campaign=windows),
        EventFactory(committee=c1, tos_body=bodies[1], kind="action", participants=15,
                     date=D(YEAR, 4, 22)),
        EventFactory(committee=c2, kind="cleanup", participants=10, date=D(YEAR, 4, 23)),
        EventFactory(committee=c1, kind="sport", participants=7, date=D(YEAR, 8, 12)),
        EventFactory(committee=c1, kind="cultural", participants=99, date=D(YEAR - 1, 5, 1),
                     campaign=CampaignFactory(name="Прошлогодняя")),
        CenterEventFactory(center=x, kind="cultural", participants=40, is_at_risk=True,
                           date=D(YEAR, 6, 1)),
        CenterEventFactory(center=y, kind="sport", participants=25, date=D(YEAR, 6, 2),
                           is_highlight=True, description="Эстафета во дворе."),
        EventFactory(committee=None, by_city=True, kind=Event.Kind.GATHERING,
                     participants=500, date=D(YEAR, 12, 9), place="во дворце культуры Шахтеров",
                     title="Городской Слет общественности"),
    ]
    # Approved for the booklet (reports/photos.py prints approved photos).
    EventPhotoFactory(event=events[7], caption="Эстафета", booklet_state="approved",
                      decided_at=datetime.datetime(YEAR, 12, 20, tzinfo=datetime.UTC))

    ClubFactory(center=x, members=10)
    ClubFactory(center=y, members=12)
    ClubFactory(center=y, members=50, founded=D(2023, 1, 1))
    ReceptionFactory(center=x, visitors=2, date=D(YEAR, 2, 1))
    ReceptionFactory(center=x, visitors=3, date=D(YEAR, 3, 1))
    ReceptionFactory(center=y, visitors=4, date=D(YEAR, 11, 1))
    ReceptionFactory(center=y, visitors=9, date=D(YEAR - 1, 11, 1))
    Kind = PreventionRecord.Kind
    PreventionRecordFactory(center=x, kind=Kind.FAMILY_RAID, count=3, month=D(YEAR, 1, 1))
    PreventionRecordFactory(center=y, kind=Kind.FAMILY_RAID, count=5, month=D(YEAR, 1, 1))
    PreventionRecordFactory(center=x, kind=Kind.TEEN_RAID, count=2, month=D(YEAR, 2, 1))
    PreventionRecordFactory(center=x, kind=Kind.FAMILY_CALL, count=6, month=D(YEAR, 2, 1))
    PreventionRecordFactory(center=y, kind=Kind.RISK_CHILD_CALL, count=7, month=D(YEAR, 3, 1))
    PreventionRecordFactory(center=y, kind=Kind.INFORMATION, count=1, month=D(YEAR, 3, 1))
    PreventionRecordFactory(center=y, kind=Kind.INFORMATION, count=8, month=D(YEAR - 1, 3, 1))

    # «Любимому городу — красивый дом и двор»: 3 applications, 2 reach the city stage.
    yard = EditionFactory(
        contest=ContestFactory(name="Любимому городу - красивый дом и двор", held_since=1998,
                               report_key=Contest.ReportKey.BEAUTIFUL_YARD),
        year=YEAR,
    )
    yard_noms = [
        NominationFactory(edition=yard, name="Мой двор - моя гордость", category="I", order=1),
        NominationFactory(edition=yard, name="Цветущий балкон", order=2),
    ]
    Stage = Application.Stage
    ApplicationFactory(edition=yard, nomination=yard_noms[0], tos_body=bodies[0],
                       stage=Stage.DISTRICT, participants=4)
    ApplicationFactory(edition=yard, nomination=yard_noms[0], tos_body=bodies[1],
                       stage=Stage.CITY, participants=6)
    win = ApplicationFactory(edition=yard, nomination=yard_noms[1], tos_body=bodies[2],
                             stage=Stage.CITY, participants=5)
    ResultFactory(application=win, place=1, stage=Stage.CITY)

    # «Лучшая практика ТОС», all-Russian: two committees pass the regional stage.
    practice = EditionFactory(
        contest=ContestFactory(name="Лучшая практика ТОС", level=Contest.Level.FEDERAL,
                               held_since=2019, report_key=Contest.ReportKey.BEST_PRACTICE),
        year=YEAR, participation_year=4,
    )
    support = NominationFactory(edition=practice, name="Социальная поддержка населения")
    rudnik = ApplicationFactory(edition=practice, nomination=support, tos_body=bodies[1],
                                stage=Stage.FEDERAL, participants=12)
    ApplicationFactory(edition=practice, nomination=support, tos_body=bodies[2],
                       stage=Stage.REGIONAL, participants=8)
    ApplicationFactory(edition=practice, nomination=support, tos_body=bodies[0],
                       stage=Stage.REGIONAL, participants=3)
    ResultFactory(application=rudnik, place=3, stage=Stage.FEDERAL)

    # «Снежный калейдоскоп» with its outcomes.
    snow = EditionFactory(
        contest=ContestFactory(name="Снежный калейдоскоп", former_names="Сказочная феерия",
                               report_key=Contest.ReportKey.SNOW),
        year=YEAR,
    )
    ApplicationFactory(edition=snow, tos_body=bodies[0], participants=2)
    OutcomeFactory(edition=snow, label="построено снежных городков", value=3, order=1)

    # «Лучший центр по работе с населением»: two centers in two directions.
    best = EditionFactory(
        contest=ContestFactory(name="Лучший центр по работе с населением",
                               audience=Contest.Audience.CENTERS,
                               report_key=Contest.ReportKey.BEST_CENTER),
        year=YEAR,
    )
    direction = NominationFactory(edition=best, name="Методическая работа", period=1)
    NominationFactory(edition=best, name="Клубные формирования", period=2)
    for center in (x, y):
        app = ApplicationFactory(edition=best, nomination=direction,
                                 applicant_kind=Application.ApplicantKind.CENTER,
                                 tos_body=None, center=center, stage=Stage.CITY,
                                 participants=1)
        ResultFactory(application=app, place=1 if center == x else 2, stage=Stage.CITY)

    # A contest of the year before does not count.
    EditionFactory(contest=ContestFactory(name="Лучший комитет ТОС",
                                          report_key=Contest.ReportKey.BEST_COMMITTEE),
                   year=YEAR - 1)

    program = ProgramFactory()
    InitiativeProjectFactory(program=program, territory=north, year_submitted=2019,
                             year_built=2019, voters=1000)
    InitiativeProjectFactory(program=program, territory=north, year_submitted=2021,
                             year_built=YEAR, voters=2000, address="ул. Весенняя, 17")
    InitiativeProjectFactory(program=program, territory=south, year_submitted=2021,
                             year_built=YEAR, voters=500,
                             kind=InitiativeProject.Kind.PLAYGROUND)
    InitiativeProjectFactory(program=program, territory=south, year_submitted=YEAR,
                             year_built=None, status=InitiativeProject.Status.SUBMITTED,
                             voters=300)

    NarrativeBlockFactory(year=YEAR, key=NarrativeBlock.Key.INTRODUCTION,
                          text="Город Кемерово является крупным центром.\n\nВторой абзац.")
    plan = YearPlanFactory(year=YEAR + 1, goal="Активизировать участие населения.")
    YearTaskFactory(plan=plan, order=1, text="Развитие молодежного движения ТОС.")
    YearTaskFactory(plan=plan, order=2, text="Совершенствование деятельности МКУ «ЦРН».")
    return SmallYear(territories=[north, south], committees=[c1, c2], centers=[x, y],
                     events=events)
