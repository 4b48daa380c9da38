"""Who may do what in the admin, asked the way a browser asks: over HTTP.

For each role and each registered admin the table below says which of the
actions are allowed; every admin URL of that model is requested and the
answer compared. A model admin the table does not list, or an admin URL
whose action the table does not know, fails the test, so a new page cannot
slip in unreviewed.
"""

import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from events.models import BookletProposal
from tests.factories import EventPhotoFactory

ACTIONS = ("list", "view", "add", "change", "delete", "history", "export", "import")
FULL = set(ACTIONS)
READ = {"list", "view", "history"}
NONE = set()

# The last part of each admin URL name -> the action it serves.
URL_ACTIONS = {
    "changelist": "list",
    "add": "add",
    "change": "view",  # and "change": the page shows a save button or not
    "delete": "delete",
    "history": "history",
    "simple_history": "history",
    "password_change": "change",
    "import": "import",
    "process_import": "import",
    "export": "export",
    "pdf": "view",  # a destruction act's file
}

STAFF_ONLY = {"contests.program", "reports.narrativeblock", "reports.yearplan"}
REFERENCE = {
    "events.campaign", "contests.contest", "contests.contestedition", "contests.nomination",
    "contests.result",
}

EXPECTED = {
    "staff": {
        **dict.fromkeys((
            "committees.territory", "committees.districtcommittee", "committees.tosbody",
            "committees.activist", "centers.center", "centers.club", "centers.reception",
            "centers.preventionrecord", "centers.rentalitem", "events.event",
            "contests.application", "contests.initiativeproject", *REFERENCE, *STAFF_ONLY,
        ), FULL),
        "committees.consent": FULL,
        # The booklet's queue: decided (changed) in the list, never added
        # or deleted there; no import or export.
        "events.bookletproposal": {"list", "view", "change", "history"},
        "auth.user": {"list", "view", "add", "change", "history"},
        "auth.group": READ,
        "accounts.exportrecord": READ,
        "accounts.accessrecord": READ,
        "accounts.subjectrequest": FULL - {"import", "export"},
        # The officer responsible for personal data only (test_destruction.py).
        "accounts.erasurequeue": NONE,
        "accounts.destructionact": NONE,
        # «Закрыть год» adds one, «Открыть год» deletes it; editions are
        # published from the report page and never changed.
        "reports.closedyear": FULL - {"import", "export"},
        "reports.publishededition": READ,
        "axes.accessattempt": READ | {"delete"},
        "axes.accesslog": READ,
        "axes.accessfailurelog": READ,
    },
    "chair": {
        "committees.tosbody": FULL,
        "committees.activist": FULL,
        "committees.consent": READ | {"add", "change"},
        "events.event": FULL,
        "events.bookletproposal": READ,  # their own proposals; staff decide
        "contests.application": FULL,
        "committees.territory": READ,
        "committees.districtcommittee": READ,
        **dict.fromkeys(REFERENCE, READ),
    },
    "center": {
        "centers.club": FULL,
        "centers.reception": FULL,
        "centers.preventionrecord": FULL,
        "centers.rentalitem": FULL,
        "events.event": FULL,
        "events.bookletproposal": READ,  # their own proposals; staff decide
        "contests.application": FULL,
        "centers.center": READ,
        "committees.territory": READ,
        **dict.fromkeys(REFERENCE, READ),
    },
    "viewer": {
        **dict.fromkeys((
            "committees.territory", "committees.districtcommittee", "committees.tosbody",
            "committees.activist", "centers.center", "centers.club", "centers.reception",
            "centers.preventionrecord", "centers.rentalitem", "events.event",
            "contests.application", "contests.initiativeproject",
        ), READ),
        **dict.fromkeys(REFERENCE, READ),
    },
}

# Only a list with an import format (core/imports/registry.py) offers an
# import, to anyone: the others' import pages are not found.
IMPORTABLE = {
    "committees.tosbody", "committees.activist", "events.event", "centers.club",
    "centers.reception", "centers.preventionrecord", "contests.application",
    "contests.initiativeproject",
}
for _table in EXPECTED.values():
    for _label, _actions in _table.items():
        if _label not in IMPORTABLE:
            _table[_label] = _actions - {"import"}

REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label_lower)


def admin_url_names(model):
    """The named URLs of a model's admin, by their last part."""
    opts = model._meta
    prefix = f"{opts.app_label}_{opts.model_name}_"
    names = {}
    for pattern in admin.site._registry[model].urls:
        name = getattr(pattern, "name", None)
        if name:
            assert name.startswith(prefix), name
            names[name[len(prefix):]] = name
    return names


def test_every_admin_url_has_an_action_in_the_matrix():
    unknown = {
        (model._meta.label_lower, suffix)
        for model in REGISTERED
        for suffix in admin_url_names(model)
        if suffix not in URL_ACTIONS
    }
    assert not unknown, f"admin URLs the permission matrix does not cover: {unknown}"


def test_every_registered_admin_is_in_the_matrix():
    labels = {model._meta.label_lower for model in REGISTERED}
    assert labels == set(EXPECTED["staff"]), "add new admins to EXPECTED (every role)"
    for role, table in EXPECTED.items():
        assert set(table) <= labels, role


def allowed(response, action):
    if response.status_code in (403, 404, 405):
        return False
    assert response.status_code == 200, (action, response.status_code)
    if action == "change":
        return 'name="_save"' in response.content.decode()
    return True


def observe(client, world, role, model):
    """The actions the role was allowed, and the URL names asked."""
    opts = model._meta
    names = admin_url_names(model)
    obj = world.own(role, model) or world.any(model)
    seen, asked = set(), set()

    def ask(suffix, action, *args, method="get"):
        asked.add(suffix)
        response = getattr(client, method)(reverse(f"admin:{names[suffix]}", args=args))
        if allowed(response, action):
            seen.add(action)

    ask("changelist", "list")
    ask("add", "add")
    ask("change", "view", obj.pk)
    ask("change", "change", obj.pk)
    ask("delete", "delete", obj.pk)
    ask("history", "history", obj.pk)
    if "simple_history" in names:
        version = obj.history.order_by("history_id").first()
        ask("simple_history", "history", obj.pk, version.history_id)
    if "password_change" in names:
        ask("password_change", "change", obj.pk)
    if "pdf" in names:
        ask("pdf", "view", obj.pk)
    for suffix in ("export", "import"):
        if suffix in names:
            ask(suffix, suffix)
    if "process_import" in names:
        ask("process_import", "import", method="post")
    # The list offers the import and export buttons exactly when allowed.
    if "list" in seen:
        page = client.get(reverse(f"admin:{names['changelist']}")).content.decode()
        for suffix in ("import", "export"):
            try:
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{suffix}")
            except NoReverseMatch:
                continue
            offered = re.search(rf"href=[\"']{re.escape(url)}", page) is not None
            assert offered == (suffix in seen), (role, model, suffix)
    return seen, asked


@pytest.fixture(autouse=True)
def _booklet_proposals(request):
    """A proposed photo on each event of the world, for the booklet's queue."""
    if "world" not in request.fixturenames:
        return
    world = request.getfixturevalue("world")
    for tag, event in list(world.objects.get("events.event", [])):
        photo = EventPhotoFactory(event=event, booklet_state="proposed", booklet_caption="Двор")
        world.add(tag, BookletProposal.objects.get(pk=photo.pk))


@pytest.mark.parametrize("role", ["staff", "chair", "center", "viewer"])
def test_permission_matrix(client_for, world, role):
    client = client_for(role)
    wrong = {}
    for model in REGISTERED:
        label = model._meta.label_lower
        seen, asked = observe(client, world, role, model)
        assert asked == set(admin_url_names(model)), (label, asked)
        # "view" and "change" share one URL; both were asked.
        expected = EXPECTED[role].get(label, NONE)
        if seen != expected:
            wrong[label] = {"extra": sorted(seen - expected),
                            "missing": sorted(expected - seen)}
    assert not wrong, wrong
