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
    committee = (DistrictCommittee.objects.filter(number=names.DEMO_CHAIR_COMMITTEE_NUMBER)
                 .first() or DistrictCommittee.objects.first())
    center = Center.objects.filter(name=names.DEMO_CENTER).first() or Center.objects.first()
    territory = (Territory.objects.filter(name=names.DEMO_VIEWER_TERRITORY).first()
                 or Territory.objects.first())
    wanted = [
        ("staff", Profile.Role.STAFF, {}, "сотрудник администрации (суперпользователь)",
         ("Ольга", "Смирнова")),
        ("chair", Profile.Role.CHAIR, {"committee": committee},
         f"председатель: {committee}", ("Галина", "Кузнецова")),
        ("center", Profile.Role.CENTER, {"center": center},
         f"специалист {center}", ("Марина", "Белова")),
        ("viewer", Profile.Role.VIEWER, {"territory": territory},
         f"наблюдатель: {territory}", ("Андрей", "Соколов")),
    ]
    logins = []
    for username, role, link, description, (first_name, last_name) in wanted:
        if None in link.values():
            continue
        password = generate_password()
        user, _ = create_user_for(username=username, role=role, password=password,
                                  first_name=first_name, last_name=last_name, **link)
        if role == Profile.Role.STAFF:
            # Works before the role groups have their permissions.
            User.objects.filter(pk=user.pk).update(is_superuser=True)
        logins.append(Login(username, password, description))
    return logins
