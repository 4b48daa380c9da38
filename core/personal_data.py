"""Personal data of activists (152-ФЗ): who may see which fields.

City staff and the activist's own chair see them (the chair sees only their
own committee's activists: that is core.scoping's part); center staff
and viewers never do. Which fields hold personal data each model declares
in core.access.
"""

from . import access
from .scoping import get_scope

# model label -> the fields that hold personal data
PERSONAL_FIELDS: dict[str, tuple[str, ...]] = access.personal_fields_by_model()


def personal_fields(model) -> tuple[str, ...]:
    return PERSONAL_FIELDS.get(model._meta.label_lower, ())


def may_see_personal_data(user) -> bool:
    return get_scope(user).role in ("staff", "chair")


def hidden_fields(user, model) -> tuple[str, ...]:
    """The fields of `model` that must be left out for `user`."""
    return () if may_see_personal_data(user) else personal_fields(model)
