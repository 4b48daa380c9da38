"""Writes concerning users, their roles and personal data."""

import secrets

from django.contrib.auth.models import Group, User
from django.db import transaction

from committees.services import anonymised_name, erase_personal_data
from core.personal_data import personal_fields
from core.scoping import NO_ACCESS, Scope

from .access_log import record_access
from .models import ExportRecord, Profile
from .roles import ROLE_GROUPS

__all__ = [
    "ROLE_GROUPS",
    "anonymised_name",
    "create_user_for",
    "erase_personal_data",
    "generate_password",
    "record_export",
]


def generate_password() -> str:
    return secrets.token_urlsafe(12)


@transaction.atomic
def create_user_for(
    *,
    username: str,
    role: str,
    committee=None,
    center=None,
    territory=None,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
) -> tuple[User, str | None]:
    """Create or update a user with a role and its link. Returns the user
    and the new password when one was set (given or generated)."""
    user, created = User.objects.get_or_create(username=username)
    if created and password is None:
        password = generate_password()
    if password is not None:
        user.set_password(password)
    user.first_name = first_name or user.first_name
    user.last_name = last_name or user.last_name
    user.is_staff = True  # every role works in the admin site
    user.save()

    profile = Profile.objects.filter(user=user).first() or Profile(user=user)
    profile.role = role
    profile.committee = committee if role == Profile.Role.CHAIR else None
    profile.center = center if role == Profile.Role.CENTER else None
    profile.territory = territory if role == Profile.Role.VIEWER else None
    profile.full_clean()
    profile.save()

    user.groups.set(Group.objects.filter(name=ROLE_GROUPS[role]))
    return user, password


def scope_of(user) -> Scope:
    """The scope of an active user other than a superuser: their profile's
    role and link (core.scoping asks this through register_scope_source)."""
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return NO_ACCESS
    return Scope(
        role=profile.role,
        committee_id=profile.committee_id,
        center_id=profile.center_id,
        territory_id=profile.territory_id,
    )


def record_export_signal(sender, signal=None, **kwargs) -> None:
    """core.signals.data_exported -> an ExportRecord."""
    record_export(**kwargs)


def record_export(
    *,
    user,
    queryset,
    fields: tuple[str, ...] | list[str] = (),
    filters: str = "",
    file_format: str = "",
    via: str = "admin",
) -> ExportRecord:
    """Record that `user` exported the rows of `queryset` (with `fields`, or
    every field). Every export path calls this with the queryset it wrote."""
    model = queryset.model
    ids = list(queryset.order_by().values_list("pk", flat=True))
    exported = set(fields) if fields else None
    personal = [f for f in personal_fields(model) if exported is None or f in exported]
    if personal:
        # An export holding personal data is also an entry of the access log.
        record_access(
            user=user, action="export", model=model, object_ids=ids,
            detail=f"{file_format or via}: {', '.join(personal)}",
        )
    return ExportRecord.objects.create(
        user=user if user is not None and user.pk else None,
        username=getattr(user, "username", "") or "",
        model=model._meta.label_lower,
        model_name=str(model._meta.verbose_name_plural),
        row_count=len(ids),
        object_ids=ids,
        filters=filters[:1000],
        file_format=file_format[:20],
        via=via[:50],
        personal_fields=", ".join(personal),
    )
