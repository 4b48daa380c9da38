"""The demo's log-ins: one per role, with a new random password each time."""

from dataclasses import dataclass

from django.contrib.auth.models import User

from accounts.models import Profile
from accounts.services import create_user_for, generate_password
from centers.models import Center
from committees.models import DistrictCommittee, Territory

from . import names


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    role: str  # what the person does, in Russian


def demo_logins() -> list[Login]:
    """Create the four demo users, or give the existing ones new passwords.

    A user whose link (committee, center, territory) is missing from the
    database is left out: there is nothing for them to see.
    """
    wanted = names.LOGINS
    committee = (DistrictCommittee.objects.filter(number=wanted["chair_committee_number"])
                 .first() or DistrictCommittee.objects.first())
    center = Center.objects.filter(name=wanted["center"]).first() or Center.objects.first()
    territory = (Territory.objects.filter(name=wanted["viewer_territory"]).first()
                 or Territory.objects.first())
    roles = {
        "staff": (Profile.Role.STAFF, {}, "сотрудник администрации (суперпользователь)"),
        "chair": (Profile.Role.CHAIR, {"committee": committee}, f"председатель: {committee}"),
        "center": (Profile.Role.CENTER, {"center": center}, f"специалист {center}"),
        "viewer": (Profile.Role.VIEWER, {"territory": territory}, f"наблюдатель: {territory}"),
    }
    logins = []
    for person in wanted["people"]:
        username = person["username"]
        role, link, description = roles[username]
        if None in link.values():
            continue
        password = generate_password()
        user, _ = create_user_for(username=username, role=role, password=password,
                                  first_name=person["first_name"],
                                  last_name=person["last_name"], **link)
        if role == Profile.Role.STAFF:
            # Works before the role groups have their permissions.
            User.objects.filter(pk=user.pk).update(is_superuser=True)
        logins.append(Login(username, password, description))
    return logins
