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


PHONE_DIGITS = 5  # a search term with this many digits is taken for a phone


def search_kind(term: str) -> str:
    """«по e-mail», «по телефону» or "" for a search term."""
    term = term or ""
    if "@" in term:
        return "поиск по e-mail"
    if sum(ch.isdigit() for ch in term) >= PHONE_DIGITS:
        return "поиск по телефону"
    return ""


def searches_personal(model, term: str) -> bool:
    """Whether a search of `model` by `term` looks for a phone or an e-mail
    of a model holding personal data (such searches are logged)."""
    return bool(personal_fields(model)) and bool(search_kind(term))


def log_access(request, action: str, model, object_ids=(), detail: str = "") -> None:
    """Put one entry in the access log (core.signals.personal_data_accessed):
    who (`request.user`), from where, did what to which rows."""
    from .signals import personal_data_accessed

    personal_data_accessed.send(
        sender=model,
        user=getattr(request, "user", None),
        action=action,
        model=model,
        object_ids=[str(pk) for pk in object_ids],
        detail=detail,
        request=request,
    )


# What other apps hold about a person, for the answer to a subject request
# (152-ФЗ, art. 14; accounts.subject_requests): each source is
# `source(activist) -> (sheet title, header, rows)`, registered by the app
# that holds the rows (in its AppConfig.ready()).
_SUBJECT_SOURCES = []


def register_subject_source(source) -> None:
    if source not in _SUBJECT_SOURCES:
        _SUBJECT_SOURCES.append(source)


def subject_sources() -> list:
    return list(_SUBJECT_SOURCES)
