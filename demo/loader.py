"""Load the whole demo, find out whether there is data, delete the demo.

Used by `manage.py load_demo`; the command only parses its options.
"""

import graphlib
import time
from collections.abc import Callable

from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.db.models import Q

from accounts.models import Profile
from centers.models import Center, Club, PreventionRecord, Reception
from committees.models import Activist, DistrictCommittee, Territory, TosBody
from events.models import Campaign, Event, EventPhoto
from returns.tally import recount

from . import contests, monthly_returns, names, narrative, registry
from .users import Login, demo_logins

# The apps whose rows the demo writes (contests, narrative and the monthly
# returns with their history included).
DEMO_APPS = ["reports", "returns", "contests", "events", "centers", "committees"]
REGISTRY_MODELS = [Territory, DistrictCommittee, TosBody, Activist, Center, Club, Campaign,
                   Event, Reception, PreventionRecord]


def has_registry_data() -> bool:
    return any(model.objects.exists() for model in REGISTRY_MODELS)


@transaction.atomic
def load_all(log: Callable[[str], None] = lambda message: None) -> list[Login]:
    """The registry, then contests and the narrative (they read it), then
    the log-ins; in one transaction, so a failure leaves nothing behind."""
    # The records go in with bulk_create, which sends no signals: the
    # monthly returns' tally is counted once at the end (returns.tally).
    for title, step in [("реестр", lambda: registry.load(log)), ("конкурсы", contests.load),
                        ("тексты отчета", narrative.load), ("итоги месяцев", recount),
                        ("отчеты за месяц", monthly_returns.load), ("демо-входы", demo_logins)]:
        started = time.monotonic()
        result = step()
        log(f"{title}: {time.monotonic() - started:.1f} с")
    return result


def refers_to(model, models) -> bool:
    return any(f.is_relation and f.related_model in models and f.db_constraint
               for f in model._meta.concrete_fields)


def deletion_order() -> list:
    """Every model of the demo's apps (history and link tables too), and
    of other apps whose rows refer to them, each before the models it
    refers to. Profiles are left to `delete_demo`, which keeps those of
    users not tied to the registry."""
    models = {m for label in DEMO_APPS
              for m in apps.get_app_config(label).get_models(include_auto_created=True)}
    others = set(apps.get_models(include_auto_created=True)) - models - {Profile}
    while more := {m for m in others if refers_to(m, models)}:
        models |= more
        others -= more
    graph = {
        model: {f.related_model for f in model._meta.concrete_fields
                if f.is_relation and f.related_model in models and f.related_model is not model}
        for model in models
    }
    return list(reversed(list(graphlib.TopologicalSorter(graph).static_order())))


@transaction.atomic
def delete_demo(log: Callable[[str], None] = lambda message: None) -> None:
    """Delete the rows of the demo's tables, the demo users, the profiles
    linked to registry rows, and the files of the event photos.

    Plain DELETE statements: the ORM would fetch every row to send the
    signals that simple-history listens to, writing a history row per
    deleted row: minutes for the activists alone.
    """
    photos = list(EventPhoto.objects.values_list("image", flat=True))
    User.objects.filter(username__in=names.DEMO_USERNAMES).delete()
    linked = Profile.objects.filter(
        Q(committee__isnull=False) | Q(center__isnull=False) | Q(territory__isnull=False)
    )
    removed, _ = linked.delete()
    if removed:
        log(f"  удалены профили пользователей, привязанные к реестру: {removed}")
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in deletion_order():
            cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")
    storage = EventPhoto._meta.get_field("image").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in photos if name])


@transaction.atomic
def refresh_logins() -> list[Login]:
    """New passwords for the demo users (created if missing)."""
    return demo_logins()
