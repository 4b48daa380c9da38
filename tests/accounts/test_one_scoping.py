"""Rows are scoped in one place: core.scoping.

No module outside core/ (migrations and tests aside) works out a user's
committee, center or territory itself to filter rows by it: it calls
scope_queryset, owner_field_initial, fits_scope, report_scope or owner_of,
which read the one declaration, core.access. The check reads the source:

- `request.user.profile`: the user's profile, read past core.scoping;
- `profile.committee`, `profile.center_id`, ...: a profile's link;
- `scope.committee_id`, `get_scope(user).territory_id`, ...: a Scope's link;
- `.filter(committee=...)`, `Q(territory=...)`, ... (also `exclude`, `get`,
  `committee__territory=`, `center_id=`) whose value comes from the user, a
  scope, a profile or a whole request (not its GET or POST), directly or
  through a name the same function set from one.

A line the check must let pass goes into ALLOWED with the reason; an
entry that no longer matches anything fails too, so the list stays true.
"""

import ast
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# (path from the project root, the line stripped) -> why it may stay.
ALLOWED: dict[tuple[str, str], str] = {
    ("returns/reminders.py",
     'key = ("committee", profile.committee_id) if profile.committee_id else ('):
        "the reminders find the people of a committee or center to write to; "
        "they read no rows for a user",
    ("returns/reminders.py", '"center", profile.center_id)'):
        "the reminders find the people of a committee or center to write to; "
        "they read no rows for a user",
    ("accounts/services.py",
     "profile.committee = committee if role == Profile.Role.CHAIR else None"):
        "create_user_for writes the profile's link; it filters nothing",
    ("accounts/services.py", "profile.center = center if role == Profile.Role.CENTER else None"):
        "create_user_for writes the profile's link; it filters nothing",
    ("accounts/services.py",
     "profile.territory = territory if role == Profile.Role.VIEWER else None"):
        "create_user_for writes the profile's link; it filters nothing",
    ("accounts/services.py", "committee_id=profile.committee_id,"):
        "scope_of is the scope source core.scoping asks (accounts.apps): it "
        "builds the Scope from the profile",
    ("accounts/services.py", "center_id=profile.center_id,"):
        "scope_of is the scope source core.scoping asks (accounts.apps): it "
        "builds the Scope from the profile",
    ("accounts/services.py", "territory_id=profile.territory_id,"):
        "scope_of is the scope source core.scoping asks (accounts.apps): it "
        "builds the Scope from the profile",
    ("accounts/admin.py",
     'return profile.committee or profile.center or profile.territory or "весь город"'):
        "the user list shows whom a user works for; it filters nothing",
    ("bench/run.py", 'committee = get_scope(users["chair"]).committee_id'):
        "the benchmark measures a staff list filtered by the demo chair's "
        "committee; it builds a URL, not a queryset",
}

SKIPPED_DIRS = {"core", "tests", "migrations", "node_modules", "__pycache__", "static"}

LINK = r"(?:committee|center|territory)"
LINE_PATTERNS = {
    "the user's profile": re.compile(r"\brequest\.user\.profile\b"),
    "a profile's link": re.compile(rf"\bprofile\.{LINK}(?:_id)?\b"),
    "a scope's link": re.compile(rf"scope(?:\([^()]*(?:\([^()]*\))?[^()]*\))?\.{LINK}_id\b"),
}

LINK_FIELDS = {"committee", "center", "territory", "committee_id", "center_id", "territory_id"}
FILTERS = {"filter", "exclude", "get", "get_or_create", "update_or_create"}
USER_NAMES = {"user", "profile", "scope", "get_scope"}
USER_ATTRIBUTES = {"user", "profile"}
# What a request holds besides its user: reading these is not reading the
# user (a territory picked in ?territory= is filtered within the scope).
REQUEST_DATA = {"GET", "POST", "FILES", "COOKIES", "META", "headers", "method", "path",
                "session", "get_full_path", "build_absolute_uri"}


def _from_user(node: ast.AST, derived: set[str]) -> bool:
    """Whether an expression reads the user, a profile or a scope; a whole
    request handed on counts, since what it is handed to may read its
    user."""
    data = {
        id(part.value) for part in ast.walk(node)
        if isinstance(part, ast.Attribute) and part.attr in REQUEST_DATA
    }
    for part in ast.walk(node):
        if isinstance(part, ast.Name) and (
            part.id in USER_NAMES or part.id.endswith("_scope") or part.id in derived
            or (part.id == "request" and id(part) not in data)
        ):
            return True
        if isinstance(part, ast.Attribute) and part.attr in USER_ATTRIBUTES:
            return True
    return False


def _is_filter(call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr in FILTERS
    return isinstance(func, ast.Name) and func.id == "Q"


def _assigned_names(target: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}


def _derived_names(scope: ast.AST) -> set[str]:
    """Names a function (or module) sets from the user, a profile or a
    scope, followed through later assignments."""
    assignments = [
        (node.targets if isinstance(node, ast.Assign) else [node.target], node.value)
        for node in ast.walk(scope)
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.NamedExpr) and node.value
    ]
    derived: set[str] = set()
    while True:
        found = {
            name
            for targets, value in assignments
            if _from_user(value, derived)
            for target in targets
            for name in _assigned_names(target)
        } - derived
        if not found:
            return derived
        derived |= found


def hand_made_filters(source: str) -> list[tuple[int, str]]:
    """(line, what) of every filter call by a user-derived link."""
    tree = ast.parse(source)
    found = []
    scopes = [tree] + [
        node for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
    ]
    for scope in scopes:
        derived = _derived_names(scope) if not isinstance(scope, ast.Module) else set()
        for call in ast.walk(scope):
            if not (isinstance(call, ast.Call) and _is_filter(call)):
                continue
            for keyword in call.keywords:
                if keyword.arg is None or not LINK_FIELDS & set(keyword.arg.split("__")):
                    continue
                if _from_user(keyword.value, derived):
                    found.append((call.lineno, f"a filter by {keyword.arg} of the user"))
    return sorted(set(found))


def violations(source: str) -> list[tuple[int, str]]:
    """(line, what) of every place that scopes rows by hand."""
    found = [
        (n, what)
        for n, line in enumerate(source.splitlines(), 1)
        for what, pattern in LINE_PATTERNS.items()
        if pattern.search(line.split("#")[0])
    ]
    return sorted(set(found) | set(hand_made_filters(source)))


def project_modules():
    for directory, subdirs, files in os.walk(ROOT):
        here = Path(directory)
        subdirs[:] = sorted(
            d for d in subdirs
            if not d.startswith(".") and d not in SKIPPED_DIRS and not d.endswith(".egg-info")
            and not (here / d / "pyvenv.cfg").exists()
        )
        for name in sorted(files):
            if name.endswith(".py"):
                yield here / name


def test_the_check_reads_the_project():
    modules = {path.relative_to(ROOT).as_posix() for path in project_modules()}
    assert {"portal/views.py", "reports/views.py", "accounts/services.py"} <= modules
    assert not any(m.startswith(("core/", "tests/")) or "/migrations/" in m for m in modules)


@pytest.mark.parametrize("source", [
    "events = Event.objects.filter(committee=request.user.profile.committee)",
    "profile = user.profile\nx = profile.territory_id",
    "jobs = jobs.filter(territory_id=scope.territory_id)",
    "x = get_scope(request.user).center_id",
    "def f(user):\n    return Event.objects.filter(center=user.profile.center)",
    "def f(user):\n    mine = get_scope(user)\n    return Q(committee__territory=mine)",
    "def f(user):\n    s = get_scope(user)\n    own = s.role\n"
    "    return Event.objects.exclude(territory__in=[own])",
    "def f(request):\n    territory = _territory(request)\n"
    "    return jobs.filter(territory=territory)",
])
def test_the_check_finds_a_hand_made_scope(source):
    assert violations(source)


@pytest.mark.parametrize("source", [
    "events = scope_queryset(request.user, Event.objects.all())",
    "def f(user, territory_id):\n"
    "    rows = scope_queryset(user, Center.objects.all())\n"
    "    return rows.filter(territory_id=territory_id)",
    "Event.objects.filter(requested_by=user)",
    "scope = get_scope(user)  # scope.committee_id is core's part",
    "def f(request):\n    territory = int(request.GET.get('territory') or 0)\n"
    "    return scope_queryset(request.user, Center.objects.all()).filter(territory=territory)",
])
def test_the_check_lets_scoped_reads_pass(source):
    assert not violations(source)


def test_no_module_outside_core_scopes_rows_by_hand():
    found, used = [], set()
    for path in project_modules():
        relative = path.relative_to(ROOT).as_posix()
        lines = path.read_text(encoding="utf-8").splitlines()
        for n, what in violations("\n".join(lines)):
            key = (relative, lines[n - 1].strip())
            if key in ALLOWED:
                used.add(key)
            else:
                found.append(f"{relative}:{n}: {what}: {lines[n - 1].strip()}")
    assert not found, (
        "rows scoped by hand; use core.scoping (scope_queryset, owner_field_initial, "
        "report_scope, owner_of) or add the line to ALLOWED with the reason:\n"
        + "\n".join(found)
    )
    assert set(ALLOWED) == used, f"ALLOWED lines no longer found: {set(ALLOWED) - used}"
    assert all(reason.strip() for reason in ALLOWED.values())
