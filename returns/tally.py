"""MonthTally kept current: on every save and delete of an event, a
reception or a prevention record (signals, connected in ReturnsConfig.ready)
and after every import (core.imports.engine.rows_saved), the tally of the
organisers touched is counted again from their records.

Counting again, rather than adding and subtracting, keeps the tally right
whatever changed (a date moved to another month, an event moved to another
committee): three grouped queries over one organiser's rows, read through
their (organiser, date) indexes.
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import Coalesce, TruncMonth

from centers.models import PreventionRecord, Reception
from events.models import Event

from .models import MonthTally

COUNTED = (Event, Reception, PreventionRecord)


def _grouped(queryset, day: str, organisers: tuple[str, ...], **sums):
    return (
        queryset.annotate(month_start=TruncMonth(day))
        .values("month_start", *organisers)
        .annotate(**sums)
        .order_by()
    )


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


@transaction.atomic
def recount(*, committees=None, centers=None, apps=None) -> int:
    """Count again the tally of the given committee and center ids (None:
    every one, as after loading data in bulk); returns the rows written.
    `apps`: a migration's models."""
    everything = committees is None and centers is None
    committees, centers = set(committees or ()), set(centers or ())
    if apps is None:
        event, reception, record, tally = Event, Reception, PreventionRecord, MonthTally
    else:
        event, reception, record, tally = (
            apps.get_model(label) for label in ("events.Event", "centers.Reception",
                                                "centers.PreventionRecord", "returns.MonthTally")
        )
    events = event._base_manager.filter(by_city=False)
    receptions = reception._base_manager.all()
    prevention = record._base_manager.all()
    tallies = tally._base_manager.all()
    if not everything:
        events = events.filter(committee_id__in=committees) | events.filter(
            center_id__in=centers
        )
        receptions = receptions.filter(center_id__in=centers)
        prevention = prevention.filter(center_id__in=centers)
        tallies = tallies.filter(committee_id__in=committees) | tallies.filter(
            center_id__in=centers
        )
    counts = defaultdict(dict)
    for row in _grouped(events, "date", ("committee_id", "center_id"), events=Count("pk"),
                        participants=Sum("participants")):
        key = (row["committee_id"], None if row["committee_id"] else row["center_id"])
        counts[key, _as_date(row["month_start"])].update(
            events=row["events"], participants=row["participants"] or 0
        )
    for row in _grouped(receptions, "date", ("center_id",), receptions=Count("pk"),
                        visitors=Coalesce(Sum("visitors"), 0)):
        counts[(None, row["center_id"]), _as_date(row["month_start"])].update(
            receptions=row["receptions"], visitors=row["visitors"]
        )
    for row in _grouped(prevention, "month", ("center_id",), prevention_records=Count("pk"),
                        prevention=Coalesce(Sum("count"), 0)):
        counts[(None, row["center_id"]), _as_date(row["month_start"])].update(
            prevention_records=row["prevention_records"], prevention=row["prevention"]
        )
    tallies.delete()
    rows = [
        tally(committee_id=committee, center_id=center, month=month, **values)
        for ((committee, center), month), values in counts.items()
    ]
    tally._base_manager.bulk_create(rows, batch_size=2000)
    return len(rows)


def _organisers(obj) -> set[tuple[str, int]]:
    keys = set()
    for name in ("committee_id", "center_id"):
        for value in (getattr(obj, name, None), obj.__dict__.get(f"_tally_{name}")):
            if value:
                keys.add((name, value))
    return keys


def remember(sender, instance, **kwargs) -> None:
    """post_init: the organiser the record had when loaded, so that a record
    moved to another organiser has the old one counted again too."""
    for name in ("committee_id", "center_id"):
        if name in instance.__dict__:
            instance.__dict__[f"_tally_{name}"] = instance.__dict__[name]


def _recount_keys(keys) -> None:
    committees = {pk for name, pk in keys if name == "committee_id"}
    centers = {pk for name, pk in keys if name == "center_id"}
    if committees or centers:
        recount(committees=committees, centers=centers)


def record_changed(sender, instance, **kwargs) -> None:
    """post_save and post_delete of a counted record."""
    keys = _organisers(instance)
    _recount_keys(keys)
    remember(sender, instance)


def rows_imported(sender, model, objs, **kwargs) -> None:
    """core.imports.engine.rows_saved: the organisers of an import's rows."""
    if model not in COUNTED:
        return
    keys = set()
    for obj in objs:
        keys |= _organisers(obj)
    _recount_keys(keys)
