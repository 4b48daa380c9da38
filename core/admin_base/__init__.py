"""Base classes for every admin of the registry.

They route querysets, foreign-key choices, forms, inlines, actions, history
pages, imports and exports through core.scoping and
core.personal_data, so that no admin class repeats the access rules:

- rows: every queryset is `scope_queryset`'d; an object outside the scope
  is a 404, exactly like one that does not exist;
- writes: a form whose record would leave the user's scope gets a Russian
  form error; `save_model` refuses as a last resort;
- fields: those the role never fills (scoping.role_hidden_fields) and
  personal data the user may not see (personal_data.hidden_fields) are left
  out of forms, lists, search, history pages and exports;
- imports see only the user's rows and may write only into their scope;
  every export is recorded (accounts.ExportRecord).

By concern: `scoped` (rows, choices, fields and writes of any admin or
inline), `resources` (import-export resources bound to one user),
`registry` (RegistryAdmin: lists, search, 404s, forms, history pages,
import and export).
"""

from core.scoping import OUT_OF_SCOPE

from .registry import RegistryAdmin
from .resources import ScopedResourceMixin, scoped_resource
from .scoped import (
    ScopedInline,
    ScopedMixin,
    hidden_fields,
    lookup_touches_hidden,
)

__all__ = [
    "OUT_OF_SCOPE",
    "RegistryAdmin",
    "ScopedInline",
    "ScopedMixin",
    "ScopedResourceMixin",
    "hidden_fields",
    "lookup_touches_hidden",
    "scoped_resource",
]
