"""Rows of every admin's model, for the admin tests: ten realistic ones
built with factories (SEEDERS), and cheap bulk copies of them (copies)."""

import copy
import datetime

from django.db import models

from accounts.models import Profile
from tests import factories as f

SMALL = 10


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


def _booklet_proposals():
    committee, center = f.CommitteeFactory(), f.CenterFactory()
    events = [f.EventFactory(committee=committee, tos_body=f.TosBodyFactory(committee=committee)),
              f.CenterEventFactory(center=center)]
    user = f.UserFactory()
    states = ["proposed", "approved", "rejected"]
    return [
        f.EventPhotoFactory(
            event=events[i % 2], booklet_state=states[i % 3], booklet_caption=f"Подпись {i}",
            booklet_order=i, proposed_by=user, proposed_at=datetime.datetime.now(datetime.UTC),
            decided_at=None if i % 3 == 0 else datetime.datetime.now(datetime.UTC),
        )
        for i in range(SMALL)
    ]


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


def _access_records():
    from accounts.models import AccessRecord

    user = f.UserFactory()
    return [
        AccessRecord.objects.create(
            user=user, username=user.username, action=["card", "search", "export"][i % 3],
            model="committees.activist", model_name="активисты", object_ids=[str(i)],
            address="192.0.2.1",
        )
        for i in range(SMALL)
    ]


def _subject_requests():
    from accounts.models import SubjectRequest

    return [
        SubjectRequest.objects.create(activist=f.ActivistFactory(),
                                      received=datetime.date(2022, 3, 1 + i))
        for i in range(SMALL)
    ]


def _destruction_acts():
    from accounts.models import DestructionAct

    return [DestructionAct.objects.create(username="staff", basis="ежедневная проверка",
                                          object_ids=[str(i)]) for i in range(SMALL)]


def _erasure_queue():
    from accounts.models import ErasureQueue

    # Without a consent on record: all of them are in the queue.
    people = f.ActivistFactory.create_batch(SMALL, consent_date=None, consent_form="")
    return list(ErasureQueue.objects.filter(pk__in=[p.pk for p in people]))


def _consents():
    from committees.models import Consent

    body = f.TosBodyFactory()
    return [
        Consent.objects.create(activist=f.ActivistFactory(tos_body=body, consent_date=None,
                                                          consent_form=""),
                               given=datetime.date(2022, 1, 10),
                               withdrawn=datetime.date(2022, 6, 1) if i % 3 == 0 else None)
        for i in range(SMALL)
    ]


def _closed_years():
    from reports.models import ClosedYear

    # Long past years: nothing a test enters is locked by them.
    return [ClosedYear.objects.create(year=1990 + i, reason="отчет опубликован")
            for i in range(SMALL)]


def _published_editions():
    from reports.models import PublishedEdition

    user = f.UserFactory()
    return [PublishedEdition.objects.create(year=1990 + i // 2, number=1 + i % 2,
                                            note="первая редакция", published_by=user)
            for i in range(SMALL)]


# Ten realistic rows of each model, with the related rows its list shows.
SEEDERS = {
    "reports.ClosedYear": _closed_years,
    "reports.PublishedEdition": _published_editions,
    "accounts.AccessRecord": _access_records,
    "accounts.DestructionAct": _destruction_acts,
    "accounts.ErasureQueue": _erasure_queue,
    "accounts.SubjectRequest": _subject_requests,
    "committees.Consent": _consents,
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
    "events.BookletProposal": _booklet_proposals,
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
    if isinstance(field, models.CharField) and not value:
        return True  # left empty: see below (also a blank choice, Contest.report_key)
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
