"""Every page of the portal is in a permission matrix: each area's
tests/portal/matrix_<area>.py names the URLs it asks for every role (GET
and POST, tampered ids) in its COVERED set. A new portal URL that no matrix
names fails here, so no page slips in unreviewed."""

import importlib
import pkgutil

from django.urls import get_resolver

import tests.portal


def portal_url_names() -> set[str]:
    namespace = get_resolver().namespace_dict["portal"][1]
    return {
        f"portal:{name}" for name in namespace.reverse_dict if isinstance(name, str)
    }


def covered() -> set[str]:
    names = set()
    for module in pkgutil.iter_modules(tests.portal.__path__):
        if module.name.startswith("matrix_"):
            names |= importlib.import_module(f"tests.portal.{module.name}").COVERED
    return names


# Pages before any matrix: the login and logout pages (anyone), the home
# and the application form (tests/portal/test_access.py,
# tests/portal/test_applications.py), the board (tests/portal/test_board.py).
ELSEWHERE = {"portal:login", "portal:logout", "portal:home", "portal:application_add",
             "portal:board", "portal:board_export"}


def test_every_portal_url_is_in_a_permission_matrix():
    missing = portal_url_names() - covered() - ELSEWHERE
    assert not missing, f"add these to a tests/portal/matrix_<area>.py COVERED set: {missing}"


def test_every_covered_name_is_a_portal_url():
    assert covered() <= portal_url_names()
