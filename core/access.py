"""Who may do what with each model: the one declaration of access.

ACCESS holds one entry per model label, and the entry says everything about
access to that model:

- scope: per role, the path (or tuple of paths) from the model to what the
  role is bound to (a chair's committee, center staff's center, a viewer's
  territory), or ALL when every holder of the role reads every row. City
  staff see every row; a role the entry does not name sees none, and a
  model without an entry is city staff's alone (core.scoping).
- hidden: per role, the fields the role never fills in, left out of its
  forms, lists, filters and imports (core.scoping.role_hidden_fields).
- read_only: per role, the fields the role sees but never sets
  (core.scoping.role_read_only_fields).
- personal: the fields holding personal data under 152-ФЗ
  (core.personal_data).
- permissions: per role, the Django permissions its group holds on the
  model (accounts.roles creates the groups); city staff hold every
  permission of STAFF_APPS besides.

The tables the mechanisms read are derived from it: core.scoping.SCOPES,
ROLE_HIDDEN_FIELDS and ROLE_READ_ONLY_FIELDS, core.personal_data's
PERSONAL_FIELDS and accounts.roles.ROLE_PERMISSIONS. Change access here,
never in those.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

ALL = "__all__"  # every row may be read (reference data: contests, campaigns)

# Django's view, add, change, delete and the registry's import and export.
FULL = ("view", "add", "change", "delete", "import", "export")
VIEW = ("view",)

# The project's own apps: city staff hold every permission of them.
STAFF_APPS = ("accounts", "committees", "events", "centers", "contests", "reports", "portal",
              "returns")

Paths = str | tuple[str, ...]

# The fields of a photo's booklet decision, set by city staff alone.
BOOKLET_DECISION = ("booklet_state", "booklet_order", "proposed_by", "proposed_at",
                    "decided_by", "decided_at")


@dataclass(frozen=True)
class Access:
    scope: Mapping[str, Paths] = field(default_factory=dict)
    hidden: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    read_only: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    personal: tuple[str, ...] = ()
    permissions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


# Reference data: every role reads it, city staff alone change it.
REFERENCE = {"chair": ALL, "center": ALL, "viewer": ALL}
READ_BY_ALL = {"chair": VIEW, "center": VIEW, "viewer": VIEW}

ACCESS: Mapping[str, Access] = MappingProxyType({
    # The registry of committees
    "committees.territory": Access(
        scope={"viewer": "pk", "chair": ALL, "center": ALL},
        permissions=READ_BY_ALL,
    ),
    "committees.districtcommittee": Access(
        scope={"chair": "pk", "viewer": "territory"},
        permissions={"chair": VIEW, "viewer": VIEW},
    ),
    "committees.tosbody": Access(
        scope={"chair": "committee", "viewer": "committee__territory"},
        permissions={"chair": FULL, "viewer": VIEW},
    ),
    "committees.activist": Access(
        scope={"chair": "committee", "viewer": "committee__territory"},
        # City staff and the activist's own chair see them (the chair only
        # their committee's activists, by the scope); center staff and
        # viewers never do (core.personal_data.may_see_personal_data).
        personal=("phone", "email", "birth_date"),
        permissions={"chair": FULL, "viewer": VIEW},
    ),
    # An activist's consents (and their scans): personal data, so their
    # chair and city staff only, as the activist's personal fields.
    "committees.consent": Access(
        scope={"chair": "activist__committee"},
        permissions={"chair": ("view", "add", "change")},
    ),
    # Centers
    "centers.center": Access(
        scope={"center": "pk", "viewer": "territory"},
        permissions={"center": VIEW, "viewer": VIEW},
    ),
    **{
        f"centers.{name}": Access(
            scope={"center": "center", "viewer": "center__territory"},
            permissions={"center": FULL, "viewer": VIEW},
        )
        for name in ("club", "reception", "preventionrecord", "rentalitem")
    },
    "centers.clubyear": Access(
        scope={"center": "club__center", "viewer": "club__center__territory"},
        permissions={"center": FULL, "viewer": VIEW},
    ),
    # Events
    "events.campaign": Access(scope=REFERENCE, permissions=READ_BY_ALL),
    "events.event": Access(
        scope={"chair": "committee", "center": "center", "viewer": "territory"},
        # A chair's event is never a center's, and never "by the city"; the
        # "risk group" mark is center work.
        hidden={
            "chair": ("center", "by_city", "is_at_risk"),
            "center": ("committee", "tos_body", "by_city"),
        },
        permissions={"chair": FULL, "center": FULL, "viewer": VIEW},
    ),
    "events.eventphoto": Access(
        scope={
            "chair": "event__committee",
            "center": "event__center",
            "viewer": "event__territory",
        },
        # A chair or a center proposes a photo for the booklet in the
        # portal; the decision (and its order) is city staff's.
        read_only=dict.fromkeys(("chair", "center"), BOOKLET_DECISION),
        permissions={"chair": FULL, "center": FULL, "viewer": VIEW},
    ),
    # The staff's queue of photos proposed for the booklet (a proxy of the
    # photos): chairs and centers read their own proposals there; only
    # city staff change them, that is approve, reject, edit the caption.
    "events.bookletproposal": Access(
        scope={"chair": "event__committee", "center": "event__center"},
        permissions={"chair": VIEW, "center": VIEW},
    ),
    # Contests
    "contests.contest": Access(scope=REFERENCE, permissions=READ_BY_ALL),
    "contests.contestedition": Access(scope=REFERENCE, permissions=READ_BY_ALL),
    "contests.nomination": Access(scope=REFERENCE, permissions=READ_BY_ALL),
    "contests.application": Access(
        scope={"chair": "committee", "center": "center", "viewer": "territory"},
        hidden={"chair": ("center",), "center": ("committee", "tos_body")},
        # The model derives the territory from the applicant; city staff
        # (the jury) move applications between stages. Read-only in the
        # admin's forms, refused in imports, never offered by the portal.
        read_only={"chair": ("stage", "territory"), "center": ("stage", "territory")},
        permissions={"chair": FULL, "center": FULL, "viewer": VIEW},
    ),
    "contests.result": Access(
        scope={
            "chair": "application__committee",
            "center": "application__center",
            "viewer": "application__territory",
        },
        permissions=READ_BY_ALL,
    ),
    "contests.initiativeproject": Access(
        scope={"viewer": "territory"},
        permissions={"viewer": VIEW},
    ),
    # Monthly returns: a committee's or center's own months; the board
    # (staff, viewers) reads them by territory. Written by the portal's
    # services only (returns.services), the tally by returns.tally.
    **{
        f"returns.{name}": Access(scope={
            "chair": "committee",
            "center": "center",
            "viewer": ("committee__territory", "center__territory"),
        })
        for name in ("monthlyreturn", "monthtally")
    },
    "returns.reminder": Access(),
    # Reports: a booklet is read by whoever reads the report of its
    # territory (core.scoping.report_scope); a city-wide one by city staff.
    "reports.bookletjob": Access(scope={"viewer": "territory"}),
    # Outside the project's apps, for city staff only. Staff keep the user
    # list; granting superuser status and single permissions stays with
    # superusers (see accounts.admin).
    "auth.user": Access(permissions={"staff": ("view", "add", "change")}),
    "auth.group": Access(permissions={"staff": VIEW}),
    # Login protection: staff read the logs and unlock an account by
    # deleting its failed attempts.
    "axes.accessattempt": Access(permissions={"staff": ("view", "delete")}),
    "axes.accesslog": Access(permissions={"staff": VIEW}),
    "axes.accessfailurelog": Access(permissions={"staff": VIEW}),
})


def by_model(part: str) -> dict[str, dict]:
    """label -> {role: value} of one per-role part ("scope", "hidden",
    "read_only"), for the models that declare it."""
    return {
        label: dict(getattr(access, part))
        for label, access in ACCESS.items()
        if getattr(access, part)
    }


def personal_fields_by_model() -> dict[str, tuple[str, ...]]:
    return {label: access.personal for label, access in ACCESS.items() if access.personal}


def permissions_by_role(roles) -> dict[str, dict[str, tuple[str, ...]]]:
    """role -> {label: actions}, for each of `roles` (every role gets an
    entry, empty if it holds nothing)."""
    return {
        role: {
            label: access.permissions[role]
            for label, access in ACCESS.items()
            if role in access.permissions
        }
        for role in roles
    }
