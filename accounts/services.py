"""Writes concerning users and their roles."""

import secrets

from django.contrib.auth.models import Group, User
from django.db import transaction

from .models import Profile

# The Django group of each role; the groups and their permissions are
# created by a migration of this app.
ROLE_GROUPS = {
    Profile.Role.STAFF: "Сотрудники администрации",
    Profile.Role.CHAIR: "Председатели окружных комитетов",
    Profile.Role.CENTER: "Специалисты ЦРН",
    Profile.Role.VIEWER: "Наблюдатели",
}


def generate_password() -> str:
    return secrets.token_urlsafe(9)


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
