"""Users of the portal's tests, one per role, made through the factories."""

import io

from PIL import Image

from accounts.models import Profile
from tests.factories import CenterFactory, CommitteeFactory, ProfileFactory


def make_chair(committee=None, username=None):
    committee = committee or CommitteeFactory()
    extra = {"user__username": username} if username else {}
    return ProfileFactory(role=Profile.Role.CHAIR, committee=committee, **extra).user


def make_center_staff(center=None):
    return ProfileFactory(role=Profile.Role.CENTER, center=center or CenterFactory()).user


def make_city_staff(username=None):
    extra = {"user__username": username} if username else {}
    return ProfileFactory(role=Profile.Role.STAFF, **extra).user


def jpeg_bytes(width=3000, height=2000, color="#2f7d4a") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "JPEG", quality=90)
    return out.getvalue()
